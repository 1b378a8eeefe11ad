CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`attempts` integer NOT NULL,
	`window_ends_at` text NOT NULL
);
--> statement-breakpoint
DROP TABLE `login_attempts`;
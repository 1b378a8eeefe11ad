CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`attempts` integer NOT NULL,
	`window_ends_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_throttle_window_ends_at` ON `login_throttle` (`window_ends_at`);--> statement-breakpoint
DROP TABLE `login_attempts`;
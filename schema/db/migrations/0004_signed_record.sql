CREATE TABLE `resolution_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`resolution_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`lead_person_id` text,
	`lead_name` text DEFAULT '' NOT NULL,
	`deadline` text NOT NULL,
	`report_back` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`done_on` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolution_id`) REFERENCES `resolutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `resolution_tasks_resolution` ON `resolution_tasks` (`tenant_id`,`resolution_id`,`position`);--> statement-breakpoint
CREATE INDEX `resolution_tasks_org_deadline` ON `resolution_tasks` (`tenant_id`,`organization_id`,`deadline`);--> statement-breakpoint
CREATE TABLE `resolutions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`year` integer,
	`number` integer,
	`body` text DEFAULT '' NOT NULL,
	`adopted_vote_id` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`issued_by` text,
	`issued_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adopted_vote_id`) REFERENCES `votes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_meeting` ON `resolutions` (`meeting_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_number` ON `resolutions` (`tenant_id`,`organization_id`,`year`,`number`);--> statement-breakpoint
CREATE INDEX `resolutions_tenant_org` ON `resolutions` (`tenant_id`,`organization_id`);--> statement-breakpoint
CREATE TABLE `task_reviews` (
	`tenant_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`task_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`reviewed_by` text,
	`reviewed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`meeting_id`, `task_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `resolution_tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_reviews_tenant_task` ON `task_reviews` (`tenant_id`,`task_id`);--> statement-breakpoint
ALTER TABLE `agenda_items` ADD `kind` text DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE `attendance` ADD `joined_at` text;--> statement-breakpoint
ALTER TABLE `attendance` ADD `left_at` text;--> statement-breakpoint
ALTER TABLE `attendance` ADD `member_status` text;
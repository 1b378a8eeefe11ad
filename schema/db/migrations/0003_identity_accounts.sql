CREATE TABLE `mail_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `passkeys` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`public_key` text NOT NULL,
	`counter` integer DEFAULT 0 NOT NULL,
	`transports` text DEFAULT '[]' NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `passkeys_person` ON `passkeys` (`person_id`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `person_id` text REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `memberships` ADD `full_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `email` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `birth_year` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `linked_at` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `kind` text DEFAULT 'committee' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `parent_id` text;--> statement-breakpoint
CREATE INDEX `tenants_parent` ON `tenants` (`parent_id`);--> statement-breakpoint
-- Each committee keeps its own record of its members: copy what the shared person row held until now.
UPDATE `memberships` SET
	`full_name` = (SELECT `full_name` FROM `people` WHERE `people`.`id` = `memberships`.`person_id`),
	`email` = (SELECT `email` FROM `people` WHERE `people`.`id` = `memberships`.`person_id`),
	`phone` = (SELECT `phone` FROM `people` WHERE `people`.`id` = `memberships`.`person_id`),
	`birth_year` = (SELECT `birth_year` FROM `people` WHERE `people`.`id` = `memberships`.`person_id`),
	`linked_at` = (SELECT `created_at` FROM `people` WHERE `people`.`id` = `memberships`.`person_id` AND `password_hash` IS NOT NULL);

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
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`tenant_id` text,
	`membership_id` text,
	`meeting_id` text,
	`person_id` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	`redeemed_at` text,
	`revoked_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`membership_id`) REFERENCES `memberships`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- person_id is new in this migration (drizzle-kit selects it from the old table).
INSERT INTO `__new_invitations`("id", "token_hash", "code_hash", "purpose", "tenant_id", "membership_id", "meeting_id", "person_id", "created_by", "created_at", "expires_at", "redeemed_at", "revoked_at") SELECT "id", "token_hash", "code_hash", "purpose", "tenant_id", "membership_id", "meeting_id", NULL, "created_by", "created_at", "expires_at", "redeemed_at", "revoked_at" FROM `invitations`;--> statement-breakpoint
DROP TABLE `invitations`;--> statement-breakpoint
ALTER TABLE `__new_invitations` RENAME TO `invitations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_live_code` ON `invitations` (`code_hash`) WHERE redeemed_at is null and revoked_at is null;--> statement-breakpoint
CREATE INDEX `invitations_tenant_membership` ON `invitations` (`tenant_id`,`membership_id`);--> statement-breakpoint
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

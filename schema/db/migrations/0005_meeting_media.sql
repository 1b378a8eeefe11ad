ALTER TABLE `meetings` ADD `media_mode` text DEFAULT 'hall_only' NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `media_link` text;
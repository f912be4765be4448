CREATE TABLE `report_formats` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`sections` text NOT NULL,
	`target_pages` integer DEFAULT 10 NOT NULL,
	`updated_by_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_formats_school_uq` ON `report_formats` (`school_id`);
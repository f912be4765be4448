CREATE TABLE `attendance_records` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`term_id` text NOT NULL,
	`possible_sessions` integer NOT NULL,
	`attended_sessions` integer NOT NULL,
	`authorised_absence` integer NOT NULL,
	`unauthorised_absence` integer NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_records_uq` ON `attendance_records` (`pupil_id`,`term_id`);--> statement-breakpoint
CREATE INDEX `attendance_records_term_idx` ON `attendance_records` (`term_id`,`pupil_id`,`possible_sessions`,`attended_sessions`);--> statement-breakpoint
CREATE TABLE `suspensions` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`term_id` text NOT NULL,
	`start_date` text NOT NULL,
	`days` real NOT NULL,
	`type` text NOT NULL,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suspensions_uq` ON `suspensions` (`pupil_id`,`start_date`,`type`);--> statement-breakpoint
CREATE INDEX `suspensions_term_idx` ON `suspensions` (`term_id`);
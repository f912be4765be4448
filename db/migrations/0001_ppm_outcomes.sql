ALTER TABLE `progress_meeting_items` ADD `outcome_kind` text;--> statement-breakpoint
ALTER TABLE `progress_meeting_items` ADD `outcome_meeting_id` text REFERENCES progress_meetings(id);
CREATE TABLE `academic_years` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`is_current` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `academic_years_name_uq` ON `academic_years` (`name`);--> statement-breakpoint
CREATE TABLE `class_teachers` (
	`class_id` text NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `class_teachers_uq` ON `class_teachers` (`class_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `class_teachers_user_idx` ON `class_teachers` (`user_id`);--> statement-breakpoint
CREATE TABLE `classes` (
	`id` text PRIMARY KEY NOT NULL,
	`academic_year_id` text NOT NULL,
	`name` text NOT NULL,
	`year_group` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`academic_year_id`) REFERENCES `academic_years`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `classes_year_name_uq` ON `classes` (`academic_year_id`,`name`);--> statement-breakpoint
CREATE TABLE `frameworks` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `schools` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`urn` text,
	`phase` text NOT NULL,
	`age_range` text,
	`local_authority` text,
	`trust` text,
	`vision` text,
	`aims` text,
	`framework_id` text NOT NULL,
	`assessment_scheme` text DEFAULT 'primary' NOT NULL,
	`has_early_years` integer DEFAULT false NOT NULL,
	`has_sixth_form` integer DEFAULT false NOT NULL,
	`last_inspection_date` text,
	`last_inspection_outcome` text,
	`lesson_grading_enabled` integer DEFAULT false NOT NULL,
	`totp_required_roles` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`attempted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_attempts_key_idx` ON `sign_in_attempts` (`key`,`attempted_at`);--> statement-breakpoint
CREATE TABLE `terms` (
	`id` text PRIMARY KEY NOT NULL,
	`academic_year_id` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`academic_year_id`) REFERENCES `academic_years`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `terms_year_name_uq` ON `terms` (`academic_year_id`,`name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`job_title` text,
	`is_teaching` integer DEFAULT false NOT NULL,
	`password_hash` text NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`totp_secret` text,
	`totp_enabled` integer DEFAULT false NOT NULL,
	`session_generation` integer DEFAULT 1 NOT NULL,
	`last_sign_in_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `sef_areas` (
	`id` text PRIMARY KEY NOT NULL,
	`sef_id` text NOT NULL,
	`area_key` text NOT NULL,
	`grade` text,
	`strengths` text DEFAULT '' NOT NULL,
	`updated_by_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`sef_id`) REFERENCES `sefs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sef_areas_uq` ON `sef_areas` (`sef_id`,`area_key`);--> statement-breakpoint
CREATE TABLE `sef_development_points` (
	`id` text PRIMARY KEY NOT NULL,
	`sef_area_id` text NOT NULL,
	`text` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`sef_area_id`) REFERENCES `sef_areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sef_dev_points_area_idx` ON `sef_development_points` (`sef_area_id`);--> statement-breakpoint
CREATE TABLE `sef_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`sef_id` text NOT NULL,
	`number` integer NOT NULL,
	`published_at` text NOT NULL,
	`published_by_id` text NOT NULL,
	`note` text,
	`snapshot` text NOT NULL,
	FOREIGN KEY (`sef_id`) REFERENCES `sefs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sef_versions_uq` ON `sef_versions` (`sef_id`,`number`);--> statement-breakpoint
CREATE TABLE `sefs` (
	`id` text PRIMARY KEY NOT NULL,
	`academic_year_id` text NOT NULL,
	`framework_id` text NOT NULL,
	`overall_summary` text DEFAULT '' NOT NULL,
	`context_notes` text DEFAULT '' NOT NULL,
	`updated_by_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`academic_year_id`) REFERENCES `academic_years`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sefs_year_uq` ON `sefs` (`academic_year_id`);--> statement-breakpoint
CREATE TABLE `criterion_values` (
	`id` text PRIMARY KEY NOT NULL,
	`criterion_id` text NOT NULL,
	`term_id` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`recorded_by_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`criterion_id`) REFERENCES `success_criteria`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criterion_values_uq` ON `criterion_values` (`criterion_id`,`term_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`strand_id` text NOT NULL,
	`term` text NOT NULL,
	`description` text NOT NULL,
	`met` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`strand_id`) REFERENCES `strands`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `milestones_strand_idx` ON `milestones` (`strand_id`);--> statement-breakpoint
CREATE TABLE `plan_action_supporters` (
	`action_id` text NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `plan_actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_action_supporters_uq` ON `plan_action_supporters` (`action_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `plan_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`strand_id` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`description` text NOT NULL,
	`owner_id` text,
	`start_date` text,
	`due_date` text,
	`cost_pence` integer DEFAULT 0 NOT NULL,
	`resources` text DEFAULT '' NOT NULL,
	`monitoring` text DEFAULT '' NOT NULL,
	`monitored_by_id` text,
	`status` text DEFAULT 'not_started' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`completed_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`strand_id`) REFERENCES `strands`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`monitored_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_actions_strand_idx` ON `plan_actions` (`strand_id`);--> statement-breakpoint
CREATE INDEX `plan_actions_owner_idx` ON `plan_actions` (`owner_id`);--> statement-breakpoint
CREATE INDEX `plan_actions_due_idx` ON `plan_actions` (`due_date`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`academic_year_id` text NOT NULL,
	`title` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`academic_year_id`) REFERENCES `academic_years`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_year_uq` ON `plans` (`academic_year_id`);--> statement-breakpoint
CREATE TABLE `review_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_comments_review_idx` ON `review_comments` (`review_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`strand_id` text NOT NULL,
	`term_id` text NOT NULL,
	`rag` text NOT NULL,
	`progress` text DEFAULT '' NOT NULL,
	`impact` text DEFAULT '' NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`reviewer_id` text,
	`reviewed_on` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`strand_id`) REFERENCES `strands`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_strand_term_uq` ON `reviews` (`strand_id`,`term_id`);--> statement-breakpoint
CREATE INDEX `reviews_term_idx` ON `reviews` (`term_id`);--> statement-breakpoint
CREATE TABLE `strand_sef_links` (
	`id` text PRIMARY KEY NOT NULL,
	`strand_id` text NOT NULL,
	`area_key` text NOT NULL,
	`development_point_id` text,
	FOREIGN KEY (`strand_id`) REFERENCES `strands`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`development_point_id`) REFERENCES `sef_development_points`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `strand_sef_links_strand_idx` ON `strand_sef_links` (`strand_id`);--> statement-breakpoint
CREATE TABLE `strands` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`title` text NOT NULL,
	`rationale` text DEFAULT '' NOT NULL,
	`lead_id` text,
	`link_governor_id` text,
	`carried_from_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`link_governor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `strands_plan_idx` ON `strands` (`plan_id`);--> statement-breakpoint
CREATE INDEX `strands_lead_idx` ON `strands` (`lead_id`);--> statement-breakpoint
CREATE TABLE `success_criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`strand_id` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`is_headline` integer DEFAULT false NOT NULL,
	`metric` text,
	`year_group` text,
	`subject` text,
	`pupil_group` text,
	`unit` text,
	`baseline` real,
	`target` real,
	`lower_is_better` integer DEFAULT false NOT NULL,
	`due_term_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`strand_id`) REFERENCES `strands`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`due_term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `success_criteria_strand_idx` ON `success_criteria` (`strand_id`);--> statement-breakpoint
CREATE TABLE `activity_participants` (
	`activity_id` text NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`activity_id`) REFERENCES `monitoring_activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_participants_uq` ON `activity_participants` (`activity_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `evidence_links` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`label` text NOT NULL,
	`url` text,
	`created_by_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_links_owner_idx` ON `evidence_links` (`owner_type`,`owner_id`);--> statement-breakpoint
CREATE INDEX `evidence_links_target_idx` ON `evidence_links` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `monitoring_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`term_id` text NOT NULL,
	`date` text NOT NULL,
	`lead_id` text,
	`subject` text,
	`classes_visited` text DEFAULT '' NOT NULL,
	`strengths` text DEFAULT '' NOT NULL,
	`areas_to_develop` text DEFAULT '' NOT NULL,
	`actions` text DEFAULT '' NOT NULL,
	`created_by_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `monitoring_activities_term_idx` ON `monitoring_activities` (`term_id`);--> statement-breakpoint
CREATE TABLE `monitoring_foci` (
	`id` text PRIMARY KEY NOT NULL,
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`strand_id` text,
	`area_key` text
);
--> statement-breakpoint
CREATE INDEX `monitoring_foci_record_idx` ON `monitoring_foci` (`record_type`,`record_id`);--> statement-breakpoint
CREATE INDEX `monitoring_foci_strand_idx` ON `monitoring_foci` (`strand_id`);--> statement-breakpoint
CREATE TABLE `observation_judgements` (
	`id` text PRIMARY KEY NOT NULL,
	`observation_id` text NOT NULL,
	`criterion_id` text,
	`heading` text NOT NULL,
	`label` text NOT NULL,
	`judgement` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `observation_judgements_obs_idx` ON `observation_judgements` (`observation_id`);--> statement-breakpoint
CREATE TABLE `observation_observers` (
	`observation_id` text NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`observation_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observation_observers_uq` ON `observation_observers` (`observation_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `observation_template_criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`heading` text NOT NULL,
	`label` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `observation_templates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `otc_template_idx` ON `observation_template_criteria` (`template_id`);--> statement-breakpoint
CREATE TABLE `observation_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`date` text NOT NULL,
	`teacher_id` text NOT NULL,
	`class_id` text,
	`year_group` text,
	`subject` text NOT NULL,
	`template_id` text,
	`strengths` text DEFAULT '' NOT NULL,
	`areas_for_development` text DEFAULT '' NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`follow_up_date` text,
	`grade` text,
	`status` text DEFAULT 'shared' NOT NULL,
	`teacher_response` text,
	`acknowledged_at` text,
	`created_by_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `observation_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `observations_term_idx` ON `observations` (`term_id`);--> statement-breakpoint
CREATE INDEX `observations_teacher_idx` ON `observations` (`teacher_id`);--> statement-breakpoint
CREATE TABLE `planned_monitoring` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`planned_date` text,
	`lead_id` text,
	`strand_id` text,
	`done` integer DEFAULT false NOT NULL,
	`record_type` text,
	`record_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `planned_monitoring_term_idx` ON `planned_monitoring` (`term_id`);--> statement-breakpoint
CREATE INDEX `planned_monitoring_lead_idx` ON `planned_monitoring` (`lead_id`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`term_id` text NOT NULL,
	`date` text NOT NULL,
	`visitor_id` text NOT NULL,
	`visit_type` text DEFAULT '' NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`seen` text DEFAULT '' NOT NULL,
	`questions` text DEFAULT '' NOT NULL,
	`follow_up` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_term_idx` ON `visits` (`term_id`);--> statement-breakpoint
CREATE INDEX `visits_visitor_idx` ON `visits` (`visitor_id`);--> statement-breakpoint
CREATE TABLE `assessment_results` (
	`id` text PRIMARY KEY NOT NULL,
	`pupil_id` text NOT NULL,
	`term_id` text NOT NULL,
	`subject` text NOT NULL,
	`result` text NOT NULL,
	`target` text,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_results_uq` ON `assessment_results` (`pupil_id`,`term_id`,`subject`);--> statement-breakpoint
CREATE INDEX `assessment_results_term_idx` ON `assessment_results` (`term_id`,`subject`);--> statement-breakpoint
CREATE TABLE `pupils` (
	`id` text PRIMARY KEY NOT NULL,
	`academic_year_id` text NOT NULL,
	`upn` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`year_group` text NOT NULL,
	`class_id` text,
	`gender` text NOT NULL,
	`disadvantaged` integer DEFAULT false NOT NULL,
	`fsm` integer DEFAULT false NOT NULL,
	`sen` text DEFAULT 'N' NOT NULL,
	`eal` integer DEFAULT false NOT NULL,
	`looked_after` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`academic_year_id`) REFERENCES `academic_years`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pupils_year_upn_uq` ON `pupils` (`academic_year_id`,`upn`);--> statement-breakpoint
CREATE INDEX `pupils_year_group_idx` ON `pupils` (`academic_year_id`,`year_group`);--> statement-breakpoint
CREATE INDEX `pupils_class_idx` ON `pupils` (`class_id`);--> statement-breakpoint
CREATE TABLE `progress_meeting_attendees` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `progress_meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ppm_attendees_uq` ON `progress_meeting_attendees` (`meeting_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `progress_meeting_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`pupil_id` text NOT NULL,
	`subject` text,
	`concern` text NOT NULL,
	`action` text DEFAULT '' NOT NULL,
	`owner_id` text,
	`review_date` text,
	`outcome` text,
	`status` text DEFAULT 'open' NOT NULL,
	`carried_from_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `progress_meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pupil_id`) REFERENCES `pupils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ppm_items_meeting_idx` ON `progress_meeting_items` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `ppm_items_pupil_idx` ON `progress_meeting_items` (`pupil_id`);--> statement-breakpoint
CREATE TABLE `progress_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`class_id` text NOT NULL,
	`date` text NOT NULL,
	`teacher_id` text,
	`notes` text DEFAULT '' NOT NULL,
	`created_by_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class_id`) REFERENCES `classes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progress_meetings_uq` ON `progress_meetings` (`term_id`,`class_id`);--> statement-breakpoint
CREATE TABLE `report_narratives` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`section_key` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`updated_by_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_narratives_uq` ON `report_narratives` (`report_id`,`section_key`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` text,
	`published_by_id` text,
	`snapshot` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_term_uq` ON `reports` (`term_id`);--> statement-breakpoint
CREATE TABLE `challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`term_id` text NOT NULL,
	`raised_by_id` text NOT NULL,
	`raised_on` text NOT NULL,
	`source` text NOT NULL,
	`strand_id` text,
	`area_key` text,
	`report_id` text,
	`report_section` text,
	`visit_id` text,
	`question` text NOT NULL,
	`owner_id` text,
	`answer` text,
	`answered_by_id` text,
	`answered_at` text,
	`status` text DEFAULT 'open' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenges_term_idx` ON `challenges` (`term_id`);--> statement-breakpoint
CREATE INDEX `challenges_status_idx` ON `challenges` (`status`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`area` text NOT NULL,
	`verb` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`summary` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user_id`);--> statement-breakpoint
CREATE INDEX `audit_log_area_idx` ON `audit_log` (`area`);
DROP INDEX `assessment_results_term_idx`;--> statement-breakpoint
CREATE INDEX `assessment_results_term_idx` ON `assessment_results` (`term_id`,`subject`,`pupil_id`,`result`);--> statement-breakpoint
CREATE INDEX `pupils_upn_idx` ON `pupils` (`upn`);
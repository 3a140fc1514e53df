CREATE TABLE `click_batches` (
	`id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `click_uniques` (
	`visitor_hash` text NOT NULL,
	`link_slug` text NOT NULL,
	`at` integer NOT NULL,
	`click_id` text NOT NULL,
	PRIMARY KEY(`visitor_hash`, `link_slug`, `at`)
);
--> statement-breakpoint
CREATE INDEX `click_uniques_at_idx` ON `click_uniques` (`at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);

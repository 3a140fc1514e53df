CREATE TABLE `brand_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`merchant` text NOT NULL,
	`label` text NOT NULL,
	`links` text,
	`from_day` text,
	`to_day` text,
	`show_conversions` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `brand_reports_token_hash_unique` ON `brand_reports` (`token_hash`);--> statement-breakpoint
CREATE INDEX `brand_reports_created_idx` ON `brand_reports` (`created_at`);--> statement-breakpoint
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
CREATE TABLE `link_health` (
	`slug` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`detail` text,
	`status` integer,
	`checked_at` integer NOT NULL,
	`flagged_at` integer
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `studio_bio` (
	`id` integer PRIMARY KEY NOT NULL,
	`entries` text NOT NULL,
	`picks` text NOT NULL,
	`last_entry_id` integer NOT NULL,
	`last_pick_id` integer NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `studio_changes` (
	`key` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `studio_links` (
	`slug` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`merchant` text NOT NULL,
	`network` text NOT NULL,
	`sub_id_param` text,
	`ends_at` integer,
	`fallback` text,
	`paused` integer DEFAULT false NOT NULL,
	`product_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `conversions` ADD `link_slug` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `last_name` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `signed_up_at` integer;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `status_source` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `tags` text;
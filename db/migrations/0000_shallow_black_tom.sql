CREATE TABLE `clicks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`link_slug` text NOT NULL,
	`source` text,
	`placement` text,
	`referrer_host` text,
	`device` text NOT NULL,
	`country` text,
	`visitor_hash` text NOT NULL,
	`is_unique` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `clicks_created_at_idx` ON `clicks` (`created_at`);--> statement-breakpoint
CREATE INDEX `clicks_link_created_idx` ON `clicks` (`link_slug`,`created_at`);--> statement-breakpoint
CREATE INDEX `clicks_source_created_idx` ON `clicks` (`source`,`created_at`);--> statement-breakpoint
CREATE TABLE `filtered_hits` (
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `kind`, `target`, `reason`)
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`first_name` text,
	`status` text NOT NULL,
	`source` text,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`unsubscribed_at` integer,
	`suppressed_at` integer,
	`suppression_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_unique` ON `subscribers` (`email`);--> statement-breakpoint
CREATE INDEX `subscribers_status_idx` ON `subscribers` (`status`);--> statement-breakpoint
CREATE INDEX `subscribers_created_at_idx` ON `subscribers` (`created_at`);--> statement-breakpoint
CREATE INDEX `subscribers_confirmed_at_idx` ON `subscribers` (`confirmed_at`);--> statement-breakpoint
CREATE INDEX `subscribers_unsubscribed_at_idx` ON `subscribers` (`unsubscribed_at`);
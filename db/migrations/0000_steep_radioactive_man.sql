CREATE TABLE `broadcast_recipients` (
	`broadcast_id` integer NOT NULL,
	`subscriber_id` integer NOT NULL,
	`email` text NOT NULL,
	`batch` integer NOT NULL,
	`status` text NOT NULL,
	`message_id` text,
	`attempted_at` integer,
	`sent_at` integer,
	`error` text,
	PRIMARY KEY(`broadcast_id`, `subscriber_id`),
	FOREIGN KEY (`broadcast_id`) REFERENCES `broadcasts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `broadcast_recipients_batch_idx` ON `broadcast_recipients` (`broadcast_id`,`batch`);--> statement-breakpoint
CREATE INDEX `broadcast_recipients_status_idx` ON `broadcast_recipients` (`broadcast_id`,`status`);--> statement-breakpoint
CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`subject` text NOT NULL,
	`from` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`recipient_count` integer NOT NULL,
	`batch_size` integer NOT NULL,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	`lease_owner` text,
	`lease_until` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcasts_name_unique` ON `broadcasts` (`name`);--> statement-breakpoint
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
CREATE TABLE `filtered_hits` (
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `kind`, `target`, `reason`)
);
--> statement-breakpoint
CREATE TABLE `conversions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network` text NOT NULL,
	`transaction_id` text NOT NULL,
	`sub_id` text,
	`click_id` text,
	`occurred_at` integer NOT NULL,
	`sale_amount_cents` integer,
	`commission_cents` integer NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`status` text NOT NULL,
	`raw_status` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversions_network_transaction_idx` ON `conversions` (`network`,`transaction_id`);--> statement-breakpoint
CREATE INDEX `conversions_occurred_at_idx` ON `conversions` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `conversions_click_idx` ON `conversions` (`click_id`);--> statement-breakpoint
CREATE TABLE `email_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`kind` text NOT NULL,
	`subscriber_id` integer,
	`to_address` text NOT NULL,
	`from_address` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`headers` text DEFAULT '{}' NOT NULL,
	`idempotency_key` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`provider_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_queue_idempotency_key_unique` ON `email_queue` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `email_queue_due_idx` ON `email_queue` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_queue_subscriber_kind_idx` ON `email_queue` (`subscriber_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stats_daily` (
	`dimension` text NOT NULL,
	`day` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`dimension`, `day`, `key`)
);
--> statement-breakpoint
CREATE INDEX `stats_daily_covering_idx` ON `stats_daily` (`dimension`,`day`,`key`,`count`,`uniques`);--> statement-breakpoint
CREATE TABLE `stats_login_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stats_monthly` (
	`dimension` text NOT NULL,
	`month` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`dimension`, `month`, `key`)
);
--> statement-breakpoint
CREATE INDEX `stats_monthly_covering_idx` ON `stats_monthly` (`dimension`,`month`,`key`,`count`,`uniques`);--> statement-breakpoint
CREATE TABLE `stats_rollup_marks` (
	`source` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stats_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
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
CREATE INDEX `subscribers_unsubscribed_at_idx` ON `subscribers` (`unsubscribed_at`);--> statement-breakpoint
CREATE TABLE `views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`path` text NOT NULL,
	`referrer_host` text,
	`device` text NOT NULL,
	`country` text,
	`visitor_hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `views_created_at_idx` ON `views` (`created_at`);
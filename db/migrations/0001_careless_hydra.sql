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
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
CREATE INDEX `brand_reports_created_idx` ON `brand_reports` (`created_at`);
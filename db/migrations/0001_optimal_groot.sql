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
CREATE INDEX `conversions_click_idx` ON `conversions` (`click_id`);
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

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

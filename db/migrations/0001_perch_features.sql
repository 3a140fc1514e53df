ALTER TABLE `conversions` ADD `link_slug` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `last_name` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `signed_up_at` integer;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `status_source` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `tags` text;
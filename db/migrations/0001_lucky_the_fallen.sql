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
	`completed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcasts_name_unique` ON `broadcasts` (`name`);
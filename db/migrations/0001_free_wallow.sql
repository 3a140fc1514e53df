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
CREATE INDEX `email_queue_subscriber_kind_idx` ON `email_queue` (`subscriber_id`,`kind`,`created_at`);
-- Messages written before delivery existed: those already marked sent stay sent; the others are
-- queued (the worker's first look fails any older than a day as expired). Urgency from the template.
UPDATE "outbox_messages" SET "status" = 'sent' WHERE "sent_at" IS NOT NULL;--> statement-breakpoint
UPDATE "outbox_messages" SET "urgent" = true WHERE "template" IN ('portal_code', 'acceptance_code', 'technician_on_site');--> statement-breakpoint
INSERT INTO "outbox_history" ("id", "message_id", "at", "from_status", "to_status")
  SELECT gen_random_uuid(), "id", "created_at", NULL, 'queued' FROM "outbox_messages";--> statement-breakpoint
INSERT INTO "outbox_history" ("id", "message_id", "at", "from_status", "to_status", "detail")
  SELECT gen_random_uuid(), "id", "sent_at", 'queued', 'sent', 'before delivery history was kept' FROM "outbox_messages" WHERE "sent_at" IS NOT NULL;--> statement-breakpoint
-- One job per message's attempt (written with the message); the sweep once a minute on one copy.
-- Sending failures are retried by the worker itself (backoff in the outbox row); the queue's own
-- retries are for a handler that could not reach the database.
SELECT pgboss.create_queue('notifications.deliver', '{"policy":"standard","retryLimit":5,"retryDelay":30,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":1440}');--> statement-breakpoint
SELECT pgboss.create_queue('notifications.sweep', '{"policy":"standard","retryLimit":2,"retryDelay":30,"retryBackoff":false,"expireInSeconds":600,"retentionMinutes":1440}');

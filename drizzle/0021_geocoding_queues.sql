-- Placing addresses runs on the job queue: one job per customer or order whose address came
-- without coordinates, and an hourly backfill of every address still without (or only roughly with) a place.
SELECT pgboss.create_queue('geocoding.place', '{"policy":"standard","retryLimit":5,"retryDelay":30,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":1440}');--> statement-breakpoint
SELECT pgboss.create_queue('geocoding.backfill', '{"policy":"standard","retryLimit":2,"retryDelay":60,"retryBackoff":false,"expireInSeconds":1800,"retentionMinutes":1440}');

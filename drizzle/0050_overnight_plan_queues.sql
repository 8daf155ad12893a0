-- Overnight, one job puts a planning job per provider on the queue; the server copies share them.
-- "stately": a provider's day is queued at most once while waiting (the unique index on day_plans keeps one plan).
SELECT pgboss.create_queue('dispatch.overnight_plans', '{"policy":"standard","retryLimit":2,"retryDelay":300,"retryBackoff":false,"expireInSeconds":900,"retentionMinutes":10080}');--> statement-breakpoint
SELECT pgboss.create_queue('dispatch.overnight_plan', '{"policy":"stately","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":900,"retentionMinutes":10080}');

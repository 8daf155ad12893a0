-- The daily roll-up of last month's scorecard (scorecard.monthly_rollup): its queue, as every job's.
SELECT pgboss.create_queue('scorecard.monthly_rollup', '{"policy":"standard","retryLimit":2,"retryDelay":300,"retryBackoff":false,"expireInSeconds":3600,"retentionMinutes":10080}');

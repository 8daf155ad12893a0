-- The hourly prune of expired sessions, codes and rate-limit windows runs on the job queue (one copy per tick).
SELECT pgboss.create_queue('access.prune_expired', '{"policy":"standard","retryLimit":2,"retryDelay":60,"retryBackoff":false,"expireInSeconds":900,"retentionMinutes":1440}');

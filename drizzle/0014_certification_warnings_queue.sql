-- The hourly look for expiring certifications runs on the job queue (one copy per tick).
SELECT pgboss.create_queue('training.certification_warnings', '{"policy":"standard","retryLimit":2,"retryDelay":60,"retryBackoff":false,"expireInSeconds":900,"retentionMinutes":1440}');

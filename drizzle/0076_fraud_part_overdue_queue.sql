-- The hourly re-scoring of orders whose old part is overdue (fraud.part_overdue): its queue, as every job's.
SELECT pgboss.create_queue('fraud.part_overdue', '{"policy":"standard","retryLimit":2,"retryDelay":300,"retryBackoff":false,"expireInSeconds":900,"retentionMinutes":10080}');

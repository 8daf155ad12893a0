-- Every provider's draft of the month just closed (settlement.monthly_drafts): its queue, as every job's.
SELECT pgboss.create_queue('settlement.monthly_drafts', '{"policy":"standard","retryLimit":2,"retryDelay":300,"retryBackoff":false,"expireInSeconds":3600,"retentionMinutes":10080}');

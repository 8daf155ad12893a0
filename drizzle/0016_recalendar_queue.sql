-- A calendar's change moves the running clocks on it, in a job written with the change.
SELECT pgboss.create_queue('promises.recalendar', '{"policy":"standard","retryLimit":10,"retryDelay":5,"retryBackoff":true,"expireInSeconds":900,"retentionMinutes":1440}');

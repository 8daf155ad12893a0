-- Who keeps webhook endpoints (webhooks.manage: subscribe, rotate secrets, delivery log, replay); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('admin', 'webhooks.manage')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Each delivery attempt is a job; the service schedules its own retries (over about a day), so the queue retries only a crashed attempt.
SELECT pgboss.create_queue('webhooks.deliver', '{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":10080}');

-- Who reads care campaigns and consent (care.read), builds and sends campaigns (care.manage) and
-- records a customer's consent with its evidence (care.consent); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'care.read'),
  ('agent', 'care.consent'),
  ('manager', 'care.read'),
  ('manager', 'care.manage'),
  ('manager', 'care.consent'),
  ('admin', 'care.read'),
  ('admin', 'care.manage'),
  ('admin', 'care.consent')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The daily care run on the job queue (one copy per tick); a repeat sends nothing twice.
SELECT pgboss.create_queue('care.daily', '{"policy":"standard","retryLimit":2,"retryDelay":300,"retryBackoff":false,"expireInSeconds":3600,"retentionMinutes":10080}');

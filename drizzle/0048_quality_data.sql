-- Who reads the quality figures and alerts (quality.view) and says whose a cause code is (quality.manage); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('manager', 'quality.view'),
  ('manager', 'quality.manage'),
  ('admin', 'quality.view'),
  ('admin', 'quality.manage')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The daily rollup rebuild and trend check runs on the job queue (one copy per tick).
SELECT pgboss.create_queue('quality.trend_alerts', '{"policy":"standard","retryLimit":2,"retryDelay":300,"retryBackoff":false,"expireInSeconds":3600,"retentionMinutes":10080}');

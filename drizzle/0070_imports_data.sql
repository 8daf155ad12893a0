-- Who imports records from files (imports.manage: upload, map, dry run, run); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('admin', 'imports.manage')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The dry run and the run of an import are jobs; a crashed run is taken again and carries on from its checkpoint.
SELECT pgboss.create_queue('imports.process', '{"policy":"standard","retryLimit":5,"retryDelay":30,"retryBackoff":true,"expireInSeconds":86400,"retentionMinutes":10080}');

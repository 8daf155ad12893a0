-- Who sells and cancels service contracts (contracts.sell); reading them is reading the unit (units.read).
-- defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'contracts.sell'),
  ('manager', 'contracts.sell'),
  ('admin', 'contracts.sell')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The daily run (maintenance orders for visits coming due, renewal reminders), once a day on one copy.
SELECT pgboss.create_queue('contracts.daily', '{"policy":"standard","retryLimit":2,"retryDelay":5,"retryBackoff":false,"expireInSeconds":900,"retentionMinutes":1440}');

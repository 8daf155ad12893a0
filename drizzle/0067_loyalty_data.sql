-- Who keeps tier rules and entitlements, gives invitation-only tiers, runs the recompute and rewards
-- or reverses referrals (loyalty.manage), and who records and works sales leads (leads.handle).
-- defaultRolePermissions in src/kernel/permissions.ts. No tier rule is seeded: until a manager sets
-- them, the nightly run computes only customer value and leaves every tier as it is.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'leads.handle'),
  ('follow_up', 'leads.handle'),
  ('manager', 'loyalty.manage'),
  ('manager', 'leads.handle'),
  ('admin', 'loyalty.manage'),
  ('admin', 'leads.handle')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The nightly recompute of tiers and customer value (once a night: the run row is its key).
SELECT pgboss.create_queue('loyalty.nightly', '{"policy":"standard","retryLimit":2,"retryDelay":30,"retryBackoff":false,"expireInSeconds":3600,"retentionMinutes":1440}');

-- The escalation ladder as data (a company changes the rows, not the code): each rung's clock in
-- business minutes per severity, and the severity that starts a complaint on it.
INSERT INTO "complaint_levels" ("level", "rank", "name_zh", "name_en", "min_severity", "target_minutes") VALUES
  ('desk', 1, '客服专员', 'Service desk', NULL, '{"low":960,"normal":480,"high":240,"critical":120}'),
  ('supervisor', 2, '客服主管', 'Supervisor', 'high', '{"low":960,"normal":480,"high":240,"critical":120}'),
  ('manager', 3, '服务经理', 'Manager', 'critical', '{"low":480,"normal":480,"high":240,"critical":120}'),
  ('executive', 4, '公司高层', 'Executive', NULL, '{"low":480,"normal":480,"high":240,"critical":120}')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Who reads, handles, compensates, takes down a rung and shares complaints; defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'complaints.read'),
  ('agent', 'complaints.handle'),
  ('follow_up', 'complaints.read'),
  ('follow_up', 'complaints.handle'),
  ('provider_admin', 'complaints.read'),
  ('manager', 'complaints.read'),
  ('manager', 'complaints.handle'),
  ('manager', 'complaints.compensate'),
  ('manager', 'complaints.deescalate'),
  ('manager', 'complaints.share'),
  ('admin', 'complaints.read'),
  ('admin', 'complaints.handle'),
  ('admin', 'complaints.compensate'),
  ('admin', 'complaints.deescalate'),
  ('admin', 'complaints.share')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A complaint's clock is a job due when it runs out; the sweep catches a lost one, once a minute on one copy.
SELECT pgboss.create_queue('complaints.breach', '{"policy":"standard","retryLimit":10,"retryDelay":5,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":1440}');
--> statement-breakpoint
SELECT pgboss.create_queue('complaints.sweep', '{"policy":"standard","retryLimit":2,"retryDelay":5,"retryBackoff":false,"expireInSeconds":300,"retentionMinutes":60}');

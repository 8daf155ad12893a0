-- The permissions of training, certification and dispatch planning (defaultRolePermissions in
-- access.rules.ts; a test keeps the two equal). A company changes these rows, not the code.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'dispatch.slots'),
  ('dispatcher', 'training.read'),
  ('dispatcher', 'dispatch.plan'),
  ('dispatcher', 'dispatch.slots'),
  ('technician', 'training.read'),
  ('technician', 'training.take'),
  ('provider_admin', 'training.read'),
  ('provider_admin', 'dispatch.plan'),
  ('manager', 'training.read'),
  ('manager', 'training.manage'),
  ('admin', 'training.read'),
  ('admin', 'training.manage'),
  ('admin', 'training.take'),
  ('admin', 'dispatch.plan'),
  ('admin', 'dispatch.slots')
ON CONFLICT DO NOTHING;

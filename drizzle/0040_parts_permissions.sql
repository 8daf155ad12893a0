-- Who reads the parts catalogue (parts.read), keeps it (parts.manage), keeps stock (parts.stock), requests
-- parts (parts.request), records parts used on orders (parts.use) and approves stock counts
-- (parts.count.approve); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'parts.read'),
  ('agent', 'parts.request'),
  ('dispatcher', 'parts.read'),
  ('technician', 'parts.read'),
  ('technician', 'parts.stock'),
  ('technician', 'parts.request'),
  ('technician', 'parts.use'),
  ('provider_admin', 'parts.read'),
  ('provider_admin', 'parts.stock'),
  ('provider_admin', 'parts.request'),
  ('provider_admin', 'parts.use'),
  ('manager', 'parts.read'),
  ('manager', 'parts.manage'),
  ('manager', 'parts.stock'),
  ('manager', 'parts.request'),
  ('manager', 'parts.count.approve'),
  ('admin', 'parts.read'),
  ('admin', 'parts.manage'),
  ('admin', 'parts.stock'),
  ('admin', 'parts.request'),
  ('admin', 'parts.use'),
  ('admin', 'parts.count.approve')
ON CONFLICT DO NOTHING;

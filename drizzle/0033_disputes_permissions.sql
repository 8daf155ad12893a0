-- Who reads fee disputes (disputes.read), reviews them (disputes.review) and raises them for a provider (disputes.raise); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'disputes.read'),
  ('provider_admin', 'disputes.read'),
  ('provider_admin', 'disputes.raise'),
  ('manager', 'disputes.read'),
  ('manager', 'disputes.review'),
  ('admin', 'disputes.read'),
  ('admin', 'disputes.review'),
  ('admin', 'disputes.raise')
ON CONFLICT DO NOTHING;

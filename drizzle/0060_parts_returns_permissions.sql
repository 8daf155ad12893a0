-- The warehouse receives boxes of old parts, inspects each line and sees supplier recovery claims
-- (parts.returns.inspect); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('manager', 'parts.returns.inspect'),
  ('admin', 'parts.returns.inspect')
ON CONFLICT DO NOTHING;

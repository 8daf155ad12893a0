-- Who keeps price lists (fees.manage) and who corrects an order's fee lines (fees.adjust); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'fees.adjust'),
  ('manager', 'fees.manage'),
  ('manager', 'fees.adjust'),
  ('admin', 'fees.manage'),
  ('admin', 'fees.adjust')
ON CONFLICT DO NOTHING;

-- Who reads statements (settlement.read), generates, sends and answers them and keeps the rules (settlement.manage),
-- disputes lines and agrees for a provider (settlement.respond), approves (settlement.approve; above the threshold
-- settlement.approve_large), pays (settlement.pay) and keeps piece rates (settlement.rates); defaultRolePermissions
-- in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('provider_admin', 'settlement.read'),
  ('provider_admin', 'settlement.respond'),
  ('provider_admin', 'settlement.rates'),
  ('manager', 'settlement.read'),
  ('manager', 'settlement.manage'),
  ('manager', 'settlement.approve'),
  ('manager', 'settlement.pay'),
  ('admin', 'settlement.read'),
  ('admin', 'settlement.manage'),
  ('admin', 'settlement.respond'),
  ('admin', 'settlement.approve'),
  ('admin', 'settlement.approve_large'),
  ('admin', 'settlement.pay'),
  ('admin', 'settlement.rates')
ON CONFLICT DO NOTHING;

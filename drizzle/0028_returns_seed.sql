-- The permissions of returns and exchanges (defaultRolePermissions in src/kernel/permissions.ts; a
-- test keeps the two equal) and the return policy's starting figures (returns.rules.ts
-- defaultReturnPolicy): a panel above ¥10,000, a manager's approval for refunds above ¥5,000.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'returns.handle'),
  ('agent', 'returns.appraise'),
  ('technician', 'returns.appraise'),
  ('manager', 'returns.handle'),
  ('manager', 'returns.appraise'),
  ('manager', 'returns.approve'),
  ('admin', 'returns.handle'),
  ('admin', 'returns.appraise'),
  ('admin', 'returns.approve')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "return_policies" ("id", "panel_above_fen", "panel_for_refunds", "panel_size", "manager_approval_above_fen", "version", "updated_by", "updated_at")
VALUES ('default', 1000000, false, 2, 500000, 1, 'system:migration', now())
ON CONFLICT DO NOTHING;

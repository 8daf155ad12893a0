-- Every staff role answers pulse surveys and uses the suggestion box (voice.take_part); managers start surveys, read
-- their results and answer suggestions (voice.manage); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'voice.take_part'),
  ('dispatcher', 'voice.take_part'),
  ('technician', 'voice.take_part'),
  ('provider_admin', 'voice.take_part'),
  ('follow_up', 'voice.take_part'),
  ('manager', 'voice.take_part'),
  ('manager', 'voice.manage'),
  ('admin', 'voice.take_part'),
  ('admin', 'voice.manage')
ON CONFLICT DO NOTHING;

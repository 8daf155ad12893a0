-- Who reads the contact timeline (contacts.read: a provider's staff and technicians only what is about
-- their orders) and logs calls, notes and suggestions (contacts.write); defaultRolePermissions in
-- src/kernel/permissions.ts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'contacts.read'),
  ('agent', 'contacts.write'),
  ('dispatcher', 'contacts.read'),
  ('technician', 'contacts.read'),
  ('provider_admin', 'contacts.read'),
  ('provider_admin', 'contacts.write'),
  ('follow_up', 'contacts.read'),
  ('follow_up', 'contacts.write'),
  ('manager', 'contacts.read'),
  ('manager', 'contacts.write'),
  ('admin', 'contacts.read'),
  ('admin', 'contacts.write')
ON CONFLICT DO NOTHING;

-- A promise's history is evidence, like the work order's: once written, never changed or removed.
CREATE OR REPLACE FUNCTION refuse_promise_history_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'promise_history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER promise_history_append_only
  BEFORE UPDATE OR DELETE ON promise_history
  FOR EACH ROW EXECUTE FUNCTION refuse_promise_history_change();
--> statement-breakpoint
-- Who reads promises (policies, calendars, alerts, reports) and who sets them (defaultRolePermissions in access.rules.ts).
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('agent', 'promises.read'),
  ('dispatcher', 'promises.read'),
  ('follow_up', 'promises.read'),
  ('manager', 'promises.read'),
  ('manager', 'promises.manage'),
  ('admin', 'promises.read'),
  ('admin', 'promises.manage')
ON CONFLICT DO NOTHING;

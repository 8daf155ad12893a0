-- History is evidence: once written, a row is never changed or removed.
CREATE OR REPLACE FUNCTION refuse_history_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'work_order_history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER work_order_history_append_only
  BEFORE UPDATE OR DELETE ON work_order_history
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- An order's history and reference rows are written only together with the order's own change,
-- so the per-row foreign-key checks (a key-share lock on the order, per row) only slowed intake.
-- What they guarded is kept structurally: an order is never deleted.
ALTER TABLE "intake_refs" DROP CONSTRAINT "intake_refs_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "work_order_history" DROP CONSTRAINT "work_order_history_order_id_work_orders_id_fk";
--> statement-breakpoint
CREATE FUNCTION refuse_order_delete() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'work orders are never deleted; cancel or close them' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER work_orders_never_deleted
  BEFORE DELETE ON work_orders
  FOR EACH ROW EXECUTE FUNCTION refuse_order_delete();

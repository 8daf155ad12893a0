-- Hand-edited (the drops are drizzle-kit's; the comment and the trigger at the end are by hand).
-- A draft's generation writes, for every provider of a month at once, one row per settled or held
-- order and one per fee line (about 200,000 rows at 50,000 orders): each foreign key on them cost a
-- per-row check (a key-share lock on the order or the statement), together as much time as writing
-- the rows (bench/settlement). The rows are written only by generation, from the orders that same
-- statement reads and for statements it holds locked, so the checks could never fail there. What
-- they guarded on the other side stays guarded: orders are never deleted (0017's trigger), and the
-- trigger below refuses to delete a statement, or change its id, while a line, a settled order or a
-- held order names it (what the foreign keys refused).
ALTER TABLE "settlement_held_orders" DROP CONSTRAINT "settlement_held_orders_statement_id_settlement_statements_id_fk";
--> statement-breakpoint
ALTER TABLE "settlement_held_orders" DROP CONSTRAINT "settlement_held_orders_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "settlement_lines" DROP CONSTRAINT "settlement_lines_statement_id_settlement_statements_id_fk";
--> statement-breakpoint
ALTER TABLE "settlement_orders" DROP CONSTRAINT "settlement_orders_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "settlement_orders" DROP CONSTRAINT "settlement_orders_statement_id_settlement_statements_id_fk";
--> statement-breakpoint
CREATE FUNCTION refuse_named_statement_delete() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM settlement_lines WHERE statement_id = OLD.id)
     OR EXISTS (SELECT 1 FROM settlement_orders WHERE statement_id = OLD.id)
     OR EXISTS (SELECT 1 FROM settlement_held_orders WHERE statement_id = OLD.id) THEN
    RAISE EXCEPTION 'settlement statement % still has lines or orders', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    RETURN NEW;
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER settlement_statements_kept_while_named
  BEFORE DELETE OR UPDATE OF id ON settlement_statements
  FOR EACH ROW EXECUTE FUNCTION refuse_named_statement_delete();

-- Hand-edited (the drops are drizzle-kit's; the comment and the triggers after them are by hand).
-- The rows intake writes for an order's promise — the promise, its clocks (three with a usual policy)
-- and its history — had a foreign key to the order each, and every clock a trigger reading the order's
-- provider and technician: per order, five key-share locks on the order and three trigger calls, about
-- half of what the promise's statement cost in the database (EXPLAIN ANALYZE at intake). As 0017 did for
-- the order's own history and reference rows: these rows are written only with a change of their order
-- (intake's transaction, a step's, a sweep's that locks the promise), and an order is never deleted
-- (0017's trigger), so what the keys guarded stays guarded.
ALTER TABLE "order_promises" DROP CONSTRAINT "order_promises_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "promise_clocks" DROP CONSTRAINT "promise_clocks_order_id_work_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "promise_history" DROP CONSTRAINT "promise_history_order_id_work_orders_id_fk";
--> statement-breakpoint
-- The clocks' copy of their order's provider and technician (0086, 0096) is made once per statement
-- instead of once per clock: the clocks a statement inserted take them from their orders, and only
-- where an order has either (at intake none has, so nothing is written twice). The order's own
-- triggers (work_order_copies) still carry every later dispatch and reassignment to its clocks.
DROP TRIGGER "promise_clocks_provider" ON "promise_clocks";
--> statement-breakpoint
DROP FUNCTION "promise_clock_provider"();
--> statement-breakpoint
CREATE FUNCTION "promise_clocks_inserted_copies"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A look per order first (an index probe each): at intake no order has a provider, and the update is not planned.
  IF EXISTS (SELECT 1 FROM "inserted" i JOIN "work_orders" w ON w."id" = i."order_id" WHERE w."provider_id" IS NOT NULL OR w."technician_id" IS NOT NULL) THEN
    UPDATE "promise_clocks" c SET "provider_id" = w."provider_id", "technician_id" = w."technician_id"
      FROM "inserted" i JOIN "work_orders" w ON w."id" = i."order_id"
      WHERE c."order_id" = i."order_id" AND c."milestone" = i."milestone" AND c."cycle" = i."cycle"
        AND (c."provider_id" IS DISTINCT FROM w."provider_id" OR c."technician_id" IS DISTINCT FROM w."technician_id");
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "promise_clocks_copies" AFTER INSERT ON "promise_clocks"
  REFERENCING NEW TABLE AS "inserted"
  FOR EACH STATEMENT EXECUTE FUNCTION "promise_clocks_inserted_copies"();

ALTER TABLE "order_payments" ADD COLUMN "technician_id" uuid;--> statement-breakpoint
ALTER TABLE "promise_clocks" ADD COLUMN "technician_id" uuid;--> statement-breakpoint
-- hand-edited (from here to the foreign keys): a payment and a promise clock carry their order's technician as it is
-- now, as they carry its provider (0086, 0094): the scorecard counts service revenue and promises kept for the order's
-- technician of today (it joined work_orders.technician_id), so the copy follows the order's dispatch and reassignment.
-- The rows already there take their order's technician before the indexes and foreign keys are built (one pass each).
UPDATE "order_payments" p SET "technician_id" = w."technician_id" FROM "work_orders" w WHERE w."id" = p."order_id" AND w."technician_id" IS NOT NULL;--> statement-breakpoint
UPDATE "promise_clocks" c SET "technician_id" = w."technician_id" FROM "work_orders" w WHERE w."id" = c."order_id" AND w."technician_id" IS NOT NULL;--> statement-breakpoint
-- On a payment's or a clock's insert: the order's provider and technician, read at once.
CREATE OR REPLACE FUNCTION "order_payment_provider"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT w."provider_id", w."technician_id" INTO NEW."provider_id", NEW."technician_id" FROM "work_orders" w WHERE w."id" = NEW."order_id";
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "promise_clock_provider"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT w."provider_id", w."technician_id" INTO NEW."provider_id", NEW."technician_id" FROM "work_orders" w WHERE w."id" = NEW."order_id";
  RETURN NEW;
END
$$;--> statement-breakpoint
-- When an order gets or changes its provider or technician: one function keeps every copy (payments, check-ins,
-- clocks). The clocks' own triggers of 0086 fired on the provider only; they are folded in here.
CREATE OR REPLACE FUNCTION "work_order_copies"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_payments" SET "provider_id" = NEW."provider_id", "technician_id" = NEW."technician_id"
    WHERE "order_id" = NEW."id" AND ("provider_id" IS DISTINCT FROM NEW."provider_id" OR "technician_id" IS DISTINCT FROM NEW."technician_id");
  UPDATE "work_order_check_ins" SET "provider_id" = NEW."provider_id", "technician_id" = NEW."technician_id"
    WHERE "order_id" = NEW."id" AND ("provider_id" IS DISTINCT FROM NEW."provider_id" OR "technician_id" IS DISTINCT FROM NEW."technician_id");
  UPDATE "promise_clocks" SET "provider_id" = NEW."provider_id", "technician_id" = NEW."technician_id"
    WHERE "order_id" = NEW."id" AND ("provider_id" IS DISTINCT FROM NEW."provider_id" OR "technician_id" IS DISTINCT FROM NEW."technician_id");
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER "work_orders_clocks_provider_insert" ON "work_orders";--> statement-breakpoint
DROP TRIGGER "work_orders_clocks_provider_update" ON "work_orders";--> statement-breakpoint
DROP FUNCTION "work_order_clocks_provider"();--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_clocks" ADD CONSTRAINT "promise_clocks_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_payments_technician_created_idx" ON "order_payments" USING btree ("technician_id","created_at") WHERE technician_id is not null;--> statement-breakpoint
CREATE INDEX "promise_clocks_technician_closed_idx" ON "promise_clocks" USING btree ("technician_id",coalesce("met_at", "breached_at")) WHERE technician_id is not null and (outcome is not null or breached_at is not null);--> statement-breakpoint
-- hand-edited: statistics for the new columns at once (the drill-down's plans are costed on them).
ANALYZE "order_payments";--> statement-breakpoint
ANALYZE "promise_clocks";

CREATE TABLE "work_order_check_ins" (
	"history_id" bigint PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"provider_id" uuid,
	"technician_id" uuid
);
--> statement-breakpoint
ALTER TABLE "order_payments" ADD COLUMN "provider_id" uuid;--> statement-breakpoint
-- hand-edited (from here to the indexes): the payments and check-ins already there take their order's provider
-- (and technician), and triggers keep the copies — on a payment's or a check-in's insert, and when an order gets
-- or changes its provider or technician (as 0086 does for the promise clocks). Filled before the indexes are built.
UPDATE "order_payments" p SET "provider_id" = w."provider_id" FROM "work_orders" w WHERE w."id" = p."order_id" AND w."provider_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "work_order_check_ins" ("history_id", "order_id", "at", "provider_id", "technician_id")
  SELECT h."id", h."order_id", h."at", w."provider_id", w."technician_id" FROM "work_order_history" h LEFT JOIN "work_orders" w ON w."id" = h."order_id" WHERE h."action" = 'check_in';--> statement-breakpoint
CREATE FUNCTION "order_payment_provider"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."provider_id" := (SELECT w."provider_id" FROM "work_orders" w WHERE w."id" = NEW."order_id");
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "order_payments_provider" BEFORE INSERT ON "order_payments"
  FOR EACH ROW EXECUTE FUNCTION "order_payment_provider"();--> statement-breakpoint
CREATE FUNCTION "work_order_history_check_in"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "work_order_check_ins" ("history_id", "order_id", "at", "provider_id", "technician_id")
    VALUES (NEW."id", NEW."order_id", NEW."at",
            (SELECT w."provider_id" FROM "work_orders" w WHERE w."id" = NEW."order_id"),
            (SELECT w."technician_id" FROM "work_orders" w WHERE w."id" = NEW."order_id"));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "work_order_history_check_in" AFTER INSERT ON "work_order_history"
  FOR EACH ROW WHEN (NEW."action" = 'check_in') EXECUTE FUNCTION "work_order_history_check_in"();--> statement-breakpoint
CREATE FUNCTION "work_order_copies"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "order_payments" SET "provider_id" = NEW."provider_id" WHERE "order_id" = NEW."id" AND "provider_id" IS DISTINCT FROM NEW."provider_id";
  UPDATE "work_order_check_ins" SET "provider_id" = NEW."provider_id", "technician_id" = NEW."technician_id"
    WHERE "order_id" = NEW."id" AND ("provider_id" IS DISTINCT FROM NEW."provider_id" OR "technician_id" IS DISTINCT FROM NEW."technician_id");
  RETURN NULL;
END
$$;--> statement-breakpoint
-- AFTER, so payments and check-ins written in the same statement as their order (a data-modifying WITH) are reached too.
CREATE TRIGGER "work_orders_copies_insert" AFTER INSERT ON "work_orders"
  FOR EACH ROW WHEN (NEW."provider_id" IS NOT NULL OR NEW."technician_id" IS NOT NULL) EXECUTE FUNCTION "work_order_copies"();--> statement-breakpoint
CREATE TRIGGER "work_orders_copies_update" AFTER UPDATE OF "provider_id", "technician_id" ON "work_orders"
  FOR EACH ROW WHEN (OLD."provider_id" IS DISTINCT FROM NEW."provider_id" OR OLD."technician_id" IS DISTINCT FROM NEW."technician_id") EXECUTE FUNCTION "work_order_copies"();--> statement-breakpoint
CREATE INDEX "work_order_check_ins_at_idx" ON "work_order_check_ins" USING btree ("at");--> statement-breakpoint
CREATE INDEX "work_order_check_ins_order_idx" ON "work_order_check_ins" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "work_order_check_ins_provider_idx" ON "work_order_check_ins" USING btree ("provider_id","at") WHERE provider_id is not null;--> statement-breakpoint
CREATE INDEX "work_order_check_ins_technician_idx" ON "work_order_check_ins" USING btree ("technician_id","at") WHERE technician_id is not null;--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_payments_provider_created_idx" ON "order_payments" USING btree ("provider_id","created_at") WHERE provider_id is not null;--> statement-breakpoint
CREATE INDEX "work_orders_provider_created_idx" ON "work_orders" USING btree ("provider_id","created_at") WHERE provider_id is not null;--> statement-breakpoint
CREATE INDEX "work_orders_technician_created_idx" ON "work_orders" USING btree ("technician_id","created_at") WHERE technician_id is not null;--> statement-breakpoint
CREATE INDEX "work_orders_technician_done_at_idx" ON "work_orders" USING btree ("technician_id","done_at") WHERE technician_id is not null and done_at is not null;--> statement-breakpoint
CREATE INDEX "work_orders_technician_checked_in_at_idx" ON "work_orders" USING btree ("technician_id","checked_in_at") WHERE technician_id is not null and checked_in_at is not null;--> statement-breakpoint
-- hand-edited: statistics for the new table and column at once (the drill-down's plans are costed on them; without,
-- the check-ins' plan looked costly enough for PostgreSQL to compile it — JIT — on every call until autovacuum came).
ANALYZE "work_order_check_ins";--> statement-breakpoint
ANALYZE "order_payments";

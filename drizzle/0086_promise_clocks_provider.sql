ALTER TABLE "promise_clocks" ADD COLUMN "provider_id" uuid;--> statement-breakpoint
-- Hand-written (below, to the index): the clocks already there take their order's provider, and triggers
-- keep the copy — on a clock's insert, and when an order gets or changes its provider.
UPDATE "promise_clocks" c SET "provider_id" = w."provider_id" FROM "work_orders" w WHERE w."id" = c."order_id" AND w."provider_id" IS NOT NULL;--> statement-breakpoint
CREATE FUNCTION "promise_clock_provider"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."provider_id" := (SELECT w."provider_id" FROM "work_orders" w WHERE w."id" = NEW."order_id");
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "promise_clocks_provider" BEFORE INSERT ON "promise_clocks"
  FOR EACH ROW EXECUTE FUNCTION "promise_clock_provider"();--> statement-breakpoint
CREATE FUNCTION "work_order_clocks_provider"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "promise_clocks" SET "provider_id" = NEW."provider_id" WHERE "order_id" = NEW."id" AND "provider_id" IS DISTINCT FROM NEW."provider_id";
  RETURN NULL;
END
$$;--> statement-breakpoint
-- AFTER, so clocks written in the same statement as their order (a data-modifying WITH) are reached too.
CREATE TRIGGER "work_orders_clocks_provider_insert" AFTER INSERT ON "work_orders"
  FOR EACH ROW WHEN (NEW."provider_id" IS NOT NULL) EXECUTE FUNCTION "work_order_clocks_provider"();--> statement-breakpoint
CREATE TRIGGER "work_orders_clocks_provider_update" AFTER UPDATE OF "provider_id" ON "work_orders"
  FOR EACH ROW WHEN (OLD."provider_id" IS DISTINCT FROM NEW."provider_id") EXECUTE FUNCTION "work_order_clocks_provider"();--> statement-breakpoint
ALTER TABLE "promise_clocks" ADD CONSTRAINT "promise_clocks_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promise_clocks_provider_closed_idx" ON "promise_clocks" USING btree ("provider_id",coalesce("met_at", "breached_at")) WHERE provider_id is not null and (outcome is not null or breached_at is not null);

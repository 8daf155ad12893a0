CREATE TABLE "old_part_returns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"consumption_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"part_id" uuid NOT NULL,
	"provider_id" uuid,
	"technician_id" uuid,
	"quantity" integer NOT NULL,
	"old_serial" text,
	"new_serial" text,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"shipment_id" uuid,
	"shipped_at" timestamp with time zone,
	"missing_at" timestamp with time zone,
	"inspected_at" timestamp with time zone,
	"inspected_by" text,
	"quantity_received" integer,
	"type_matches" boolean,
	"serial_received" text,
	"serial_matches" boolean,
	"state" text,
	"fate" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "old_part_shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"to_location_id" uuid NOT NULL,
	"status" text NOT NULL,
	"carrier" text,
	"tracking" text,
	"note" text,
	"packed_by" text NOT NULL,
	"shipped_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"received_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_claim_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"part_number" text NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"serial" text,
	"quantity" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_consumption_id_part_consumptions_id_fk" FOREIGN KEY ("consumption_id") REFERENCES "public"."part_consumptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_shipments" ADD CONSTRAINT "old_part_shipments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_shipments" ADD CONSTRAINT "old_part_shipments_to_location_id_stock_locations_id_fk" FOREIGN KEY ("to_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_claim_lines" ADD CONSTRAINT "supplier_claim_lines_return_id_old_part_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."old_part_returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_claim_lines" ADD CONSTRAINT "supplier_claim_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "old_part_returns_consumption_uq" ON "old_part_returns" USING btree ("consumption_id");--> statement-breakpoint
CREATE INDEX "old_part_returns_provider_idx" ON "old_part_returns" USING btree ("provider_id","status","due_at");--> statement-breakpoint
CREATE INDEX "old_part_returns_order_idx" ON "old_part_returns" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "old_part_returns_shipment_idx" ON "old_part_returns" USING btree ("shipment_id") WHERE "old_part_returns"."shipment_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "old_part_shipments_number_uq" ON "old_part_shipments" USING btree ("number");--> statement-breakpoint
CREATE INDEX "old_part_shipments_provider_idx" ON "old_part_shipments" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_claim_lines_return_uq" ON "supplier_claim_lines" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "supplier_claim_lines_part_idx" ON "supplier_claim_lines" USING btree ("part_id","created_at");
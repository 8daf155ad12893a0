CREATE TABLE "part_consumptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"line_key" text NOT NULL,
	"part_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"serial" text,
	"old_serial" text,
	"under_warranty" boolean NOT NULL,
	"payer" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"fee_line_id" uuid,
	"return_due_at" timestamp with time zone,
	"provider_id" uuid,
	"technician_id" uuid,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "part_models" (
	"part_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	CONSTRAINT "part_models_part_id_model_id_pk" PRIMARY KEY("part_id","model_id")
);
--> statement-breakpoint
CREATE TABLE "part_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid,
	"part_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"to_location_id" uuid NOT NULL,
	"from_location_id" uuid,
	"status" text NOT NULL,
	"serials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"requested_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"is_main" boolean DEFAULT false NOT NULL,
	"list_fen" bigint NOT NULL,
	"issue_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"serialised" boolean DEFAULT false NOT NULL,
	"returnable" boolean DEFAULT false NOT NULL,
	"return_days" integer,
	"warranty_months" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parts_prices_ck" CHECK ("parts"."list_fen" >= 0 and "parts"."issue_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "parts_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_counts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"status" text NOT NULL,
	"lines" jsonb NOT NULL,
	"reason" text,
	"created_by" text NOT NULL,
	"decided_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_levels" (
	"location_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stock_levels_location_id_part_id_pk" PRIMARY KEY("location_id","part_id"),
	CONSTRAINT "stock_levels_floor_ck" CHECK ("stock_levels"."reserved" >= 0 and "stock_levels"."on_hand" >= "stock_levels"."reserved")
);
--> statement-breakpoint
CREATE TABLE "stock_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"provider_id" uuid,
	"technician_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"location_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"on_hand_delta" integer NOT NULL,
	"reserved_delta" integer NOT NULL,
	"on_hand_after" integer NOT NULL,
	"serials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"other_location_id" uuid,
	"order_id" uuid,
	"request_id" uuid,
	"count_id" uuid,
	"consumption_id" uuid,
	"reason" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_serials" (
	"part_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"status" text NOT NULL,
	"location_id" uuid,
	"request_id" uuid,
	"order_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_serials_part_id_serial_pk" PRIMARY KEY("part_id","serial")
);
--> statement-breakpoint
ALTER TABLE "part_consumptions" ADD CONSTRAINT "part_consumptions_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_consumptions" ADD CONSTRAINT "part_consumptions_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_consumptions" ADD CONSTRAINT "part_consumptions_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_models" ADD CONSTRAINT "part_models_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_models" ADD CONSTRAINT "part_models_model_id_product_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."product_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_to_location_id_stock_locations_id_fk" FOREIGN KEY ("to_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_from_location_id_stock_locations_id_fk" FOREIGN KEY ("from_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_counts" ADD CONSTRAINT "stock_counts_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_serials" ADD CONSTRAINT "stock_serials_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_serials" ADD CONSTRAINT "stock_serials_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "part_consumptions_line_uq" ON "part_consumptions" USING btree ("order_id","line_key");--> statement-breakpoint
CREATE INDEX "part_consumptions_return_idx" ON "part_consumptions" USING btree ("return_due_at");--> statement-breakpoint
CREATE INDEX "part_models_model_idx" ON "part_models" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "part_requests_status_idx" ON "part_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "part_requests_order_idx" ON "part_requests" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_number_uq" ON "parts" USING btree ("number");--> statement-breakpoint
CREATE INDEX "parts_history_subject_idx" ON "parts_history" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE INDEX "stock_counts_location_idx" ON "stock_counts" USING btree ("location_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_code_uq" ON "stock_locations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_store_uq" ON "stock_locations" USING btree ("provider_id") WHERE "stock_locations"."kind" = 'provider_store';--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_van_uq" ON "stock_locations" USING btree ("technician_id") WHERE "stock_locations"."kind" = 'van';--> statement-breakpoint
CREATE INDEX "stock_movements_location_idx" ON "stock_movements" USING btree ("location_id","seq");--> statement-breakpoint
CREATE INDEX "stock_movements_order_idx" ON "stock_movements" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "stock_serials_location_idx" ON "stock_serials" USING btree ("location_id","part_id");
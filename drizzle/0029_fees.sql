CREATE TABLE "order_fee_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"line_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_fee_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"payer" text NOT NULL,
	"rule_code" text NOT NULL,
	"reason_zh" text NOT NULL,
	"reason_en" text NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"price_version_id" uuid,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_fee_visits" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"visit_key" text NOT NULL,
	"job_mode" text NOT NULL,
	"price_version_id" uuid,
	"work_day" date NOT NULL,
	"fault_day" date NOT NULL,
	"area_type" text,
	"road_metres" integer,
	"straight_metres" integer,
	"distance_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"priced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_list_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"list_id" uuid NOT NULL,
	"version_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_list_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"list_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"content" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"provider_id" uuid,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"base_lat" double precision,
	"base_lng" double precision,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_fee_history" ADD CONSTRAINT "order_fee_history_line_id_order_fee_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."order_fee_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_fee_lines" ADD CONSTRAINT "order_fee_lines_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_fee_lines" ADD CONSTRAINT "order_fee_lines_price_version_id_price_list_versions_id_fk" FOREIGN KEY ("price_version_id") REFERENCES "public"."price_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_fee_visits" ADD CONSTRAINT "order_fee_visits_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_fee_visits" ADD CONSTRAINT "order_fee_visits_price_version_id_price_list_versions_id_fk" FOREIGN KEY ("price_version_id") REFERENCES "public"."price_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_history" ADD CONSTRAINT "price_list_history_list_id_price_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."price_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_versions" ADD CONSTRAINT "price_list_versions_list_id_price_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."price_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_lists" ADD CONSTRAINT "price_lists_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_fee_history_order_idx" ON "order_fee_history" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "order_fee_lines_order_idx" ON "order_fee_lines" USING btree ("order_id","status");--> statement-breakpoint
CREATE INDEX "order_fee_visits_key_idx" ON "order_fee_visits" USING btree ("visit_key");--> statement-breakpoint
CREATE INDEX "price_list_history_list_idx" ON "price_list_history" USING btree ("list_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_list_versions_number_uq" ON "price_list_versions" USING btree ("list_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "price_list_versions_effective_uq" ON "price_list_versions" USING btree ("list_id","effective_from") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "price_lists_national_uq" ON "price_lists" USING btree ("scope") WHERE scope = 'national';--> statement-breakpoint
CREATE UNIQUE INDEX "price_lists_provider_uq" ON "price_lists" USING btree ("provider_id") WHERE provider_id is not null;
CREATE TABLE "complaint_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"complaint_id" uuid NOT NULL,
	"type" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"direction" text,
	"duration_minutes" integer,
	"amount_fen" bigint,
	"currency" text,
	"order_id" uuid,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_level" text,
	"to_level" text,
	"from_status" text,
	"to_status" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_levels" (
	"level" text PRIMARY KEY NOT NULL,
	"rank" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"min_severity" text,
	"target_minutes" jsonb NOT NULL,
	CONSTRAINT "complaint_levels_rank_unique" UNIQUE("rank")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"customer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"text" text NOT NULL,
	"order_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"provider_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"technician_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"level" text NOT NULL,
	"calendar_id" uuid,
	"level_since" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"repeat_of_id" uuid,
	"root_cause" text,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"customer_answer" text,
	"shared_text" text,
	"shared_at" timestamp with time zone,
	"filed_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_entries" ADD CONSTRAINT "complaint_entries_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_entries" ADD CONSTRAINT "complaint_entries_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_history" ADD CONSTRAINT "complaint_history_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_entries_complaint_idx" ON "complaint_entries" USING btree ("complaint_id","at");--> statement-breakpoint
CREATE INDEX "complaint_history_complaint_idx" ON "complaint_history" USING btree ("complaint_id","seq");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_due_idx" ON "complaints" USING btree ("due_at") WHERE "complaints"."status" = 'open' and "complaints"."breached_at" is null;--> statement-breakpoint
CREATE INDEX "complaints_units_idx" ON "complaints" USING gin ("unit_ids");--> statement-breakpoint
CREATE INDEX "complaints_providers_idx" ON "complaints" USING gin ("provider_ids");
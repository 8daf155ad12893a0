CREATE TABLE "calendar_days" (
	"calendar_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text,
	"name_en" text,
	"blocks" jsonb,
	CONSTRAINT "calendar_days_calendar_id_date_pk" PRIMARY KEY("calendar_id","date")
);
--> statement-breakpoint
CREATE TABLE "calendars" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"time_zone" text NOT NULL,
	"week" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"provider_id" uuid,
	"region" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_promises" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"policy_id" uuid NOT NULL,
	"calendar_id" uuid NOT NULL,
	"warn_share" double precision NOT NULL,
	"beaten_share" double precision NOT NULL,
	"warn_role" text NOT NULL,
	"escalate_role" text NOT NULL,
	"paused_at" timestamp with time zone,
	"next_due_at" timestamp with time zone,
	"next_warn_at" timestamp with time zone,
	"next_alert_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promise_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"milestone" text NOT NULL,
	"cycle" integer NOT NULL,
	"kind" text NOT NULL,
	"role" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	"message_zh" text NOT NULL,
	"message_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promise_clocks" (
	"order_id" uuid NOT NULL,
	"milestone" text NOT NULL,
	"cycle" integer NOT NULL,
	"status" text NOT NULL,
	"target_ms" bigint NOT NULL,
	"internal_target_ms" bigint,
	"consumed_ms" bigint NOT NULL,
	"running_since" timestamp with time zone,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"internal_due_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	"outcome" text,
	"margin_ms" bigint,
	"internal_kept" boolean,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	CONSTRAINT "promise_clocks_order_id_milestone_cycle_pk" PRIMARY KEY("order_id","milestone","cycle")
);
--> statement-breakpoint
CREATE TABLE "promise_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promise_pauses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "promise_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"order_kind" text,
	"priority" text,
	"customer_tier" text,
	"region" text,
	"category_id" uuid,
	"calendar_id" uuid,
	"targets" jsonb NOT NULL,
	"warn_share" double precision NOT NULL,
	"beaten_share" double precision NOT NULL,
	"warn_role" text NOT NULL,
	"escalate_role" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendars" ADD CONSTRAINT "calendars_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_promises" ADD CONSTRAINT "order_promises_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_promises" ADD CONSTRAINT "order_promises_policy_id_promise_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."promise_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_promises" ADD CONSTRAINT "order_promises_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_alerts" ADD CONSTRAINT "promise_alerts_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_clocks" ADD CONSTRAINT "promise_clocks_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_history" ADD CONSTRAINT "promise_history_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_pauses" ADD CONSTRAINT "promise_pauses_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_policies" ADD CONSTRAINT "promise_policies_category_id_product_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."product_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_policies" ADD CONSTRAINT "promise_policies_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_code_uq" ON "calendars" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_default_uq" ON "calendars" USING btree ("is_default") WHERE is_default;--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_provider_uq" ON "calendars" USING btree ("provider_id") WHERE provider_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_region_uq" ON "calendars" USING btree ("region") WHERE region is not null;--> statement-breakpoint
CREATE INDEX "order_promises_next_alert_idx" ON "order_promises" USING btree ("next_alert_at") WHERE next_alert_at is not null;--> statement-breakpoint
CREATE INDEX "order_promises_next_due_idx" ON "order_promises" USING btree ("next_due_at") WHERE next_due_at is not null;--> statement-breakpoint
CREATE INDEX "order_promises_next_warn_idx" ON "order_promises" USING btree ("next_warn_at") WHERE next_warn_at is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "promise_alerts_once_uq" ON "promise_alerts" USING btree ("order_id","milestone","cycle","kind");--> statement-breakpoint
CREATE INDEX "promise_alerts_role_idx" ON "promise_alerts" USING btree ("role","id");--> statement-breakpoint
CREATE INDEX "promise_clocks_met_idx" ON "promise_clocks" USING btree ("met_at") WHERE met_at is not null;--> statement-breakpoint
CREATE INDEX "promise_history_order_idx" ON "promise_history" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "promise_pauses_order_idx" ON "promise_pauses" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "promise_policies_code_uq" ON "promise_policies" USING btree ("code");
CREATE TABLE "quality_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"model_id" uuid NOT NULL,
	"month" text NOT NULL,
	"faults" integer NOT NULL,
	"units" integer NOT NULL,
	"rate_per_1000" double precision NOT NULL,
	"baseline_per_1000" double precision NOT NULL,
	"upper_limit_per_1000" double precision NOT NULL,
	"order_ids" jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "quality_cause_origins" (
	"cause_code" text PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quality_cause_origins_origin_ck" CHECK ("quality_cause_origins"."origin" in ('product', 'installation', 'other'))
);
--> statement-breakpoint
CREATE TABLE "quality_fault_months" (
	"month" text NOT NULL,
	"model_id" uuid NOT NULL,
	"cause_code" text NOT NULL,
	"faults" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_unit_months" (
	"month" text NOT NULL,
	"model_id" uuid NOT NULL,
	"started" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_model_id_product_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."product_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_alerts_model_month_uq" ON "quality_alerts" USING btree ("model_id","month");--> statement-breakpoint
CREATE INDEX "quality_alerts_raised_idx" ON "quality_alerts" USING btree ("raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_fault_months_uq" ON "quality_fault_months" USING btree ("month","model_id","cause_code");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_unit_months_uq" ON "quality_unit_months" USING btree ("model_id","month");
CREATE TABLE "return_appraisal_signatures" (
	"appraisal_id" uuid NOT NULL,
	"signer" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_appraisals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"by" text NOT NULL,
	"findings" text NOT NULL,
	"photo_ids" jsonb NOT NULL,
	"responsibility" text NOT NULL,
	"bearer" text NOT NULL,
	"signatures_needed" integer NOT NULL,
	"appraised_by" text NOT NULL,
	"appraised_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_case_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "return_case_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"line_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"details" jsonb NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_case_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"fault_code" text NOT NULL,
	"reported_on" date NOT NULL,
	"sanbao_rule" text NOT NULL,
	"sanbao_options" jsonb NOT NULL,
	"sanbao_reason" jsonb NOT NULL,
	"no_reason_return" boolean NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"refundable_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"requested" text NOT NULL,
	"override_reason" text,
	"override_by" text,
	"decision" text,
	"replacement_model_id" uuid,
	"price_difference_fen" bigint,
	"refund_fen" bigint,
	"replacement_unit_id" uuid,
	"way_back" text DEFAULT 'with_customer' NOT NULL,
	"pickup_from" timestamp with time zone,
	"pickup_to" timestamp with time zone,
	"warehouse" text
);
--> statement-breakpoint
CREATE TABLE "return_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"policy" jsonb NOT NULL,
	"rejected_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"opened_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"panel_above_fen" bigint NOT NULL,
	"panel_for_refunds" boolean NOT NULL,
	"panel_size" integer NOT NULL,
	"manager_approval_above_fen" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "replaces_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "return_appraisal_signatures" ADD CONSTRAINT "return_appraisal_signatures_appraisal_id_return_appraisals_id_fk" FOREIGN KEY ("appraisal_id") REFERENCES "public"."return_appraisals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_appraisals" ADD CONSTRAINT "return_appraisals_case_id_return_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."return_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_appraisals" ADD CONSTRAINT "return_appraisals_line_id_return_case_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."return_case_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case_history" ADD CONSTRAINT "return_case_history_case_id_return_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."return_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case_lines" ADD CONSTRAINT "return_case_lines_case_id_return_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."return_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case_lines" ADD CONSTRAINT "return_case_lines_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case_lines" ADD CONSTRAINT "return_case_lines_replacement_model_id_product_models_id_fk" FOREIGN KEY ("replacement_model_id") REFERENCES "public"."product_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case_lines" ADD CONSTRAINT "return_case_lines_replacement_unit_id_units_id_fk" FOREIGN KEY ("replacement_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_cases" ADD CONSTRAINT "return_cases_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_cases" ADD CONSTRAINT "return_cases_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "return_appraisal_signatures_uq" ON "return_appraisal_signatures" USING btree ("appraisal_id","signer");--> statement-breakpoint
CREATE UNIQUE INDEX "return_appraisals_line_uq" ON "return_appraisals" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "return_case_history_case_idx" ON "return_case_history" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "return_case_lines_case_idx" ON "return_case_lines" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "return_case_lines_unit_idx" ON "return_case_lines" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "return_cases_customer_idx" ON "return_cases" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_cases_open_order_uq" ON "return_cases" USING btree ("order_id") WHERE "return_cases"."status" not in ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "return_cases_status_idx" ON "return_cases" USING btree ("status");--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_replaces_unit_id_units_id_fk" FOREIGN KEY ("replaces_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;
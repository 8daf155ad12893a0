CREATE TABLE "settlement_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"from_statement_id" uuid NOT NULL,
	"from_line_no" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"statement_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_history" (
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
CREATE TABLE "settlement_lines" (
	"statement_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"kind" text NOT NULL,
	"order_id" uuid,
	"order_number" text,
	"fee_line_id" uuid,
	"fee_kind" text,
	"payer" text,
	"rule_id" uuid,
	"rule_code" text,
	"measure" text,
	"measured_value" double precision,
	"quantity" integer DEFAULT 1 NOT NULL,
	"order_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"dispute_status" text,
	"dispute_reason" text,
	"dispute_note" text,
	"answer" text,
	"answer_credit_fen" bigint,
	CONSTRAINT "settlement_lines_statement_id_line_no_pk" PRIMARY KEY("statement_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "settlement_orders" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"statement_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"job_type" text NOT NULL,
	"technician_id" uuid
);
--> statement-breakpoint
CREATE TABLE "settlement_piece_rates" (
	"provider_id" uuid NOT NULL,
	"job_type" text NOT NULL,
	"rate_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "settlement_piece_rates_provider_id_job_type_pk" PRIMARY KEY("provider_id","job_type")
);
--> statement-breakpoint
CREATE TABLE "settlement_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"measure" text NOT NULL,
	"threshold_min" double precision,
	"threshold_max" double precision,
	"basis" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"active_from" date NOT NULL,
	"active_to" date,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"time_zone" text NOT NULL,
	"status" text NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"order_count" integer DEFAULT 0 NOT NULL,
	"held_count" integer DEFAULT 0 NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"generated_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"agreed_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "settlement_corrections" ADD CONSTRAINT "settlement_corrections_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_corrections" ADD CONSTRAINT "settlement_corrections_from_statement_id_settlement_statements_id_fk" FOREIGN KEY ("from_statement_id") REFERENCES "public"."settlement_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_corrections" ADD CONSTRAINT "settlement_corrections_statement_id_settlement_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."settlement_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_statement_id_settlement_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."settlement_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_orders" ADD CONSTRAINT "settlement_orders_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_orders" ADD CONSTRAINT "settlement_orders_statement_id_settlement_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."settlement_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_piece_rates" ADD CONSTRAINT "settlement_piece_rates_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD CONSTRAINT "settlement_statements_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_corrections_line_uq" ON "settlement_corrections" USING btree ("from_statement_id","from_line_no");--> statement-breakpoint
CREATE INDEX "settlement_corrections_open_idx" ON "settlement_corrections" USING btree ("provider_id") WHERE statement_id is null;--> statement-breakpoint
CREATE INDEX "settlement_history_subject_idx" ON "settlement_history" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE INDEX "settlement_orders_statement_idx" ON "settlement_orders" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_rules_code_uq" ON "settlement_rules" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_statements_provider_period_uq" ON "settlement_statements" USING btree ("provider_id","period");--> statement-breakpoint
CREATE INDEX "settlement_statements_status_idx" ON "settlement_statements" USING btree ("status","period");
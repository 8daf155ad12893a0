CREATE TABLE "service_contract_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"action" text NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "service_contract_reminders" (
	"contract_id" uuid NOT NULL,
	"ends_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_contract_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"order_id" uuid,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_contracts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"term_months" integer NOT NULL,
	"price_fen" bigint NOT NULL,
	"currency" text NOT NULL,
	"covers_labour" boolean NOT NULL,
	"covers_parts" boolean NOT NULL,
	"part_codes" jsonb,
	"visits_included" integer DEFAULT 0 NOT NULL,
	"visit_every_months" integer DEFAULT 0 NOT NULL,
	"sold_by" text NOT NULL,
	"sold_at" timestamp with time zone NOT NULL,
	"cancelled_on" date,
	"refund_owed_fen" bigint,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_values" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"recency" integer NOT NULL,
	"frequency" integer NOT NULL,
	"monetary" integer NOT NULL,
	"score" integer NOT NULL,
	"top" boolean NOT NULL,
	"recency_days" integer,
	"purchases" integer NOT NULL,
	"monetary_fen" bigint NOT NULL,
	"computed_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_invitations" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"tier" text NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_runs" (
	"run_day" date PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"customers" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_tier_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"from_tier" text NOT NULL,
	"to_tier" text NOT NULL,
	"rule" text NOT NULL,
	"reason_zh" text NOT NULL,
	"reason_en" text NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"run_day" date
);
--> statement-breakpoint
CREATE TABLE "loyalty_tier_rules" (
	"tier" text PRIMARY KEY NOT NULL,
	"invitation_only" boolean DEFAULT false NOT NULL,
	"min_spend_fen" bigint DEFAULT 0 NOT NULL,
	"min_units" integer DEFAULT 0 NOT NULL,
	"min_tenure_months" integer DEFAULT 0 NOT NULL,
	"min_referrals" integer DEFAULT 0 NOT NULL,
	"planner_bonus" integer,
	"fee_discount_percent" integer DEFAULT 0 NOT NULL,
	"free_visits_per_year" integer DEFAULT 0 NOT NULL,
	"dedicated_line" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_codes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"referrer_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"household" text,
	"status" text NOT NULL,
	"purchase_ref" text,
	"purchase_fen" bigint,
	"reward_fen" bigint DEFAULT 0 NOT NULL,
	"rule" text,
	"reason_zh" text,
	"reason_en" text,
	"rewarded_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_lead_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"lead_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_contract_history" ADD CONSTRAINT "service_contract_history_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contract_reminders" ADD CONSTRAINT "service_contract_reminders_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contract_visits" ADD CONSTRAINT "service_contract_visits_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contract_visits" ADD CONSTRAINT "service_contract_visits_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_values" ADD CONSTRAINT "customer_values_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_invitations" ADD CONSTRAINT "loyalty_invitations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_invitations" ADD CONSTRAINT "loyalty_invitations_tier_customer_tiers_code_fk" FOREIGN KEY ("tier") REFERENCES "public"."customer_tiers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_tier_changes" ADD CONSTRAINT "loyalty_tier_changes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_tier_rules" ADD CONSTRAINT "loyalty_tier_rules_tier_customer_tiers_code_fk" FOREIGN KEY ("tier") REFERENCES "public"."customer_tiers"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_customers_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_friend_id_customers_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_lead_history" ADD CONSTRAINT "sales_lead_history_lead_id_sales_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."sales_leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_leads" ADD CONSTRAINT "sales_leads_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_leads" ADD CONSTRAINT "sales_leads_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_contract_history_contract_idx" ON "service_contract_history" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_contract_reminders_uq" ON "service_contract_reminders" USING btree ("contract_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "service_contract_visits_uq" ON "service_contract_visits" USING btree ("contract_id","due_on");--> statement-breakpoint
CREATE INDEX "service_contracts_unit_idx" ON "service_contracts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "service_contracts_customer_idx" ON "service_contracts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "service_contracts_ends_idx" ON "service_contracts" USING btree ("ends_on");--> statement-breakpoint
CREATE INDEX "customer_values_top_idx" ON "customer_values" USING btree ("top","score");--> statement-breakpoint
CREATE INDEX "loyalty_tier_changes_customer_idx" ON "loyalty_tier_changes" USING btree ("customer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_tier_changes_run_uq" ON "loyalty_tier_changes" USING btree ("customer_id","run_day");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_friend_uq" ON "referrals" USING btree ("friend_id");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_id");--> statement-breakpoint
CREATE INDEX "referrals_household_idx" ON "referrals" USING btree ("household","rewarded_at");--> statement-breakpoint
CREATE INDEX "sales_leads_status_idx" ON "sales_leads" USING btree ("status","created_at");
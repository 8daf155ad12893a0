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
ALTER TABLE "service_contract_history" ADD CONSTRAINT "service_contract_history_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contract_reminders" ADD CONSTRAINT "service_contract_reminders_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contract_visits" ADD CONSTRAINT "service_contract_visits_contract_id_service_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."service_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contract_visits" ADD CONSTRAINT "service_contract_visits_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD CONSTRAINT "service_contracts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_contract_history_contract_idx" ON "service_contract_history" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_contract_reminders_uq" ON "service_contract_reminders" USING btree ("contract_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "service_contract_visits_uq" ON "service_contract_visits" USING btree ("contract_id","due_on");--> statement-breakpoint
CREATE INDEX "service_contracts_unit_idx" ON "service_contracts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "service_contracts_customer_idx" ON "service_contracts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "service_contracts_ends_idx" ON "service_contracts" USING btree ("ends_on");
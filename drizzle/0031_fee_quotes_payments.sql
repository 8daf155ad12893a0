CREATE TABLE "order_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"order_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"collected_by_kind" text NOT NULL,
	"collected_by_id" uuid,
	"reason" text,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_quote_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"quote_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_quotes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"job_mode" text NOT NULL,
	"price_version_id" uuid,
	"lines" jsonb NOT NULL,
	"extras" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"customer_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"offered_at" timestamp with time zone,
	"link_nonce" text,
	"link_expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"channel" text,
	"signed_name" text,
	"refused_reason" text
);
--> statement-breakpoint
ALTER TABLE "order_payments" ADD CONSTRAINT "order_payments_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_quote_history" ADD CONSTRAINT "order_quote_history_quote_id_order_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."order_quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_quotes" ADD CONSTRAINT "order_quotes_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_quotes" ADD CONSTRAINT "order_quotes_price_version_id_price_list_versions_id_fk" FOREIGN KEY ("price_version_id") REFERENCES "public"."price_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_payments_idempotency_uq" ON "order_payments" USING btree ("order_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "order_payments_order_idx" ON "order_payments" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "order_quote_history_order_idx" ON "order_quote_history" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_quotes_number_uq" ON "order_quotes" USING btree ("order_id","number");--> statement-breakpoint
CREATE INDEX "order_quotes_order_idx" ON "order_quotes" USING btree ("order_id","status");
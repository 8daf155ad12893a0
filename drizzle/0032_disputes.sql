CREATE TABLE "fee_dispute_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"provider_id" uuid,
	"raised_by_kind" text NOT NULL,
	"raised_by" text NOT NULL,
	"reason" text NOT NULL,
	"text" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"line_name_zh" text NOT NULL,
	"line_name_en" text NOT NULL,
	"payer" text NOT NULL,
	"line_fen" bigint NOT NULL,
	"disputed_fen" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"credit_fen" bigint,
	"credit_line_id" uuid,
	"outcome_reason" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fee_dispute_history" ADD CONSTRAINT "fee_dispute_history_dispute_id_fee_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."fee_disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_disputes" ADD CONSTRAINT "fee_disputes_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_disputes" ADD CONSTRAINT "fee_disputes_line_id_order_fee_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."order_fee_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_dispute_history_dispute_idx" ON "fee_dispute_history" USING btree ("dispute_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_disputes_open_line_uq" ON "fee_disputes" USING btree ("line_id") WHERE "fee_disputes"."status" = 'open';--> statement-breakpoint
CREATE INDEX "fee_disputes_order_idx" ON "fee_disputes" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fee_disputes_status_due_idx" ON "fee_disputes" USING btree ("status","due_at");
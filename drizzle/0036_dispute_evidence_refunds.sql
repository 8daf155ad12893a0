CREATE TABLE "fee_dispute_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by_kind" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fee_disputes" ADD COLUMN "staff_note" text;--> statement-breakpoint
ALTER TABLE "fee_dispute_evidence" ADD CONSTRAINT "fee_dispute_evidence_dispute_id_fee_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."fee_disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_dispute_evidence_dispute_idx" ON "fee_dispute_evidence" USING btree ("dispute_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "order_payments_source_idx" ON "order_payments" USING btree ("source_kind","source_id");
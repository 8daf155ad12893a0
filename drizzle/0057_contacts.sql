CREATE TABLE "contact_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" uuid,
	"direction" text NOT NULL,
	"phone" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"outcome" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"agent" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"customer_id" uuid NOT NULL,
	"order_id" uuid,
	"text" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_suggestion_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_suggestions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"topic" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"recorded_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_calls" ADD CONSTRAINT "contact_calls_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_calls" ADD CONSTRAINT "contact_calls_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_suggestion_history" ADD CONSTRAINT "customer_suggestion_history_suggestion_id_customer_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."customer_suggestions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_suggestions" ADD CONSTRAINT "customer_suggestions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_calls_customer_idx" ON "contact_calls" USING btree ("customer_id","started_at");--> statement-breakpoint
CREATE INDEX "contact_calls_order_idx" ON "contact_calls" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "contact_notes_customer_idx" ON "contact_notes" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "contact_notes_order_idx" ON "contact_notes" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "customer_suggestion_history_suggestion_idx" ON "customer_suggestion_history" USING btree ("suggestion_id","seq");--> statement-breakpoint
CREATE INDEX "customer_suggestions_customer_idx" ON "customer_suggestions" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_suggestions_status_idx" ON "customer_suggestions" USING btree ("status","created_at");
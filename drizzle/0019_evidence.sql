CREATE TABLE "evidence_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"category_id" uuid,
	"kind" text NOT NULL,
	"photos" jsonb NOT NULL,
	"serials" jsonb NOT NULL,
	"readings" jsonb NOT NULL,
	"fault_codes" boolean NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"details" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "installation_readings" jsonb;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "readings" jsonb;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "replacement" text;--> statement-breakpoint
ALTER TABLE "evidence_rules" ADD CONSTRAINT "evidence_rules_category_id_product_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."product_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_flags" ADD CONSTRAINT "order_flags_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_rules_scope_uq" ON "evidence_rules" USING btree (coalesce("category_id", '00000000-0000-0000-0000-000000000000'::uuid),"kind");--> statement-breakpoint
CREATE INDEX "order_flags_order_idx" ON "order_flags" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "work_order_photos_sha256_idx" ON "work_order_photos" USING btree ("sha256");
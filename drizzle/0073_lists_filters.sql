CREATE TABLE "saved_order_views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"sort" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "saved_order_views" ADD CONSTRAINT "saved_order_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_order_views_user_name_uq" ON "saved_order_views" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "work_orders_appointment_idx" ON "work_orders" USING btree ("appointment_from") WHERE appointment_from is not null;--> statement-breakpoint
CREATE INDEX "work_orders_province_idx" ON "work_orders" USING btree (("address"->>'province'));--> statement-breakpoint
CREATE INDEX "work_orders_city_idx" ON "work_orders" USING btree (("address"->>'city'));
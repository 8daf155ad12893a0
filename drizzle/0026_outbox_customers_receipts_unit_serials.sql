CREATE TABLE "unit_serial_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"from_serial" text,
	"to_serial" text NOT NULL,
	"replacement" text,
	"order_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "unit_serial_changes" ADD CONSTRAINT "unit_serial_changes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_serial_changes_unit_idx" ON "unit_serial_changes" USING btree ("unit_id","at");--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_messages_customer_idx" ON "outbox_messages" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_provider_id_idx" ON "outbox_messages" USING btree ("provider","provider_message_id") WHERE provider_message_id is not null;--> statement-breakpoint
-- The customer each message already written is for: a sign-in code names the customer, an order's message the order.
UPDATE "outbox_messages" SET "customer_id" = ("subject"->>'id')::uuid
  WHERE "subject"->>'kind' = 'customer' AND EXISTS (SELECT 1 FROM "customers" c WHERE c."id"::text = "subject"->>'id');--> statement-breakpoint
UPDATE "outbox_messages" m SET "customer_id" = o."customer_id"
  FROM "work_orders" o WHERE m."subject"->>'kind' = 'work_order' AND o."id"::text = m."subject"->>'id';--> statement-breakpoint
-- Phones and codes in clear text only for this permission (defaultRolePermissions; a company changes the rows).
INSERT INTO "role_permissions" ("role", "permission") VALUES ('admin', 'outbox.reveal') ON CONFLICT DO NOTHING;

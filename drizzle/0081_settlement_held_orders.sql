CREATE TABLE "settlement_held_orders" (
	"statement_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "settlement_held_orders_statement_id_order_id_pk" PRIMARY KEY("statement_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "settlement_held_orders" ADD CONSTRAINT "settlement_held_orders_statement_id_settlement_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."settlement_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_held_orders" ADD CONSTRAINT "settlement_held_orders_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlement_held_orders_order_idx" ON "settlement_held_orders" USING btree ("order_id");
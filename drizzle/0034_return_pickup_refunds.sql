ALTER TABLE "order_payments" ADD COLUMN "source_kind" text;--> statement-breakpoint
ALTER TABLE "order_payments" ADD COLUMN "source_id" uuid;--> statement-breakpoint
ALTER TABLE "return_case_lines" ADD COLUMN "pickup_order_id" uuid;--> statement-breakpoint
ALTER TABLE "return_case_lines" ADD CONSTRAINT "return_case_lines_pickup_order_id_work_orders_id_fk" FOREIGN KEY ("pickup_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_case_lines_pickup_idx" ON "return_case_lines" USING btree ("pickup_order_id");
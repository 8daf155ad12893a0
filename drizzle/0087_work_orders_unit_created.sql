DROP INDEX "work_orders_unit_idx";--> statement-breakpoint
CREATE INDEX "work_orders_unit_idx" ON "work_orders" USING btree ("unit_id","created_at") WHERE unit_id is not null;
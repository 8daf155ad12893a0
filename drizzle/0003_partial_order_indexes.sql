DROP INDEX "work_orders_unit_idx";--> statement-breakpoint
DROP INDEX "work_orders_provider_idx";--> statement-breakpoint
DROP INDEX "work_orders_technician_idx";--> statement-breakpoint
DROP INDEX "work_orders_external_ref_idx";--> statement-breakpoint
CREATE INDEX "work_orders_unit_idx" ON "work_orders" USING btree ("unit_id") WHERE unit_id is not null;--> statement-breakpoint
CREATE INDEX "work_orders_provider_idx" ON "work_orders" USING btree ("provider_id","status") WHERE provider_id is not null;--> statement-breakpoint
CREATE INDEX "work_orders_technician_idx" ON "work_orders" USING btree ("technician_id","status") WHERE technician_id is not null;--> statement-breakpoint
CREATE INDEX "work_orders_external_ref_idx" ON "work_orders" USING btree ("external_ref") WHERE external_ref is not null;
ALTER TABLE "customer_addresses" ADD COLUMN "coordinates_approximate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_addresses" ADD COLUMN "placed_by" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "correction_warnings" jsonb;
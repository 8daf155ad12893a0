ALTER TABLE "service_contracts" ADD COLUMN "renewed_from" uuid;--> statement-breakpoint
ALTER TABLE "service_contracts" ADD COLUMN "payment" text DEFAULT 'paid' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "service_contracts_renewed_from_uq" ON "service_contracts" USING btree ("renewed_from");
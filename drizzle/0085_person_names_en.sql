ALTER TABLE "users" ADD COLUMN "display_name_en" text;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "name_en" text;
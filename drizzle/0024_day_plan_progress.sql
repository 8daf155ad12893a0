ALTER TABLE "day_plans" ADD COLUMN "progress" jsonb;--> statement-breakpoint
ALTER TABLE "day_plans" ADD COLUMN "stop_requested_at" timestamp with time zone;
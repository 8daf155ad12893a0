ALTER TABLE "old_part_returns" ADD COLUMN "label_tag" text;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD COLUMN "labelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD COLUMN "labelled_by" text;
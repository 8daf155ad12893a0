ALTER TABLE "order_quotes" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "return_appraisal_signatures" ADD COLUMN "image" text;
ALTER TABLE "complaint_entries" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "follow_up_task_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_follow_up_task_uq" ON "complaints" USING btree ("follow_up_task_id");
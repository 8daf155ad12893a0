CREATE TABLE "fraud_overdue_returns" (
	"return_id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"rescored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quality_alerts" ALTER COLUMN "model_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD COLUMN "part_id" uuid;--> statement-breakpoint
ALTER TABLE "fraud_overdue_returns" ADD CONSTRAINT "fraud_overdue_returns_return_id_old_part_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."old_part_returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_overdue_returns" ADD CONSTRAINT "fraud_overdue_returns_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_alerts_part_month_uq" ON "quality_alerts" USING btree ("part_id","month");--> statement-breakpoint
ALTER TABLE "quality_alerts" ADD CONSTRAINT "quality_alerts_subject_ck" CHECK (num_nonnulls("quality_alerts"."model_id", "quality_alerts"."part_id") = 1);
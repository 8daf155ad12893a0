CREATE TABLE "follow_up_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"result" text NOT NULL,
	"day_part" text NOT NULL,
	"actor" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "follow_up_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"rank" integer NOT NULL,
	"order_kind" text,
	"customer_tier" text,
	"provider_id" uuid,
	"sample_percent" integer NOT NULL,
	"due_business_hours" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"on_unreachable" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_scripts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_kind" text NOT NULL,
	"version" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider_id" uuid,
	"order_kind" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"time_zone" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"due_at" timestamp with time zone NOT NULL,
	"max_attempts" integer NOT NULL,
	"on_unreachable" text NOT NULL,
	"script_id" uuid,
	"script_version" integer,
	"answers" jsonb,
	"lead" jsonb,
	"correction" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"task_id" uuid,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"nonce" text,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answers" jsonb,
	"sent_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "follow_up_attempts" ADD CONSTRAINT "follow_up_attempts_task_id_follow_up_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."follow_up_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_history" ADD CONSTRAINT "follow_up_history_task_id_follow_up_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."follow_up_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_policy_id_follow_up_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."follow_up_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_script_id_follow_up_scripts_id_fk" FOREIGN KEY ("script_id") REFERENCES "public"."follow_up_scripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_surveys" ADD CONSTRAINT "follow_up_surveys_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_surveys" ADD CONSTRAINT "follow_up_surveys_task_id_follow_up_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."follow_up_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_attempts_task_idx" ON "follow_up_attempts" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "follow_up_history_task_idx" ON "follow_up_history" USING btree ("task_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_scripts_version_uq" ON "follow_up_scripts" USING btree ("order_kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_tasks_order_uq" ON "follow_up_tasks" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "follow_up_tasks_queue_idx" ON "follow_up_tasks" USING btree ("due_at") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_surveys_order_uq" ON "follow_up_surveys" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "follow_up_surveys_customer_idx" ON "follow_up_surveys" USING btree ("customer_id","sent_at");
CREATE TABLE "fraud_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"weight" integer NOT NULL,
	"params" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_score_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"score" integer NOT NULL,
	"signals" jsonb NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_scores" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid,
	"score" integer NOT NULL,
	"hold_score" double precision NOT NULL,
	"signals" jsonb NOT NULL,
	"status" text NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	"scorings" integer DEFAULT 1 NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fraud_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"hold_score" double precision NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fraud_score_history" ADD CONSTRAINT "fraud_score_history_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fraud_scores" ADD CONSTRAINT "fraud_scores_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fraud_score_history_order_idx" ON "fraud_score_history" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "fraud_scores_status_idx" ON "fraud_scores" USING btree ("status","score");--> statement-breakpoint
CREATE INDEX "fraud_scores_provider_idx" ON "fraud_scores" USING btree ("provider_id","status","decided_at");
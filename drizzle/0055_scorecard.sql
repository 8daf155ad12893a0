CREATE TABLE "scorecard_deliveries" (
	"month" text NOT NULL,
	"recipient_id" uuid NOT NULL,
	"email" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_delivery_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"roles" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_measure_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_measures" (
	"code" text PRIMARY KEY NOT NULL,
	"perspective" text NOT NULL,
	"position" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_zh" text NOT NULL,
	"definition_en" text NOT NULL,
	"source" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"target" double precision,
	"green" double precision,
	"red" double precision,
	"owner" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scorecard_measures_perspective_ck" CHECK ("scorecard_measures"."perspective" in ('financial', 'customer', 'internal', 'learning')),
	CONSTRAINT "scorecard_measures_direction_ck" CHECK ("scorecard_measures"."direction" in ('higher', 'lower'))
);
--> statement-breakpoint
CREATE TABLE "scorecard_recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"provider_id" uuid,
	"language" text DEFAULT 'zh' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scorecard_recipients_provider_ck" CHECK (("scorecard_recipients"."role" = 'provider_admin') = ("scorecard_recipients"."provider_id" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "scorecard_deliveries_uq" ON "scorecard_deliveries" USING btree ("month","recipient_id");--> statement-breakpoint
CREATE INDEX "scorecard_measure_history_code_idx" ON "scorecard_measure_history" USING btree ("code","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecard_recipients_email_uq" ON "scorecard_recipients" USING btree ("email","role");
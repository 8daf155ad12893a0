CREATE TABLE "care_campaign_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"campaign_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "care_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"trigger" jsonb NOT NULL,
	"audience" jsonb NOT NULL,
	"template_zh" text NOT NULL,
	"template_en" text NOT NULL,
	"channels" jsonb NOT NULL,
	"status" text NOT NULL,
	"starts_on" text,
	"ends_on" text,
	"conversion_days" integer NOT NULL,
	"link_url" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_consent_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"evidence" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_consents" (
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"evidence" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" text NOT NULL,
	CONSTRAINT "care_consents_customer_id_channel_purpose_pk" PRIMARY KEY("customer_id","channel","purpose")
);
--> statement-breakpoint
CREATE TABLE "care_inbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"send_id" uuid,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body" text NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "care_outcomes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"send_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"conversion_kind" text,
	"ref" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_profiles" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"birthday_calendar" text DEFAULT 'solar' NOT NULL,
	"lunar_month" integer,
	"lunar_day" integer,
	"lunar_leap" boolean,
	"time_zone" text,
	"wechat_open_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_sends" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid,
	"occurrence" text NOT NULL,
	"run_day" text NOT NULL,
	"status" text NOT NULL,
	"channel" text,
	"language" text NOT NULL,
	"outbox_message_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"clicked_at" timestamp with time zone,
	"converted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "care_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"cap_messages" integer NOT NULL,
	"cap_days" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_campaign_history" ADD CONSTRAINT "care_campaign_history_campaign_id_care_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."care_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_consent_history" ADD CONSTRAINT "care_consent_history_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_consents" ADD CONSTRAINT "care_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_inbox" ADD CONSTRAINT "care_inbox_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_inbox" ADD CONSTRAINT "care_inbox_send_id_care_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."care_sends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_outcomes" ADD CONSTRAINT "care_outcomes_send_id_care_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."care_sends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_outcomes" ADD CONSTRAINT "care_outcomes_campaign_id_care_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."care_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_profiles" ADD CONSTRAINT "care_profiles_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_sends" ADD CONSTRAINT "care_sends_campaign_id_care_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."care_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_sends" ADD CONSTRAINT "care_sends_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_campaign_history_campaign_idx" ON "care_campaign_history" USING btree ("campaign_id","seq");--> statement-breakpoint
CREATE INDEX "care_campaigns_status_idx" ON "care_campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "care_consent_history_customer_idx" ON "care_consent_history" USING btree ("customer_id","seq");--> statement-breakpoint
CREATE INDEX "care_inbox_customer_idx" ON "care_inbox" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "care_outcomes_uq" ON "care_outcomes" USING btree ("send_id","kind","ref");--> statement-breakpoint
CREATE INDEX "care_outcomes_campaign_idx" ON "care_outcomes" USING btree ("campaign_id","kind");--> statement-breakpoint
CREATE INDEX "care_profiles_lunar_idx" ON "care_profiles" USING btree ("lunar_month","lunar_day") WHERE birthday_calendar = 'lunar';--> statement-breakpoint
CREATE UNIQUE INDEX "care_sends_occurrence_uq" ON "care_sends" USING btree ("customer_id","occurrence");--> statement-breakpoint
CREATE INDEX "care_sends_campaign_idx" ON "care_sends" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "care_sends_customer_idx" ON "care_sends" USING btree ("customer_id","created_at");
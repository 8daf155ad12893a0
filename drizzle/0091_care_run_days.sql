CREATE TABLE "care_run_days" (
	"campaign_id" uuid NOT NULL,
	"day" text NOT NULL,
	"selected" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	CONSTRAINT "care_run_days_campaign_id_day_pk" PRIMARY KEY("campaign_id","day")
);
--> statement-breakpoint
ALTER TABLE "care_sends" ADD COLUMN "facts" jsonb;--> statement-breakpoint
ALTER TABLE "care_run_days" ADD CONSTRAINT "care_run_days_campaign_id_care_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."care_campaigns"("id") ON DELETE no action ON UPDATE no action;
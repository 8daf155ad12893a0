CREATE TABLE "scorecard_rollup" (
	"month" text NOT NULL,
	"source" text NOT NULL,
	"level" text NOT NULL,
	"key" text NOT NULL,
	"n" integer NOT NULL,
	"sum" double precision NOT NULL,
	"weight" double precision NOT NULL,
	"p90" double precision,
	CONSTRAINT "scorecard_rollup_level_source_month_key_pk" PRIMARY KEY("level","source","month","key")
);
--> statement-breakpoint
CREATE TABLE "scorecard_rollup_months" (
	"month" text PRIMARY KEY NOT NULL,
	"rolled_at" timestamp with time zone NOT NULL,
	"rows" integer NOT NULL
);

CREATE TABLE "live_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"order_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"provider_id" uuid,
	"technician_id" uuid,
	"status" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_read_marks" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"read_through" bigint NOT NULL,
	"read_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_reads" (
	"user_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_reads_user_id_seq_pk" PRIMARY KEY("user_id","seq")
);
--> statement-breakpoint
ALTER TABLE "live_read_marks" ADD CONSTRAINT "live_read_marks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_reads" ADD CONSTRAINT "live_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_events_provider_idx" ON "live_events" USING btree ("provider_id","seq");--> statement-breakpoint
CREATE INDEX "live_events_technician_idx" ON "live_events" USING btree ("technician_id","seq");
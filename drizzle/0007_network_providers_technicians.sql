CREATE TABLE "technician_absences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"technician_id" uuid NOT NULL,
	"from" timestamp with time zone NOT NULL,
	"to" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contract_from" date;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "contract_to" date;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "category_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "service_area" jsonb DEFAULT '{"regions":[],"postalCodes":[],"polygons":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "capacity" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "calendar_ref" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "skills" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "home_address" text;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "home_lat" double precision;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "home_lng" double precision;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "shifts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "max_jobs_per_day" integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "technician_absences" ADD CONSTRAINT "technician_absences_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "technician_absences_tech_idx" ON "technician_absences" USING btree ("technician_id","from");
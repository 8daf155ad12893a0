CREATE TABLE "day_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"date" date NOT NULL,
	"status" text NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"applied_by" text,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "planned_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"technician_id" uuid NOT NULL,
	"date" date NOT NULL,
	"sequence" integer NOT NULL,
	"planned_start" timestamp with time zone NOT NULL,
	"planned_end" timestamp with time zone NOT NULL,
	"travel_seconds" double precision NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "certifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"technician_id" uuid NOT NULL,
	"code" text NOT NULL,
	"category_id" uuid,
	"course_id" uuid,
	"attempt_id" uuid,
	"granted_by" text,
	"grant_reason" text,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"warn_days_before" integer NOT NULL,
	"warned_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"category_id" uuid NOT NULL,
	"certification_code" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"material_url" text,
	"validity_months" integer NOT NULL,
	"warn_days_before" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_exam_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"exam_id" uuid NOT NULL,
	"technician_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"paper" jsonb NOT NULL,
	"answers" jsonb,
	"submitted_at" timestamp with time zone,
	"score_percent" double precision,
	"outcome" text NOT NULL,
	"certification_id" uuid
);
--> statement-breakpoint
CREATE TABLE "training_exam_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"exam_id" uuid NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"options" jsonb NOT NULL,
	"correct" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_exams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"course_id" uuid NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"questions_per_paper" integer NOT NULL,
	"time_limit_minutes" integer NOT NULL,
	"pass_percent" integer NOT NULL,
	"retake_wait_hours" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"attempt_window_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
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
ALTER TABLE "work_orders" ADD COLUMN "check_in_distance_m" double precision;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "check_in_far" boolean;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "technician_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "day_plans" ADD CONSTRAINT "day_plans_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_visits" ADD CONSTRAINT "planned_visits_plan_id_day_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."day_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_visits" ADD CONSTRAINT "planned_visits_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_visits" ADD CONSTRAINT "planned_visits_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_absences" ADD CONSTRAINT "technician_absences_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_category_id_product_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."product_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_attempt_id_training_exam_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."training_exam_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_category_id_product_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."product_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_exam_attempts" ADD CONSTRAINT "training_exam_attempts_exam_id_training_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."training_exams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_exam_attempts" ADD CONSTRAINT "training_exam_attempts_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_exam_questions" ADD CONSTRAINT "training_exam_questions_exam_id_training_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."training_exams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_exams" ADD CONSTRAINT "training_exams_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_photos" ADD CONSTRAINT "work_order_photos_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "day_plans_provider_date_idx" ON "day_plans" USING btree ("provider_id","date","created_at");--> statement-breakpoint
CREATE INDEX "planned_visits_plan_idx" ON "planned_visits" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "planned_visits_tech_date_idx" ON "planned_visits" USING btree ("technician_id","date");--> statement-breakpoint
CREATE INDEX "technician_absences_tech_idx" ON "technician_absences" USING btree ("technician_id","from");--> statement-breakpoint
CREATE INDEX "certifications_tech_code_idx" ON "certifications" USING btree ("technician_id","code","expires_at");--> statement-breakpoint
CREATE INDEX "certifications_expiry_idx" ON "certifications" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_courses_code_uq" ON "training_courses" USING btree ("code");--> statement-breakpoint
CREATE INDEX "training_exam_attempts_tech_idx" ON "training_exam_attempts" USING btree ("technician_id","exam_id","started_at");--> statement-breakpoint
CREATE INDEX "training_exam_questions_exam_idx" ON "training_exam_questions" USING btree ("exam_id");--> statement-breakpoint
CREATE INDEX "training_exams_course_idx" ON "training_exams" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "work_order_photos_order_idx" ON "work_order_photos" USING btree ("order_id","uploaded_at");
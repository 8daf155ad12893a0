CREATE TABLE "audit_action_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "audit_corrective_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"audit_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_text_zh" text NOT NULL,
	"item_text_en" text NOT NULL,
	"provider_id" uuid,
	"technician_id" uuid,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"overdue_at" timestamp with time zone,
	"correction" text,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"dispatch_weight" double precision NOT NULL,
	"standing_days" integer NOT NULL,
	"follow_up_cursor" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"content" jsonb NOT NULL,
	"current" boolean NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_audits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"template_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"provider_id" uuid,
	"technician_id" uuid,
	"order_id" uuid,
	"month" text NOT NULL,
	"findings" jsonb NOT NULL,
	"score" double precision,
	"passed" boolean NOT NULL,
	"stars" integer NOT NULL,
	"sections" jsonb NOT NULL,
	"note" text,
	"source_ref" text,
	"audited_by" text NOT NULL,
	"audited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_participants" (
	"survey_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "pulse_participants_survey_id_user_id_pk" PRIMARY KEY("survey_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "pulse_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"provider_id" uuid,
	"role" text NOT NULL,
	"enps" integer NOT NULL,
	"scores" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"month" text NOT NULL,
	"questions" jsonb NOT NULL,
	"min_group_size" integer NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"answer" text
);
--> statement-breakpoint
CREATE TABLE "suggestions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"category" text NOT NULL,
	"anonymous" boolean NOT NULL,
	"author_user_id" uuid,
	"author_name" text,
	"provider_id" uuid,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"implemented_at" timestamp with time zone,
	"month" text NOT NULL,
	"created_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_action_history" ADD CONSTRAINT "audit_action_history_action_id_audit_corrective_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."audit_corrective_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_corrective_actions" ADD CONSTRAINT "audit_corrective_actions_audit_id_service_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."service_audits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_corrective_actions" ADD CONSTRAINT "audit_corrective_actions_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_corrective_actions" ADD CONSTRAINT "audit_corrective_actions_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_audits" ADD CONSTRAINT "service_audits_template_id_audit_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."audit_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_audits" ADD CONSTRAINT "service_audits_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_audits" ADD CONSTRAINT "service_audits_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_audits" ADD CONSTRAINT "service_audits_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_participants" ADD CONSTRAINT "pulse_participants_survey_id_pulse_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."pulse_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_survey_id_pulse_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."pulse_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_history" ADD CONSTRAINT "suggestion_history_suggestion_id_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."suggestions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_action_history_action_idx" ON "audit_action_history" USING btree ("action_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_actions_item_uq" ON "audit_corrective_actions" USING btree ("audit_id","item_code");--> statement-breakpoint
CREATE INDEX "audit_actions_provider_idx" ON "audit_corrective_actions" USING btree ("provider_id","status");--> statement-breakpoint
CREATE INDEX "audit_actions_due_idx" ON "audit_corrective_actions" USING btree ("due_at") WHERE "audit_corrective_actions"."status" <> 'verified' and "audit_corrective_actions"."overdue_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_templates_version_uq" ON "audit_templates" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_templates_current_uq" ON "audit_templates" USING btree ("code") WHERE "audit_templates"."current";--> statement-breakpoint
CREATE INDEX "service_audits_provider_idx" ON "service_audits" USING btree ("provider_id","month");--> statement-breakpoint
CREATE INDEX "service_audits_technician_idx" ON "service_audits" USING btree ("technician_id","month");--> statement-breakpoint
CREATE INDEX "service_audits_order_idx" ON "service_audits" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_audits_source_uq" ON "service_audits" USING btree ("source_ref");--> statement-breakpoint
CREATE INDEX "pulse_responses_survey_idx" ON "pulse_responses" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "suggestion_history_idx" ON "suggestion_history" USING btree ("suggestion_id","seq");--> statement-breakpoint
CREATE INDEX "suggestions_month_idx" ON "suggestions" USING btree ("month");--> statement-breakpoint
CREATE INDEX "suggestions_author_idx" ON "suggestions" USING btree ("author_user_id");
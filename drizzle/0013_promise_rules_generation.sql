CREATE TABLE "promise_rules_generation" (
	"only" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"generation" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "promise_rules_generation" ADD CONSTRAINT "promise_rules_generation_one_row" CHECK ("only");--> statement-breakpoint
INSERT INTO "promise_rules_generation" ("only", "generation") VALUES (true, 0);--> statement-breakpoint
CREATE FUNCTION "bump_promise_rules_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "promise_rules_generation" SET "generation" = "generation" + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "promise_policies_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "promise_policies"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_promise_rules_generation"();--> statement-breakpoint
CREATE TRIGGER "calendars_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "calendars"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_promise_rules_generation"();--> statement-breakpoint
CREATE TRIGGER "calendar_days_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "calendar_days"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_promise_rules_generation"();

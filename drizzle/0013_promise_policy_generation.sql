CREATE TABLE "promise_policy_generation" (
	"only" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"generation" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "promise_policy_generation" ADD CONSTRAINT "promise_policy_generation_one_row" CHECK ("only");--> statement-breakpoint
INSERT INTO "promise_policy_generation" ("only", "generation") VALUES (true, 0);--> statement-breakpoint
CREATE FUNCTION "bump_promise_policy_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "promise_policy_generation" SET "generation" = "generation" + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "promise_policies_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "promise_policies"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_promise_policy_generation"();

-- Hand-edited (the drops are drizzle-kit's; the comment and the triggers after them are by hand).
-- Every promise names its policy and calendar, and nearly every order has one of the same few: each
-- foreign-key check took a key-share lock on that one shared row, which intakes committing at once
-- (several server copies, each with its own group) turned into multixacts, and each lock was a write
-- of the policy's and the calendar's row. What the keys guarded stays guarded from the other side:
-- a policy or a calendar is never deleted (a policy is retired: active = false; a calendar stays for
-- the promises that ran on it) and never changes its id, in use or not, so no intake can race a
-- delete. TRUNCATE is refused too (the keys refused it as well, while a promise named the row).
ALTER TABLE "order_promises" DROP CONSTRAINT "order_promises_policy_id_promise_policies_id_fk";
--> statement-breakpoint
ALTER TABLE "order_promises" DROP CONSTRAINT "order_promises_calendar_id_calendars_id_fk";
--> statement-breakpoint
CREATE FUNCTION refuse_promise_rule_delete() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id IS DISTINCT FROM OLD.id THEN
      RAISE EXCEPTION '% keep their ids: promises name them', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% are never deleted: promises name them (retire a policy with active = false)', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER promise_policies_kept
  BEFORE DELETE OR UPDATE OF id ON promise_policies
  FOR EACH ROW EXECUTE FUNCTION refuse_promise_rule_delete();
--> statement-breakpoint
CREATE TRIGGER promise_policies_not_truncated
  BEFORE TRUNCATE ON promise_policies
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_promise_rule_delete();
--> statement-breakpoint
CREATE TRIGGER calendars_kept
  BEFORE DELETE OR UPDATE OF id ON calendars
  FOR EACH ROW EXECUTE FUNCTION refuse_promise_rule_delete();
--> statement-breakpoint
CREATE TRIGGER calendars_not_truncated
  BEFORE TRUNCATE ON calendars
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_promise_rule_delete();

-- The rule "parts consumed without the old part returned" now reads the old-part obligations
-- (parts module, 旧件返厂): on, as defaultRules in src/modules/fraud/fraud.rules.ts says. A company
-- that changed the rule keeps its own setting (only the shipped default is switched).
UPDATE "fraud_rules" SET "enabled" = true WHERE "code" = 'part_not_returned' AND "enabled" = false AND "version" = 1;

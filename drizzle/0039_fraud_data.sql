-- The fraud rules as shipped (defaultRules in src/modules/fraud/fraud.rules.ts), the hold score, and who reviews (fraud.review) and edits the rules (fraud.rules); defaultRolePermissions in src/kernel/permissions.ts.
INSERT INTO "fraud_rules" ("code", "enabled", "weight", "params", "updated_at", "updated_by") VALUES
  ('no_check_in', true, 40, '{"backdatedMinutes": 15}'::jsonb, now(), 'system'),
  ('check_in_far', true, 20, '{}'::jsonb, now(), 'system'),
  ('check_in_outside_window', true, 10, '{"minMinutes": 30}'::jsonb, now(), 'system'),
  ('short_job', true, 20, '{"shareOfStandard": 0.3}'::jsonb, now(), 'system'),
  ('photo_reused', true, 40, '{}'::jsonb, now(), 'system'),
  ('serial_mismatch', true, 30, '{}'::jsonb, now(), 'system'),
  ('serial_on_two_customers', true, 40, '{}'::jsonb, now(), 'system'),
  ('many_orders', true, 15, '{"windowDays": 30, "maxOrders": 3}'::jsonb, now(), 'system'),
  ('override_share', true, 15, '{"ratioToMedian": 2, "minOrders": 5, "windowDays": 90}'::jsonb, now(), 'system'),
  ('follow_up_contradicts', true, 50, '{}'::jsonb, now(), 'system'),
  ('repeat_visit', true, 20, '{"windowDays": 30, "maxVisits": 1}'::jsonb, now(), 'system'),
  ('part_not_returned', false, 30, '{}'::jsonb, now(), 'system')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "fraud_settings" ("id", "hold_score", "updated_at", "updated_by") VALUES ('default', 50, now(), 'system') ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('manager', 'fraud.review'),
  ('manager', 'fraud.rules'),
  ('admin', 'fraud.review'),
  ('admin', 'fraud.rules')
ON CONFLICT DO NOTHING;

-- Follow-ups: who reads the queue (followups.read), calls (followups.call) and keeps scripts and
-- policies (followups.manage), as defaultRolePermissions in src/kernel/permissions.ts; the policy
-- every confirmed order falls under until a company adds its own (all of them, due within 24
-- business hours, three times of day, then an SMS survey); the first scripts.
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('follow_up', 'followups.read'),
  ('follow_up', 'followups.call'),
  ('manager', 'followups.read'),
  ('manager', 'followups.manage'),
  ('admin', 'followups.read'),
  ('admin', 'followups.call'),
  ('admin', 'followups.manage')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "follow_up_policies" ("id", "name", "rank", "order_kind", "customer_tier", "provider_id", "sample_percent", "due_business_hours", "max_attempts", "on_unreachable", "active", "created_at") VALUES
  ('7a3b0f52-5a55-4c0e-9c1e-000000000001', '全部工单 / Every order', 1000, NULL, NULL, NULL, 100, 24, 3, 'sms_survey', true, now())
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "follow_up_scripts" ("id", "order_kind", "version", "questions", "created_at", "created_by") VALUES
  ('7a3b0f52-5a55-4c0e-9c1e-000000000101', 'repair', 1, '[{"code":"onTime","zh":"师傅是否按约定时间上门？","en":"Did the technician come at the agreed time?","answer":"yes_no","required":true},{"code":"fixed","zh":"故障是否已修好？","en":"Is the fault fixed?","answer":"yes_no","required":true},{"code":"charged","zh":"师傅是否收取了额外费用？","en":"Did the technician charge anything extra?","answer":"yes_no","required":false},{"code":"remarks","zh":"还有其他意见吗？","en":"Anything else?","answer":"text","required":false}]', now(), 'system:migration'),
  ('7a3b0f52-5a55-4c0e-9c1e-000000000102', 'installation', 1, '[{"code":"onTime","zh":"师傅是否按约定时间上门？","en":"Did the technician come at the agreed time?","answer":"yes_no","required":true},{"code":"working","zh":"空调是否正常制冷制热？","en":"Does the unit heat and cool properly?","answer":"yes_no","required":true},{"code":"tidy","zh":"安装后是否清理现场？","en":"Was the site cleaned up after installation?","answer":"yes_no","required":false},{"code":"remarks","zh":"还有其他意见吗？","en":"Anything else?","answer":"text","required":false}]', now(), 'system:migration'),
  ('7a3b0f52-5a55-4c0e-9c1e-000000000103', 'maintenance', 1, '[{"code":"onTime","zh":"师傅是否按约定时间上门？","en":"Did the technician come at the agreed time?","answer":"yes_no","required":true},{"code":"remarks","zh":"还有其他意见吗？","en":"Anything else?","answer":"text","required":false}]', now(), 'system:migration')
ON CONFLICT DO NOTHING;

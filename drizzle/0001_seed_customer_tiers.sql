-- The tiers every company starts with; managers add their own.
INSERT INTO "customer_tiers" ("code", "name_zh", "name_en", "rank") VALUES
  ('ordinary', '普通', 'Ordinary', 0),
  ('silver', '银卡', 'Silver', 10),
  ('gold', '金卡', 'Gold', 20),
  ('platinum', '白金', 'Platinum', 30)
ON CONFLICT ("code") DO NOTHING;

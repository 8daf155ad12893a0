CREATE INDEX "customer_phones_reversed_idx" ON "customer_phones" USING btree (reverse("phone") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_replaces_unit_idx" ON "units" USING btree ("replaces_unit_id") WHERE replaces_unit_id is not null;--> statement-breakpoint
-- Hand-written: the planner needs the new expression's statistics, or it guesses 0.5 % of all phones match a suffix and scans every customer.
ANALYZE "customer_phones";
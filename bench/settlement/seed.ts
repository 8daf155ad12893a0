// The bench's month, shared with the test that set-based generation of every provider's draft
// gives the same drafts as generating them one by one (src/modules/settlement/settlement.all.int.test.ts):
// a month of settled orders for many providers (with parts used, old parts returned on time, late or
// never, promise outcomes, follow-ups, cash collected and fraud signals), written straight in SQL.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';

const ms = (t0: number) => performance.now() - t0;
const uid = (prefix: string, n: SQL | string) => sql`('00000000-0000-4000-${sql.raw(prefix)}-' || lpad(to_hex(${typeof n === 'string' ? sql.raw(n) : n}), 12, '0'))::uuid`;
// January 2026 in the providers' zone (Asia/Shanghai); statements generated on 5 February.
export const periodEnd = '2026-02-01 00:00:00+08';

/** The month: every order confirmed and followed up in January; a fifth used a returnable part. Answers how long it took (ms). */
export async function seedMonth(database: Database, { orders, providers }: { orders: number; providers: number }) {
  const units = Math.max(1, Math.floor(orders / 4));
  const db = database.db;
  const t0 = performance.now();
  const g = sql.raw('g');
  await db.execute(sql`insert into customers (id, number, kind, name, tier, preferred_language, preferred_channel, consent_to_contact, created_at, updated_at)
    values ('00000000-0000-4000-8000-000000000001', 'C-BENCH', 'person', '压测客户', 'ordinary', 'zh', 'phone', false, now(), now())`);
  await db.execute(sql`insert into product_categories (id, code, name_zh, name_en, created_at) values ('00000000-0000-4000-8000-000000000002', 'AC', '空调', 'Air conditioner', now())`);
  await db.execute(sql`insert into product_models (id, category_id, code, name_zh, name_en, whole_unit_months, main_parts_months, main_parts, daily_depreciation_rate, standard_minutes, created_at)
    values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'M1', '型号', 'Model', 12, 36, '[]', 0.0005, '{}', now())`);
  await db.execute(sql`insert into providers (id, code, name, kind, contact_name, contact_phone, created_at)
    select ${uid('c200', g)}, 'P' || g, '网点' || g, 'contractor', '联系人', '02000000000', now() from generate_series(1, ${providers}) g`);
  await db.execute(sql`insert into technicians (id, provider_id, name, phone, created_at)
    select ${uid('c300', g)}, ${uid('c200', sql`1 + g % ${providers}`)}, '师傅' || g, '13800000000', now() from generate_series(1, ${providers * 2}) g`);
  await db.execute(sql`insert into units (id, model_id, owner_id, purchase_date, channel, price_fen, created_at, updated_at)
    select ${uid('b000', g)}, '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', date '2025-06-01', 'store', 300000, now(), now() from generate_series(1, ${units}) g`);
  // Provider = g mod P and technician = g mod 2P: each technician works for the provider of its orders.
  await db.execute(sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id, technician_id,
      done_at, confirmed_at, follow_up, created_at, updated_at)
    select ${uid('a000', g)}, 'WB-' || g, 'repair', 'followed_up', 'normal', 'phone', '00000000-0000-4000-8000-000000000001', 'ordinary', '13800000000', '{}'::jsonb,
           ${uid('b000', sql`1 + g % ${units}`)}, '压测', ${uid('c200', sql`1 + g % ${providers}`)}, ${uid('c300', sql`1 + g % ${providers * 2}`)},
           at - interval '2 hours', at, jsonb_build_object('satisfaction', case when g % 10 = 0 then 'dissatisfied' when g % 10 < 5 then 'delighted' else 'neutral' end),
           at - interval '1 day', at
    from (select g, timestamptz '2026-01-01 00:00:00+08' + make_interval(secs => (g::bigint * 7919) % (31 * 86400 - 3600)) as at from generate_series(1, ${orders}) g) s`);
  // Fee lines: labour and call-out (the maker pays); one order in twenty a line the provider bears.
  await db.execute(sql`insert into order_fee_lines (id, order_id, kind, code, name_zh, name_en, quantity, unit_fen, amount_fen, payer, rule_code, reason_zh, reason_en, source, created_at, created_by)
    select ${uid('a100', sql`g * 3 + k`)}, ${uid('a000', g)}, kind, kind, kind, kind, 1, amount, amount, payer, 'bench', '压测', 'bench', 'system', now(), 'bench'
    from generate_series(1, ${orders}) g
    cross join lateral (values (0, 'labour', 5000, 'maker'), (1, 'call_out', 3000, 'maker'), (2, 'materials', 1500, 'provider')) v(k, kind, amount, payer)
    where k < 2 or g % 20 = 0`);
  await db.execute(sql`insert into order_payments (id, order_id, amount_fen, currency, method, collected_by_kind, idempotency_key, request_hash, created_at, created_by)
    select ${uid('a200', g)}, ${uid('a000', g)}, 8000, 'CNY', 'cash', 'technician', 'bench-' || g, 'bench', now(), 'bench' from generate_series(1, ${orders}) g where g % 10 = 3`);
  await db.execute(sql`insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, started_at, outcome)
    select ${uid('a000', g)}, 'resolution', 1, 'met', 259200000, 100000000, now(), (array['beaten', 'kept', 'broken'])[1 + g % 3] from generate_series(1, ${orders}) g`);
  // Fraud signals: one order in a hundred held for review, one in two hundred confirmed.
  await db.execute(sql`insert into fraud_scores (order_id, provider_id, score, hold_score, signals, status, scored_at, created_at)
    select ${uid('a000', g)}, ${uid('c200', sql`1 + g % ${providers}`)}, case when g % 100 = 7 or g % 200 = 11 then 60 else 0 end, 50, '[]'::jsonb,
           case when g % 100 = 7 then 'held' when g % 200 = 11 then 'confirmed' else 'clear' end, now(), now()
    from generate_series(1, ${orders}) g`);
  // Parts: a fifth of the orders replaced a returnable part; its old part shipped on time (8 in 10), late, or never.
  await db.execute(sql`insert into parts (id, number, name_zh, name_en, list_fen, issue_fen, returnable, return_days, created_at)
    values ('00000000-0000-4000-8000-000000000004', 'BENCH-PUMP', '排水泵', 'Drain pump', 9000, 5000, true, 15, now())`);
  await db.execute(sql`insert into stock_locations (id, code, kind, name_zh, name_en, created_at) values ('00000000-0000-4000-8000-000000000005', 'BENCH-WH', 'central', '中央仓', 'Central', now())`);
  await db.execute(sql`insert into part_consumptions (id, order_id, line_key, part_id, location_id, quantity, under_warranty, payer, amount_fen, return_due_at, provider_id, technician_id, actor, at)
    select ${uid('a300', g)}, w.id, 'p', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005', 1, true, 'maker', 5000, w.done_at + interval '15 days', w.provider_id, w.technician_id, 'bench', w.done_at
    from generate_series(1, ${orders}) g join work_orders w on w.id = ${uid('a000', g)} where g % 5 = 1`);
  await db.execute(sql`insert into old_part_returns (id, consumption_id, order_id, order_number, part_id, provider_id, technician_id, quantity, due_at, status, shipped_at, created_at)
    select ${uid('a400', sql`c.n`)}, c.id, c.order_id, 'WB', c.part_id, c.provider_id, c.technician_id, 1, c.return_due_at,
           case when c.n % 10 = 9 then 'due' else 'shipped' end,
           case when c.n % 10 < 8 then c.at + interval '5 days' when c.n % 10 = 8 then c.return_due_at + interval '3 days' end, now()
    from (select pc.*, row_number() over (order by pc.id) as n from part_consumptions pc) c`);
  await db.execute(sql`insert into settlement_rules (id, code, name_zh, name_en, kind, measure, threshold_min, basis, amount_fen, active_from, created_at, created_by) values
    ('00000000-0000-4000-8000-000000000011', 'delighted', '满意奖励', 'Delighted', 'reward', 'follow_up_delighted_share', 0.3, 'per_order', 500, '2025-01-01', now(), 'bench'),
    ('00000000-0000-4000-8000-000000000012', 'dissatisfied', '不满意扣款', 'Dissatisfied', 'penalty', 'follow_up_dissatisfied', 1, 'per_order', 2000, '2025-01-01', now(), 'bench'),
    ('00000000-0000-4000-8000-000000000013', 'beaten', '提前奖励', 'Beaten', 'reward', 'promises_beaten_share', 0.2, 'fixed', 10000, '2025-01-01', now(), 'bench'),
    ('00000000-0000-4000-8000-000000000014', 'old_parts', '旧件逾期', 'Old parts', 'penalty', 'old_parts_late_or_missing', 1, 'per_order', 5000, '2025-01-01', now(), 'bench'),
    ('00000000-0000-4000-8000-000000000015', 'fraud', '欺诈扣款', 'Fraud', 'penalty', 'fraud_confirmed', 1, 'per_order', 30000, '2025-01-01', now(), 'bench')`);
  await db.execute(sql`vacuum analyze`);
  return ms(t0);
}


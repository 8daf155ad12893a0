// A month of settled orders for many providers on PostgreSQL (with parts used, old parts returned on
// time, late or never, promise outcomes, follow-ups, cash collected and fraud signals): generating
// every provider's draft statement through the settlement service, beside ONE hand-written SQL
// aggregation of the same lines (fee lines and cash collected of the orders not held, and each
// measure's count per provider), in the same run. Target: drafts ≤ 2× the hand SQL and < 60 s at
// 500,000 orders × 500 providers on the 2-core machine; the process's memory stays flat (the
// month never passes through the application). Prints figures; never fails a build.
// usage: tsx bench/settlement/run.ts [--orders 500000] [--providers 500] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { cpus } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createSettlementService } from '../../src/modules/settlement/index.js';
import { defaultHolds, defaultMeasures } from '../../src/modules/settlement/settlement.sources.js';
import { arg, freshPostgres } from '../kit.js';

const orders = Number(arg('--orders', '500000'));
const providers = Number(arg('--providers', '500'));
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const units = Math.max(1, Math.floor(orders / 4));
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const ms = (t0: number) => performance.now() - t0;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const uid = (prefix: string, n: SQL | string) => sql`('00000000-0000-4000-${sql.raw(prefix)}-' || lpad(to_hex(${typeof n === 'string' ? sql.raw(n) : n}), 12, '0'))::uuid`;
// January 2026 in the providers' zone (Asia/Shanghai); statements generated on 5 February.
const periodEnd = '2026-02-01 00:00:00+08';

/** The month: every order confirmed and followed up in January; a fifth used a returnable part. */
async function seed(database: Database) {
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

/**
 * The same month by hand, as one would write it at a psql prompt: per provider, the orders not
 * held, their fee lines (the provider's own negative), the cash collected, and each rule's measure.
 */
const hand = sql`
  with o as (
    select w.id, w.provider_id from work_orders w
    where w.confirmed_at < ${periodEnd}::timestamptz and w.follow_up is not null and w.status in ('followed_up', 'closed')
      and not exists (select 1 from fee_disputes d where d.order_id = w.id and d.status = 'open')
      and not exists (select 1 from fraud_scores f where f.order_id = w.id and f.status = 'held')
      and not exists (select 1 from old_part_returns r where r.order_id = w.id and r.due_at >= ${periodEnd}::timestamptz
        and (r.shipped_at is null or r.shipped_at > ${periodEnd}::timestamptz) and (r.missing_at is null or r.missing_at > ${periodEnd}::timestamptz))),
  fees as (select o.provider_id, sum(case when l.payer = 'provider' then -l.amount_fen else l.amount_fen end) as fen, count(*) as lines
           from o join order_fee_lines l on l.order_id = o.id and l.status = 'active' group by 1),
  cash as (select o.provider_id, -sum(p.amount_fen) as fen, count(distinct p.order_id) as lines
           from o join order_payments p on p.order_id = o.id and p.collected_by_kind in ('provider', 'technician') group by 1),
  m as (select o.provider_id, count(*) as settled,
           count(*) filter (where w.follow_up->>'satisfaction' = 'delighted') as delighted,
           count(*) filter (where w.follow_up->>'satisfaction' = 'dissatisfied') as dissatisfied,
           count(*) filter (where exists (select 1 from promise_clocks c where c.order_id = o.id and c.status <> 'void' and c.outcome = 'beaten')) as beaten,
           count(*) filter (where exists (select 1 from old_part_returns r where r.order_id = o.id and (r.missing_at <= ${periodEnd}::timestamptz or (r.shipped_at <= ${periodEnd}::timestamptz and r.shipped_at > r.due_at)
             or ((r.shipped_at is null or r.shipped_at > ${periodEnd}::timestamptz) and r.due_at < ${periodEnd}::timestamptz)))) as old_parts,
           count(*) filter (where exists (select 1 from fraud_scores f where f.order_id = o.id and f.status = 'confirmed')) as fraud
        from o join work_orders w on w.id = o.id group by 1)
  select m.provider_id, m.settled, fees.fen as fee_fen, fees.lines as fee_lines, coalesce(cash.fen, 0) as cash_fen, coalesce(cash.lines, 0) as cash_lines,
         m.delighted, m.dissatisfied, m.beaten, m.old_parts, m.fraud
  from m left join fees using (provider_id) left join cash using (provider_id) order by 1`;

async function main() {
  console.log(`# bench/settlement — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, PostgreSQL`);
  const { url, drop } = await freshPostgres(serverUrl, 'aftercare_bench_settlement');
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  try {
    await database.migrate();
    const seedMs = await seed(database);
    const [{ version }] = rowsOf<{ version: string }>(await database.db.execute(sql`select current_setting('server_version') as version`));
    console.log(`PostgreSQL ${version}; ${orders.toLocaleString('en')} orders in January 2026 for ${providers} providers; seeded in ${(seedMs / 1000).toFixed(1)} s`);

    const t1 = performance.now();
    const byHand = rowsOf<Record<string, string>>(await database.db.execute(hand));
    const handMs = ms(t1);

    const settlement = createSettlementService({ db: database.db, clock: { now: () => new Date('2026-02-05T02:00:00Z') }, audit: async () => undefined, measures: defaultMeasures, holds: defaultHolds });
    const providerIds = rowsOf<{ id: string }>(await database.db.execute(sql`select id from providers order by code`)).map((r) => r.id);
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    const t2 = performance.now();
    for (const providerId of providerIds) {
      await settlement.generate(system, { providerId, period: '2026-01' });
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    const oursMs = ms(t2);

    // The same lines? Orders claimed, fee and cash amounts, rule lines.
    const [ours] = rowsOf<Record<string, string>>(
      await database.db.execute(sql`select (select sum(order_count) from settlement_statements) as settled,
        (select sum(amount_fen) from settlement_lines where kind = 'fee') as fee_fen, (select sum(amount_fen) from settlement_lines where kind = 'collected') as cash_fen,
        (select count(*) from settlement_lines where kind = 'rule') as rule_lines`),
    );
    const sum = (k: string) => byHand.reduce((s, r) => s + Number(r[k]), 0);
    console.log(`same lines: orders ours ${ours.settled} / hand ${sum('settled')}; fees ours ${ours.fee_fen} / hand ${sum('fee_fen')} fen; cash ours ${ours.cash_fen} / hand ${sum('cash_fen')} fen; ${ours.rule_lines} rule lines`);
    console.log(`all ${providerIds.length} drafts (settlement service) ${(oursMs / 1000).toFixed(2)} s   one hand SQL aggregation ${(handMs / 1000).toFixed(2)} s   ratio ${(oursMs / handMs).toFixed(2)} (target ≤ 2, and < 60 s)`);
    console.log(`memory (rss) at the first draft ${mb(rssStart)}, peak over all drafts ${mb(rssPeak)}`);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP) await drop(); else console.log(`kept ${url}`);
  }
}

await main();

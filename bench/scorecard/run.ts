// A month's full scorecard for every provider (every measure, one statement) on PostgreSQL beside
// hand-written SQL of the same figures in the same run (the ratio should stay ≤ 2×), the company
// card with its twelve-month trends, and the drill-down's p95 (should stay under 200 ms).
// Prints figures; never fails a build.
// usage: tsx bench/scorecard/run.ts [--providers 500] [--technicians 10000] [--orders 5000000] [--rounds 3] [--per-source] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { cpus } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createScorecardService } from '../../src/modules/scorecard/index.js';
import * as repo from '../../src/modules/scorecard/scorecard.repo.js';
import { figure } from '../../src/modules/scorecard/scorecard.rules.js';
import { manualClockAt } from '../quality/clock.js';
import { arg, freshPostgres } from '../kit.js';

const providers = Number(arg('--providers', '500'));
const technicians = Number(arg('--technicians', '10000'));
const orders = Number(arg('--orders', '5000000'));
const rounds = Number(arg('--rounds', '3'));
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const customers = Math.max(1000, Math.floor(orders / 5));
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const uid = (prefix: string, n: SQL | string) => sql`('00000000-0000-4000-${sql.raw(prefix)}-' || lpad(to_hex(${typeof n === 'string' ? sql.raw(n) : n}), 12, '0'))::uuid`;

/** A year (2025) of orders over the providers and technicians: check-ins, follow-ups, payments, maker fees and promise clocks. */
async function seed(database: Database) {
  const db = database.db;
  const t0 = performance.now();
  await db.execute(sql`insert into customers (id, number, kind, name, tier, preferred_language, preferred_channel, consent_to_contact, created_at, updated_at)
    select ${uid('8000', 'g')}, 'C' || g, 'person', '客户' || g, 'ordinary', 'zh', 'phone', false, now(), now() from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into product_categories (id, code, name_zh, name_en, created_at) values ('00000000-0000-4000-8000-000000000002', 'AC', '空调', 'Air conditioner', now())`);
  await db.execute(sql`insert into product_models (id, category_id, code, name_zh, name_en, whole_unit_months, main_parts_months, main_parts, daily_depreciation_rate, standard_minutes, created_at)
    values ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-8000-000000000002', 'M1', '型号', 'Model', 12, 36, '[]', 0.0005, '{}', now())`);
  await db.execute(sql`insert into providers (id, code, name, kind, contact_name, contact_phone, created_at)
    select ${uid('c200', 'g')}, 'P' || g, '网点' || g, 'contractor', '联系人', '02000000000', now() from generate_series(1, ${providers}) g`);
  await db.execute(sql`insert into technicians (id, provider_id, name, phone, created_at)
    select ${uid('c300', 'g')}, ${uid('c200', sql`1 + g % ${providers}`)}, '师傅' || g, '13800000000', '2024-01-01' from generate_series(1, ${technicians}) g`);
  await db.execute(sql`insert into units (id, model_id, owner_id, purchase_date, channel, price_fen, created_at, updated_at)
    select ${uid('b000', 'g')}, '00000000-0000-4000-c000-000000000001', ${uid('8000', sql`1 + g % ${customers}`)}, date '2023-01-01' + (g % 1090), 'store', 300000, now(), now()
    from generate_series(1, ${customers}) g`);
  await db.execute(sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id, technician_id,
      checked_in_at, done_at, follow_up, created_at, updated_at)
    select ${uid('a000', 'g')}, 'WB-' || g, case when g % 5 = 0 then 'installation' else 'repair' end, 'closed', 'normal', 'phone', ${uid('8000', sql`1 + g % ${customers}`)}, 'ordinary', '13800000000',
           jsonb_build_object('province', 'P' || (g % 31)), ${uid('b000', sql`1 + g % ${customers}`)}, '压测', ${uid('c200', sql`1 + (1 + g % ${technicians}) % ${providers}`)}, ${uid('c300', sql`1 + g % ${technicians}`)},
           at + make_interval(hours => 2 + g % 40), at + make_interval(hours => 4 + g % 90),
           case when g % 3 = 0 then jsonb_build_object('satisfaction', (array['delighted', 'neutral', 'dissatisfied'])[1 + g % 7 % 3], 'attitude', 1 + g % 5, 'skill', 1 + g % 4, 'fixedFirstTime', g % 4 <> 0) end,
           at, at
    from (select g, timestamptz '2025-01-01 00:00:00+08' + make_interval(secs => (g::bigint * 7919) % 31500000) as at from generate_series(1, ${orders}) g) s`);
  await db.execute(sql`insert into work_order_history (order_id, at, actor, action, to_status, changes, version) select id, checked_in_at, 'bench', 'check_in', 'on_site', '{}', 1 from work_orders`);
  await db.execute(sql`insert into order_payments (id, order_id, amount_fen, currency, method, collected_by_kind, idempotency_key, request_hash, created_at, created_by)
    select gen_random_uuid(), id, 5000 + (number_hash % 20000), 'CNY', 'cash', 'technician', id::text, 'h', done_at, 'bench'
    from (select id, done_at, abs(hashtext(id::text)) as number_hash from work_orders where kind = 'repair' and abs(hashtext(id::text)) % 2 = 0) x`);
  await db.execute(sql`insert into order_fee_lines (id, order_id, kind, code, name_zh, name_en, quantity, unit_fen, amount_fen, currency, payer, rule_code, reason_zh, reason_en, source, status, facts, created_at, created_by, version)
    select gen_random_uuid(), id, 'labour', 'L', '工时', 'Labour', 1, 8000, 8000, 'CNY', 'maker', 'R', '压测', 'bench', 'auto', 'active', '{}', done_at, 'bench', 1 from work_orders where kind = 'repair'`);
  await db.execute(sql`insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, started_at, met_at, outcome)
    select id, 'on_site', 1, 'met', 86400000, 0, created_at, checked_in_at, case when checked_in_at < created_at + interval '8 hours' then 'beaten' when checked_in_at < created_at + interval '24 hours' then 'kept' else 'broken' end from work_orders`);
  await db.execute(sql`vacuum analyze`);
  return ms(t0);
}

const m0 = sql`timestamptz '2025-12-01 00:00:00+08'`;
const m1 = sql`timestamptz '2026-01-01 00:00:00+08'`;
/** The same figures per provider for December 2025, written by hand as one would at a psql prompt. */
const hand = sql`
  with done as (select * from work_orders w where w.done_at >= ${m0} and w.done_at < ${m1} and w.status <> 'cancelled'),
  maker as (select l.order_id, sum(l.amount_fen) as fen from order_fee_lines l join done d on d.id = l.order_id where l.status = 'active' and l.payer = 'maker' group by 1),
  ftf as (select w.provider_id, avg(case when exists (select 1 from work_orders r where r.unit_id = w.unit_id and r.kind = 'repair' and r.id <> w.id and r.status <> 'cancelled'
                                 and r.created_at >= w.done_at and r.created_at < w.done_at + interval '30 days') then 0 else 1 end) * 100 as ftf
          from done w where w.kind = 'repair' and w.unit_id is not null group by 1),
  revenue as (select w.provider_id, sum(pm.amount_fen) as revenue from order_payments pm join work_orders w on w.id = pm.order_id where pm.created_at >= ${m0} and pm.created_at < ${m1} group by 1),
  on_site as (select w.provider_id, avg(case when w.checked_in_at <= w.created_at + interval '24 hours' then 1 else 0 end) * 100 as on_site from work_orders w
              where w.checked_in_at >= ${m0} and w.checked_in_at < ${m1} group by 1),
  kept as (select w.provider_id, avg(case when c.outcome in ('beaten', 'kept') then 1 else 0 end) * 100 as kept from promise_clocks c join work_orders w on w.id = c.order_id
           where c.met_at >= ${m0} and c.met_at < ${m1} group by 1),
  visits as (select provider_id, sum(n)::float8 / count(*) as visits from (
               select w.provider_id, w.technician_id, (h.at at time zone 'Asia/Shanghai')::date as day, count(*) as n from work_order_history h join work_orders w on w.id = h.order_id
               where h.action = 'check_in' and h.at >= ${m0} and h.at < ${m1} and w.technician_id is not null group by 1, 2, 3) v group by 1),
  p as (select d.provider_id, avg(coalesce(m.fen, 0)) as cost, avg(extract(epoch from d.done_at - d.created_at) / 3600) as mean_hours,
               percentile_cont(0.9) within group (order by extract(epoch from d.done_at - d.created_at) / 3600) as p90_hours,
               avg(case when d.follow_up->>'satisfaction' = 'delighted' then 1 else 0 end) filter (where d.follow_up->>'satisfaction' is not null) * 100 as delighted,
               avg(case when d.follow_up->>'satisfaction' = 'dissatisfied' then 1 else 0 end) filter (where d.follow_up->>'satisfaction' is not null) * 100 as dissatisfied,
               avg(((d.follow_up->>'attitude')::float8 + (d.follow_up->>'skill')::float8) / 2) as score,
               avg(case when (d.follow_up->>'fixedFirstTime')::boolean then 1 else 0 end) filter (where jsonb_typeof(d.follow_up->'fixedFirstTime') = 'boolean') * 100 as ftf_said
        from done d left join maker m on m.order_id = d.id group by 1)
  select p.*, revenue.revenue, ftf.ftf, on_site.on_site, kept.kept, visits.visits
  from p left join revenue using (provider_id) left join ftf using (provider_id) left join on_site using (provider_id) left join kept using (provider_id) left join visits using (provider_id)`;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T; all: number[] }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    value = await run();
    times.push(ms(t0));
  }
  return { ms: median(times), value, all: times };
}

async function main() {
  console.log(`# bench/scorecard — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, PostgreSQL`);
  const { url, drop } = await freshPostgres(serverUrl, 'aftercare_bench_scorecard');
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  try {
    await database.migrate();
    const seedMs = await seed(database);
    const [{ version }] = rowsOf<{ version: string }>(await database.db.execute(sql`select current_setting('server_version') as version`));
    console.log(`PostgreSQL ${version}; ${providers} providers, ${technicians} technicians, ${orders.toLocaleString('en')} orders in 2025; seeded in ${(seedMs / 1000).toFixed(1)} s; median of ${rounds}`);
    const service = createScorecardService({ db: database.db, clock: manualClockAt('2026-01-15T02:00:00Z'), audit: async () => undefined });
    const sources = repo.sourceNames;
    const ours = await timed(() => repo.aggregates(database.db, { fromMonth: '2025-12', toMonth: '2025-12', sources, filter: { level: 'provider' } }));
    const theirs = await timed(async () => rowsOf<Record<string, string | number | null>>(await database.db.execute(hand)));
    // The same figures: compare one provider's on-site share and mean resolution time.
    const row = theirs.value.find((r) => r.provider_id !== null)!;
    const pick = (source: repo.SourceName) => {
      const a = ours.value.find((r) => r.source === source && r.key === row.provider_id);
      const s: repo.Source = repo.sources[source];
      return figure(a, s.aggregate, s.scale);
    };
    console.log(`full month, every provider (${sources.length} measures)  ours ${ours.ms.toFixed(0)} ms  hand ${theirs.ms.toFixed(0)} ms  ratio ${(ours.ms / theirs.ms).toFixed(2)}`);
    console.log(`  same figures? provider ${row.provider_id}: on site ${pick('on_site_24h')?.toFixed(3)} / ${Number(row.on_site).toFixed(3)}, mean h ${pick('resolution_hours_mean')?.toFixed(3)} / ${Number(row.mean_hours).toFixed(3)}, p90 h ${pick('resolution_hours_p90')?.toFixed(3)} / ${Number(row.p90_hours).toFixed(3)}, visits/day ${pick('visits_per_technician_day')?.toFixed(3)} / ${Number(row.visits).toFixed(3)}`);
    if (process.argv.includes('--per-source')) {
      for (const source of sources) {
        const t0 = performance.now();
        await repo.aggregates(database.db, { fromMonth: '2025-01', toMonth: '2025-12', sources: [source], filter: { level: 'company' } });
        console.log(`  12 months, company: ${source.padEnd(28)} ${ms(t0).toFixed(0).padStart(7)} ms`);
      }
    }
    const card = await timed(() => service.scorecard(system, { month: '2025-12', level: 'company', months: 12 }));
    console.log(`company card with 12-month trends: ${card.ms.toFixed(0)} ms`);
    const drills: number[] = [];
    for (let i = 0; i < 40; i++) {
      const key = `00000000-0000-4000-c200-${(1 + (i * 37) % providers).toString(16).padStart(12, '0')}`;
      const t0 = performance.now();
      await service.drill(system, { month: '2025-12', measure: ['on_site_24h', 'first_time_fix_30d', 'resolution_hours_p90', 'promises_kept'][i % 4], level: 'provider', key, limit: 50, offset: 0 });
      drills.push(ms(t0));
    }
    drills.sort((a, b) => a - b);
    console.log(`drill-down (provider, 50 rows), 40 calls: p50 ${drills[20].toFixed(0)} ms, p95 ${drills[Math.ceil(drills.length * 0.95) - 1].toFixed(0)} ms`);
  } finally {
    await database.close();
    await drop();
  }
}

await main();

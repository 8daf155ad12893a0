// A month's full scorecard for every provider (every measure, one statement) on PostgreSQL beside
// hand-written SQL of the same figures in the same run (the ratio should stay ≤ 2×), the company
// card with its twelve-month trends, and the drill-down's p95 (should stay under 200 ms).
// Prints figures; never fails a build.
// The data is made set-based (generate_series, one statement per table), so 5,000,000 orders load in minutes.
// --keep leaves the seeded database in place and prints its name; --reuse NAME runs against it again
// (migrations applied, no seeding) — to compare an index or a query without seeding again; --drill-only runs
// only the drill-downs, --drill-all drills every active measure (not only the four the README reports),
// --explain-all adds each drilled measure's server time (EXPLAIN ANALYZE) by provider and by technician.
// usage: tsx bench/scorecard/run.ts [--providers 500] [--technicians 10000] [--orders 5000000] [--rounds 3] [--per-source] [--no-trends] [--explain] [--drill-only] [--drill-all] [--explain-all] [--keep | --reuse NAME] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
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
  const t0 = performance.now();
  let step = 0;
  const db = {
    execute: async (q: SQL) => {
      const t1 = performance.now();
      await database.db.execute(q);
      if (process.argv.includes('--verbose')) console.log(`  seed step ${++step}: ${(ms(t1) / 1000).toFixed(1)} s`);
    },
  };
  // A bulk load: the big tables' secondary indexes are dropped and their triggers (the foreign keys' checks, the clocks' provider) disabled
  // while the rows go in — the generated rows are consistent — then the indexes are built once and the triggers enabled.
  const bulk = ['customers', 'units', 'work_orders', 'work_order_history', 'work_order_check_ins', 'order_payments', 'order_fee_lines', 'promise_clocks'];
  const indexes = rowsOf<{ name: string; def: string }>(
    await database.db.execute(sql`select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and tablename in (select jsonb_array_elements_text(${JSON.stringify(bulk)}::jsonb))
      and indexname not in (select conname from pg_constraint)`),
  );
  for (const i of indexes) await database.db.execute(sql.raw(`drop index "${i.name}"`));
  for (const table of bulk) await database.db.execute(sql.raw(`alter table ${table} disable trigger all`));
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
  // The check-ins' and the payments' copies of the order's provider (and technician), as the application's triggers keep them.
  await db.execute(sql`insert into work_order_check_ins (history_id, order_id, at, provider_id, technician_id)
    select h.id, h.order_id, h.at, w.provider_id, w.technician_id from work_order_history h join work_orders w on w.id = h.order_id where h.action = 'check_in'`);
  await db.execute(sql`insert into order_payments (id, order_id, amount_fen, currency, method, collected_by_kind, idempotency_key, request_hash, created_at, created_by, provider_id, technician_id)
    select gen_random_uuid(), id, 5000 + (number_hash % 20000), 'CNY', 'cash', 'technician', id::text, 'h', done_at, 'bench', provider_id, technician_id
    from (select id, done_at, provider_id, technician_id, abs(hashtext(id::text)) as number_hash from work_orders where kind = 'repair' and abs(hashtext(id::text)) % 2 = 0) x`);
  await db.execute(sql`insert into order_fee_lines (id, order_id, kind, code, name_zh, name_en, quantity, unit_fen, amount_fen, currency, payer, rule_code, reason_zh, reason_en, source, status, facts, created_at, created_by, version)
    select gen_random_uuid(), id, 'labour', 'L', '工时', 'Labour', 1, 8000, 8000, 'CNY', 'maker', 'R', '压测', 'bench', 'auto', 'active', '{}', done_at, 'bench', 1 from work_orders where kind = 'repair'`);
  // The clock's provider and technician are the order's (copied by a trigger in the application; the triggers are off here).
  await db.execute(sql`insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, started_at, met_at, outcome, provider_id, technician_id)
    select id, 'on_site', 1, 'met', 86400000, 0, created_at, checked_in_at, case when checked_in_at < created_at + interval '8 hours' then 'beaten' when checked_in_at < created_at + interval '24 hours' then 'kept' else 'broken' end, provider_id, technician_id from work_orders`);
  // One big index at a time with room to sort in memory (the server's default is 64 MB).
  for (const i of indexes)
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
      const t1 = performance.now();
      await tx.execute(sql.raw(i.def));
      if (process.argv.includes('--verbose')) console.log(`  index ${i.name}: ${(ms(t1) / 1000).toFixed(1)} s`);
    });
  for (const table of bulk) await database.db.execute(sql.raw(`alter table ${table} enable trigger all`));
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

type Service = ReturnType<typeof createScorecardService>;

async function main() {
  console.log(`# bench/scorecard — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, PostgreSQL`);
  const reuse = arg('--reuse', '');
  const keep = process.argv.includes('--keep');
  const fresh = reuse ? null : await freshPostgres(serverUrl, 'aftercare_bench_scorecard');
  const url = fresh ? fresh.url : Object.assign(new URL(serverUrl), { pathname: `/${reuse}` }).toString();
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  try {
    const migrated0 = performance.now();
    await database.migrate();
    // On a reused database, the migrations new since it was seeded (their backfills) are timed here.
    if (reuse) console.log(`migrations applied in ${(ms(migrated0) / 1000).toFixed(1)} s`);
    const seedMs = reuse ? 0 : await seed(database);
    if (keep || reuse) console.log(`database kept: ${new URL(url).pathname.slice(1)} (drop it when done)`);
    const [{ version }] = rowsOf<{ version: string }>(await database.db.execute(sql`select current_setting('server_version') as version`));
    console.log(`PostgreSQL ${version}; ${providers} providers, ${technicians} technicians, ${orders.toLocaleString('en')} orders in 2025; seeded in ${(seedMs / 1000).toFixed(1)} s; median of ${rounds}`);
    const service = createScorecardService({ db: database.db, clock: manualClockAt('2026-01-15T02:00:00Z'), audit: async () => undefined });
    if (process.argv.includes('--drill-only')) return await drillDown(database, service);
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
    if (!process.argv.includes('--no-trends')) await trends(database, service);
    await drillDown(database, service);
  } finally {
    await database.close();
    if (fresh && !keep) await fresh.drop();
  }
}

/** The company card with twelve-month trends, live and with eleven months from the rollup; a provider's card. */
async function trends(database: Database, service: Service) {
  const card = await timed(() => service.scorecard(system, { month: '2025-12', level: 'company', months: 12 }));
  console.log(`company card with 12-month trends, all live: ${card.ms.toFixed(0)} ms`);
  // The monthly rollup: January to November rolled up (as the daily job does for each month once closed),
  // December — the month being lived in — live. The same card again, and its figures against the live ones.
  await database.db.execute(sql`delete from scorecard_rollup_months`);
  const rollMs: number[] = [];
  for (let m = 1; m <= 11; m++) {
    const t0 = performance.now();
    await service.rollUp(`2025-${String(m).padStart(2, '0')}`);
    rollMs.push(ms(t0));
  }
  console.log(`rollup of one closed month (every source, every level): median ${median(rollMs).toFixed(0)} ms, 11 months ${(rollMs.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s`);
  const rolled = await timed(() => service.scorecard(system, { month: '2025-12', level: 'company', months: 12 }));
  const flat = (c: typeof card.value) => c.perspectives.flatMap((p) => p.measures).flatMap((m) => m.trend.map((x) => `${m.code}|${x.month}|${x.value === null ? 'null' : x.value.toFixed(6)}`));
  const differ = flat(rolled.value).filter((x, i) => x !== flat(card.value)[i]);
  console.log(`company card with 12-month trends, 11 months from the rollup: ${rolled.ms.toFixed(0)} ms (live ${card.ms.toFixed(0)} ms, ${(card.ms / rolled.ms).toFixed(1)}× faster); figures that differ from live: ${differ.length}`);
  const providerCard = await timed(() => service.scorecard(system, { month: '2025-12', level: 'provider', key: '00000000-0000-4000-c200-000000000001', months: 12 }));
  console.log(`provider card with 12-month trends and the network median, from the rollup: ${providerCard.ms.toFixed(0)} ms`);
}

/** The four drill-downs the README reports (each a different index path); `--drill-all` drills every measure. */
const drillMeasures = ['on_site_24h', 'first_time_fix_30d', 'resolution_hours_p90', 'promises_kept'];
const drillTargetMs = 200;
/** The seed's uuid of provider (c200) or technician (c300) n, as text. */
const idOf = (prefix: string, n: number) => `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, '0')}`;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

/** The orders behind a provider's and a technician's figure: each measure drilled for 20 of each (50 rows), through the service as the route calls it. */
async function drillDown(database: Database, service: Service) {
  const measures = process.argv.includes('--drill-all')
    ? rowsOf<{ code: string }>(await database.db.execute(sql`select code from scorecard_measures where active order by perspective, position, code`)).map((x) => x.code)
    : drillMeasures;
  if (process.argv.includes('--explain')) {
    for (const measure of drillMeasures) {
      const source = rowsOf<{ source: repo.SourceName }>(await database.db.execute(sql`select source from scorecard_measures where code = ${measure}`))[0].source;
      const statement = repo.drillSql({ month: '2025-12', source, filter: { level: 'provider', key: '00000000-0000-4000-c200-000000000001' }, limit: 50, offset: 0 })!;
      const plan = rowsOf<{ 'QUERY PLAN': string }>(await database.db.execute(sql`explain (analyze, costs off) ${statement}`));
      console.log(`EXPLAIN drill ${measure}:\n${plan.map((x) => `  ${x['QUERY PLAN']}`).join('\n')}`);
    }
  }
  if (process.argv.includes('--explain-all')) await serverTimes(database, measures);
  for (const level of ['provider', 'technician'] as const) {
    const perMeasure = 20;
    const all: number[] = [];
    const byMeasure: Record<string, number[]> = {};
    // Round-robin over the measures, so the machine's load falls on all of them alike.
    for (let i = 0; i < perMeasure * measures.length; i++) {
      const measure = measures[i % measures.length];
      const n = Math.floor(i / measures.length);
      const key = level === 'provider' ? idOf('c200', 1 + ((n * 37) % providers)) : idOf('c300', 1 + ((n * 499) % technicians));
      const t0 = performance.now();
      await service.drill(system, { month: '2025-12', measure, level, key, limit: 50, offset: 0 });
      all.push(ms(t0));
      (byMeasure[measure] ??= []).push(ms(t0));
    }
    const verdict = (x: number) => (x < drillTargetMs ? 'met' : 'NOT met');
    console.log(`drill-down (${level}, 50 rows), ${all.length} calls: p50 ${median(all).toFixed(0)} ms, p95 ${p95(all).toFixed(0)} ms — target < ${drillTargetMs} ms p95: ${verdict(p95(all))}`);
    for (const [measure, xs] of Object.entries(byMeasure))
      console.log(`  ${measure.padEnd(28)} p50 ${median(xs).toFixed(0).padStart(5)} ms, p95 ${p95(xs).toFixed(0).padStart(5)} ms, max ${Math.max(...xs).toFixed(0).padStart(5)} ms (${xs.length} ${level}s) ${verdict(p95(xs))}`);
  }
}

/**
 * The server's own time for each measure's drill-down statement (EXPLAIN ANALYZE's execution time, and the pages it
 * read), 5 keys of each level: on a machine shared by several sessions the wall-clock of a call mostly measures the
 * queue for a core; this is what the statement itself costs. Also the planner's cost (JIT compiles above 100,000).
 */
async function serverTimes(database: Database, measures: string[]) {
  for (const level of ['provider', 'technician'] as const) {
    console.log(`server time of the drill-down statement (${level}, 50 rows; EXPLAIN ANALYZE, 5 ${level}s each): median / max ms, pages read (hit + read), plan cost`);
    for (const measure of measures) {
      const source = rowsOf<{ source: repo.SourceName }>(await database.db.execute(sql`select source from scorecard_measures where code = ${measure}`))[0].source;
      const times: number[] = [];
      let pages = 0;
      let cost = 0;
      for (let n = 0; n < 5; n++) {
        const key = level === 'provider' ? idOf('c200', 1 + ((n * 37) % providers)) : idOf('c300', 1 + ((n * 499) % technicians));
        const statement = repo.drillSql({ month: '2025-12', source, filter: { level, key }, limit: 50, offset: 0 });
        if (!statement) continue;
        const [row] = rowsOf<{ 'QUERY PLAN': [{ 'Execution Time': number; Plan: { 'Total Cost': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>(
          await database.db.execute(sql`explain (analyze, buffers, format json) ${statement}`),
        );
        const plan = row['QUERY PLAN'][0];
        times.push(plan['Execution Time']);
        pages = Math.max(pages, plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks']);
        cost = Math.max(cost, plan.Plan['Total Cost']);
      }
      if (!times.length) continue;
      const verdict = Math.max(...times) < drillTargetMs ? '' : '  over the target';
      console.log(`  ${measure.padEnd(28)} ${median(times).toFixed(1).padStart(8)} / ${Math.max(...times).toFixed(1).padStart(8)} ms  ${String(pages).padStart(7)} pages  cost ${cost.toFixed(0).padStart(8)}${verdict}`);
    }
  }
}

await main();

// The quality figures for a year over millions of orders and units on PostgreSQL, each beside a
// hand-written SQL of the same figure in the same run (the ratio should stay ≤ 2×), and the
// dashboard's first view (from the monthly rollup; should stay under 1 s). Prints figures; never fails a build.
// usage: tsx bench/quality/run.ts [--orders 5000000] [--units 3000000] [--rounds 3] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { cpus } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createQualityService } from '../../src/modules/quality/index.js';
import { manualClockAt } from './clock.js';
import { arg, freshPostgres } from '../kit.js';

const orders = Number(arg('--orders', '5000000'));
const units = Number(arg('--units', '3000000'));
const rounds = Number(arg('--rounds', '3'));
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const models = 40;
const technicians = 400;
const providers = 20;
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const uid = (prefix: string, n: SQL | string) => sql`('00000000-0000-4000-${sql.raw(prefix)}-' || lpad(to_hex(${typeof n === 'string' ? sql.raw(n) : n}), 12, '0'))::uuid`;

/** Units bought over 2023–2025 (four in five installed three days later, by one of 400 technicians); a year (2025) of orders, four in five repairs. */
async function seed(database: Database) {
  const db = database.db;
  const t0 = performance.now();
  await db.execute(sql`insert into customers (id, number, kind, name, tier, preferred_language, preferred_channel, consent_to_contact, created_at, updated_at)
    values ('00000000-0000-4000-8000-000000000001', 'C-BENCH', 'person', '压测客户', 'ordinary', 'zh', 'phone', false, now(), now())`);
  await db.execute(sql`insert into product_categories (id, code, name_zh, name_en, created_at) values ('00000000-0000-4000-8000-000000000002', 'AC', '空调', 'Air conditioner', now())`);
  await db.execute(sql`insert into product_models (id, category_id, code, name_zh, name_en, whole_unit_months, main_parts_months, main_parts, daily_depreciation_rate, standard_minutes, created_at)
    select ${uid('c000', 'g')}, '00000000-0000-4000-8000-000000000002', 'M' || g, '型号' || g, 'Model ' || g, 12, 36, '[]', 0.0005, '{}', now() from generate_series(1, ${models}) g`);
  await db.execute(sql`insert into fault_codes (id, category_id, level, code, name_zh, name_en)
    select ${uid('c100', 'g')}, '00000000-0000-4000-8000-000000000002', 'cause', 'C' || g, '原因' || g, 'Cause ' || g from generate_series(0, 29) g`);
  await db.execute(sql`insert into providers (id, code, name, kind, contact_name, contact_phone, created_at)
    select ${uid('c200', 'g')}, 'P' || g, '网点' || g, 'contractor', '联系人', '02000000000', now() from generate_series(1, ${providers}) g`);
  await db.execute(sql`insert into technicians (id, provider_id, name, phone, created_at)
    select ${uid('c300', 'g')}, ${uid('c200', sql`1 + g % ${providers}`)}, '师傅' || g, '13800000000', now() from generate_series(1, ${technicians}) g`);
  await db.execute(sql`insert into units (id, model_id, owner_id, purchase_date, channel, price_fen, installed_on, installed_by_technician_id, created_at, updated_at)
    select ${uid('b000', 'g')}, ${uid('c000', sql`1 + g % ${models}`)}, '00000000-0000-4000-8000-000000000001', d, 'store', 300000,
           case when g % 5 <> 0 then d + 3 end, case when g % 5 <> 0 then ${uid('c300', sql`1 + g % ${technicians}`)} end, now(), now()
    from (select g, date '2023-01-01' + ((g::bigint * 7919) % 1095)::int as d from generate_series(1, ${units}) g) s`);
  await db.execute(sql`insert into unit_serials (unit_id, role, serial) select ${uid('b000', 'g')}, 'main', 'SN' || lpad(g::text, 10, '0') from generate_series(1, ${units}) g`);
  // Causes skewed (a Pareto worth the name); one model in twenty twice as faulty.
  await db.execute(sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, unit_id, symptom, provider_id,
      done_at, cause_code, created_at, updated_at)
    select ${uid('a000', 'g')}, 'WB-' || g, k, 'closed', 'normal', 'phone', '00000000-0000-4000-8000-000000000001', 'ordinary', '13800000000',
           jsonb_build_object('province', 'P' || (g % 31)), ${uid('b000', 'u')}, '压测', ${uid('c200', sql`1 + g % ${providers}`)},
           case when g % 20 <> 0 then at + interval '1 day' end, case when k = 'repair' then 'C' || least(floor(-ln(random()) * 5)::int, 29) end, at, at
    from (select g, 1 + (h::bigint * 48271) % ${units} as u, case when g % 5 = 0 then 'installation' else 'repair' end as k,
                 timestamptz '2025-01-01 00:00:00+08' + make_interval(secs => (h::bigint * 7919) % 31000000) + (g - h) * interval '12 days' as at
          -- One order in ten comes back: the unit of the order before it, twelve days later.
          from (select g, case when g % 10 = 2 then g - 1 else g end as h from generate_series(1, ${orders}) g) x) s`);
  // Parts: five per model (its bill of materials); one repair in three replaced one of its model's parts.
  await db.execute(sql`insert into parts (id, number, name_zh, name_en, list_fen, issue_fen, created_at) select ${uid('c400', 'g')}, 'PN' || g, '配件' || g, 'Part ' || g, 1000, 800, now() from generate_series(1, ${models * 5}) g`);
  await db.execute(sql`insert into part_models (part_id, model_id) select ${uid('c400', 'g')}, ${uid('c000', sql`1 + (g - 1) % ${models}`)} from generate_series(1, ${models * 5}) g`);
  await db.execute(sql`insert into stock_locations (id, code, kind, name_zh, name_en, created_at) values ('00000000-0000-4000-8000-000000000003', 'CW', 'central', '中央仓', 'Central', now())`);
  await db.execute(sql`insert into part_consumptions (id, order_id, line_key, part_id, location_id, quantity, under_warranty, payer, amount_fen, actor, at)
    select ${uid('a100', 'g')}, ${uid('a000', 'g')}, 'l1', ${uid('c400', sql`1 + u % ${models} + ${models} * (g % 5)`)}, '00000000-0000-4000-8000-000000000003', 1, true, 'maker', 0, 'bench', now()
    from (select g, 1 + (h::bigint * 48271) % ${units} as u from (select g, case when g % 10 = 2 then g - 1 else g end as h from generate_series(1, ${orders}) g) x) s
    where g % 5 <> 0 and g % 3 = 0`);
  await db.execute(sql`vacuum analyze`);
  return ms(t0);
}

const from = new Date('2025-01-01T00:00:00+08:00');
const to = new Date('2026-01-01T00:00:00+08:00');
const local = (c: string) => sql.raw(`(${c} at time zone 'UTC' + interval '8 hours')`);

/** The same figures, written by hand as one would at a psql prompt. */
const hand = {
  byModel: sql`select f.model_id, f.faults, (select count(*) from units u where u.model_id = f.model_id and coalesce(u.installed_on, u.purchase_date) < date '2026-01-01') as units
    from (select u.model_id, count(*) as faults from work_orders w join units u on u.id = w.unit_id
          where w.kind = 'repair' and w.done_at is not null and w.created_at >= ${from} and w.created_at < ${to} group by 1) f order by faults desc`,
  byCause: sql`select w.cause_code, count(*) from work_orders w where w.kind = 'repair' and w.done_at is not null and w.unit_id is not null and w.created_at >= ${from} and w.created_at < ${to} group by 1 order by 2 desc`,
  byRegion: sql`select w.address->>'province', count(*) from work_orders w where w.kind = 'repair' and w.done_at is not null and w.unit_id is not null and w.created_at >= ${from} and w.created_at < ${to} group by 1 order by 2 desc`,
  byInstaller: sql`select f.k, f.faults, i.units from
      (select coalesce(u.installed_by_technician_id::text, '') as k, count(*) as faults from work_orders w join units u on u.id = w.unit_id
       where w.kind = 'repair' and w.done_at is not null and w.created_at >= ${from} and w.created_at < ${to} group by 1) f
      join (select coalesce(installed_by_technician_id::text, '') as k, count(*) as units from units where coalesce(installed_on, purchase_date) < date '2026-01-01' group by 1) i on i.k = f.k`,
  byPart: sql`select f.k, f.faults, coalesce(n.units, 0) as units from
      (select coalesce(pc.part_id::text, '') as k, count(distinct w.id) as faults from work_orders w left join part_consumptions pc on pc.order_id = w.id
       where w.kind = 'repair' and w.done_at is not null and w.unit_id is not null and w.created_at >= ${from} and w.created_at < ${to} group by 1) f
      left join (select pm.part_id::text as k, count(*) as units from units u join part_models pm on pm.model_id = u.model_id
                 where coalesce(u.installed_on, u.purchase_date) < date '2026-01-01' group by 1) n on n.k = f.k order by f.faults desc`,
  rates: sql`
    with r as (select id, unit_id, created_at, done_at,
                      lead(created_at) over (partition by unit_id order by created_at) as next_opened,
                      max(done_at) over (partition by unit_id order by created_at rows between unbounded preceding and 1 preceding) as prev_done
               from work_orders where kind = 'repair' and status <> 'cancelled' and unit_id is not null),
    first as (select unit_id, min(created_at) as first_at from work_orders where kind = 'repair' and status <> 'cancelled' and unit_id is not null group by 1)
    select (select count(*) from units u where coalesce(u.installed_on, u.purchase_date) >= date '2025-01-01' and coalesce(u.installed_on, u.purchase_date) < date '2026-01-01') as cohort,
           (select count(*) from units u join first f on f.unit_id = u.id where coalesce(u.installed_on, u.purchase_date) >= date '2025-01-01' and coalesce(u.installed_on, u.purchase_date) < date '2026-01-01'
              and ${local('f.first_at')}::date < coalesce(u.installed_on, u.purchase_date) + 90) as early,
           (select count(*) from r where done_at >= ${from} and done_at < ${to}) as fixes,
           (select count(*) from r where done_at >= ${from} and done_at < ${to} and not coalesce(next_opened >= done_at and next_opened < done_at + interval '30 days', false)) as ftf,
           (select count(*) from r where created_at >= ${from} and created_at < ${to} and prev_done > created_at - interval '30 days' and prev_done <= created_at) as repeats`,
};

async function timed<T>(label: string, run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    value = await run();
    times.push(ms(t0));
  }
  void label;
  return { ms: median(times), value };
}

async function main() {
  console.log(`# bench/quality — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, PostgreSQL`);
  const { url, drop } = await freshPostgres(serverUrl, 'aftercare_bench_quality');
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  try {
    await database.migrate();
    const seedMs = await seed(database);
    const [{ version }] = rowsOf<{ version: string }>(await database.db.execute(sql`select current_setting('server_version') as version`));
    console.log(`PostgreSQL ${version}; ${orders.toLocaleString('en')} orders in 2025, ${units.toLocaleString('en')} units; seeded in ${(seedMs / 1000).toFixed(1)} s; median of ${rounds}`);
    const quality = createQualityService({ db: database.db, clock: manualClockAt('2026-01-15T02:00:00Z'), audit: async () => undefined });
    const q = { from: '2025-01-01', to: '2026-01-01' };
    const hand1 = (s: SQL) => async () => rowsOf(await database.db.execute(s));
    const pairs: [string, () => Promise<unknown>, () => Promise<unknown>, (a: unknown, b: unknown) => string][] = [
      ['faults by model (+ units in field)', () => quality.statistics(system, { ...q, dimension: 'model' }), hand1(hand.byModel), (a, b) => `${(a as { rows: unknown[] }).rows.length} / ${(b as unknown[]).length} rows`],
      ['faults by cause (Pareto)', () => quality.statistics(system, { ...q, dimension: 'cause' }), hand1(hand.byCause), (a, b) => `${(a as { rows: { faults: number }[] }).rows[0].faults} / ${(b as { count: string }[])[0].count} top`],
      ['faults by region', () => quality.statistics(system, { ...q, dimension: 'region' }), hand1(hand.byRegion), (a, b) => `${(a as { rows: unknown[] }).rows.length} / ${(b as unknown[]).length} rows`],
      ['faults by installer (+ units)', () => quality.statistics(system, { ...q, dimension: 'installer' }), hand1(hand.byInstaller), (a, b) => `${(a as { rows: unknown[] }).rows.length} / ${(b as unknown[]).length} rows`],
      ['faults by part (+ units using it)', () => quality.statistics(system, { ...q, dimension: 'part' }), hand1(hand.byPart), (a, b) => {
        const x = (a as { rows: { key: string; faults: number }[] }).rows;
        const y = b as { k: string; faults: string }[];
        return `${x.length} / ${y.length} rows, top ${x[0].faults} / ${y[0].faults}`;
      }],
      ['early failure, FTF, repeat repair', () => quality.rates(system, q), hand1(hand.rates), (a, b) => {
        const x = a as { cohortUnits: number; earlyFailures: number; fixes: number; firstTimeFixes: number; repeatRepairs: number };
        const y = (b as Record<string, string>[])[0];
        return `ours ${x.cohortUnits}/${x.earlyFailures}/${x.fixes}/${x.firstTimeFixes}/${x.repeatRepairs} hand ${y.cohort}/${y.early}/${y.fixes}/${y.ftf}/${y.repeats}`;
      }],
    ];
    for (const [label, ours, theirs, check] of pairs) {
      const a = await timed(label, ours);
      const b = await timed(label, theirs);
      console.log(`${label.padEnd(36)} ours ${a.ms.toFixed(0).padStart(7)} ms  hand ${b.ms.toFixed(0).padStart(7)} ms  ratio ${(a.ms / b.ms).toFixed(2)}  (${check(a.value, b.value)})`);
    }
    const t0 = performance.now();
    const raised = await quality.raiseAlerts('2025-12');
    console.log(`daily job (rollup rebuild for 13 months + control limits): ${(ms(t0) / 1000).toFixed(1)} s, ${raised} alert(s)`);
    const first = await timed('dashboard', () => quality.dashboard(system, { month: '2025-12' }));
    console.log(`dashboard first view (rollup): ${first.ms.toFixed(0)} ms; ${first.value.pareto.length} causes, ${first.value.trend.length} models`);
  } finally {
    await database.close();
    await drop();
  }
}

await main();

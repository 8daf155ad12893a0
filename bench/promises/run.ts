// The deadline sweep over 1,000,000 open orders on PostgreSQL, beside a plain indexed count of the
// same rows, in one run. Prints figures and ratios; never fails a build.
// usage: tsx bench/promises/run.ts [--orders 1000000] [--due 1000] [--rounds 7] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { cpus } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createJobQueue } from '../../src/jobs/queue.js';
import { createPromisesService } from '../../src/modules/promises/index.js';
import { systemClock } from '../../src/shared/clock.js';
import { arg } from '../kit.js';

const orders = Number(arg('--orders', '1000000'));
const due = Number(arg('--due', '1000'));
const rounds = Number(arg('--rounds', '7'));
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
// Its own database: never the test one.
const benchDb = 'aftercare_bench_promises';

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${benchDb} with (force)`);
  await admin.query(`create database ${benchDb}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${benchDb}`;
  return u.toString();
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** 1,000,000 open orders with a promise each; `due` of them have an alert due now, the rest over the next 30 days. */
async function seed(database: Database) {
  const db = database.db;
  const t0 = performance.now();
  await db.execute(sql`insert into customers (id, number, kind, name, tier, preferred_language, preferred_channel, consent_to_contact, created_at, updated_at)
    values ('00000000-0000-4000-8000-000000000001', 'C-BENCH', 'person', '压测客户', 'ordinary', 'zh', 'phone', false, now(), now())`);
  await db.execute(sql`insert into calendars (id, code, name_zh, name_en, time_zone, week, is_default, created_at, updated_at)
    values ('00000000-0000-4000-8000-000000000002', '24x7', '全天候', 'Round the clock', 'Asia/Shanghai',
      ${JSON.stringify(Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]))}::jsonb, true, now(), now())`);
  await db.execute(sql`insert into promise_policies (id, code, name_zh, name_en, targets, warn_share, beaten_share, warn_role, escalate_role, created_at, updated_at)
    values ('00000000-0000-4000-8000-000000000003', 'BENCH', '压测', 'Bench', '{"first_response":{"customerMinutes":240}}', 0.75, 0.25, 'dispatcher', 'manager', now(), now())`);
  await db.execute(sql`insert into work_orders (id, number, kind, status, priority, channel, customer_id, customer_tier, contact_phone, address, symptom, created_at, updated_at)
    select ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, 'WB-' || g, 'repair', 'dispatched', 'normal', 'phone',
      '00000000-0000-4000-8000-000000000001', 'ordinary', '13800000000',
      '{"province":"广东省","city":"广州市","district":"天河区","street":"体育西路 1 号"}'::jsonb, '压测', now() - interval '1 hour', now()
    from generate_series(1, ${orders}) g`);
  // The first `due` orders' next alert has passed; the others' fall over the next 30 days.
  await db.execute(sql`insert into order_promises (order_id, policy_id, calendar_id, warn_share, beaten_share, warn_role, escalate_role, next_due_at, next_warn_at, next_alert_at, updated_at)
    select ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002',
      0.75, 0.25, 'dispatcher', 'manager', a + interval '1 hour', a, a, now()
    from (select g, case when g <= ${due} then now() - interval '1 minute' * (1 + g % 30) else now() + interval '1 second' * (60 + (g::bigint * 7919) % 2592000) end as a
          from generate_series(1, ${orders}) g) s`);
  // Clocks for the due orders, which the sweep reads and writes.
  await db.execute(sql`insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, running_since, started_at, due_at, warn_at)
    select order_id, 'first_response', 1, 'running', 14400000, 0, next_alert_at - interval '3 hours', next_alert_at - interval '3 hours', next_alert_at + interval '1 hour', next_alert_at
    from order_promises where next_alert_at <= now()`);
  await db.execute(sql`vacuum analyze`);
  return ms(t0);
}

async function main() {
  console.log(`# bench/promises — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, PostgreSQL`);
  const url = await freshDatabase();
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  try {
    await database.migrate();
    const seedMs = await seed(database);
    const [{ version }] = rowsOf<{ version: string }>(await database.db.execute(sql`select current_setting('server_version') as version`));
    console.log(`PostgreSQL ${version}; ${orders.toLocaleString('en')} open orders with a promise, ${due.toLocaleString('en')} with an alert due; seeded in ${(seedMs / 1000).toFixed(1)} s`);

    const queue = createJobQueue(database);
    const promises = createPromisesService({ db: database.db, clock: systemClock, audit: async () => undefined, enqueue: queue.enqueue, enqueueMany: queue.enqueueMany, categoryOfUnit: async () => null, announce: async () => undefined });
    const count = async () => {
      const t0 = performance.now();
      const r = await database.db.execute(sql`select count(*)::int as n from order_promises where next_alert_at <= now()`);
      return { ms: ms(t0), n: rowsOf<{ n: number }>(r)[0].n };
    };
    const find = async () => {
      const t0 = performance.now();
      const r = await database.db.execute(sql`select order_id from order_promises where next_alert_at <= now() order by next_alert_at limit ${due}`);
      return { ms: ms(t0), n: rowsOf(r).length };
    };
    // What the index saves: the same count with the index out of reach (a scan of every open order).
    const scan = async () => {
      const t0 = performance.now();
      const r = await database.db.execute(sql`select count(*)::int as n from order_promises where next_alert_at + interval '0 s' <= now()`);
      return { ms: ms(t0), n: rowsOf<{ n: number }>(r)[0].n };
    };
    const counts: number[] = [];
    const finds: number[] = [];
    const scans: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const c = await count();
      const f = await find();
      const s = await scan();
      if (c.n !== due || f.n !== due || s.n !== due) throw new Error(`expected ${due} due rows, counted ${c.n}, found ${f.n}, scanned ${s.n}`);
      counts.push(c.ms);
      finds.push(f.ms);
      scans.push(s.ms);
    }
    const base = median(counts);
    console.log(`\nmedian of ${rounds} rounds, the ${due.toLocaleString('en')} due rows among ${orders.toLocaleString('en')}:`);
    console.log(`  plain indexed count (baseline)       ${base.toFixed(2)} ms`);
    console.log(`  sweep: find the due orders, by index ${median(finds).toFixed(2)} ms   ratio ${(median(finds) / base).toFixed(2)}×`);
    console.log(`  the same count without the index     ${median(scans).toFixed(2)} ms   ratio ${(median(scans) / base).toFixed(1)}×`);

    // The whole sweep once: find them and deliver each order's warning in its own transaction.
    const t0 = performance.now();
    const swept = await promises.sweep(due);
    const sweepMs = ms(t0);
    const after = await count();
    console.log(`  whole sweep: ${swept.orders.toLocaleString('en')} orders, ${swept.delivered.toLocaleString('en')} alerts delivered, ${after.n} still due: ${sweepMs.toFixed(0)} ms, ${(sweepMs / swept.orders).toFixed(2)} ms per order   ratio ${(sweepMs / base).toFixed(0)}× the count`);
  } finally {
    await database.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${benchDb} with (force)`);
    await admin.end();
  }
}

await main();

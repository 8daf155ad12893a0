import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, systemCaller, testApp } from './harness.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { createServices, type Services } from '../src/server/services.js';
import { systemClock } from '../src/shared/clock.js';
import { promisesJobs, roundTheClock } from '../src/modules/promises/index.js';

// Real time, real queue: promises of a few seconds on a 24×7 calendar, warnings at half of them.
// Nothing here asserts how long anything took; the tests wait for the deliveries to arrive (or
// for the deadlines to pass) and then count them.
const TARGET_MINUTES = 0.1; // 6 s to respond, warned at 3 s
const queue = { pollingIntervalSeconds: 0.5 };

type App = Awaited<ReturnType<typeof testApp<typeof systemClock>>>;
let t: App;
let world: Awaited<ReturnType<typeof seedWorld>>;

async function rows<T>(db: Database, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = await db.db.execute(q);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
}

const idArray = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`;

async function until(what: string, check: () => Promise<boolean>, seconds = 120) {
  for (let waited = 0; waited < seconds * 4; waited++) {
    if (await check()) return;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`gave up waiting: ${what}`);
}

async function openOrders(services: Services, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const made = await services.workOrders.intake(systemCaller, { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: `${tag} ${i}`, accept: true, priority: 'normal', channel: 'phone' });
    ids.push(made.order.id);
  }
  return ids;
}

const counts = (db: Database, ids: string[]) =>
  rows<{ alerts: number; distinct_alerts: number; warned: number; escalated: number }>(
    db,
    sql`select
      (select count(*)::int from promise_alerts where order_id = any(${idArray(ids)})) as alerts,
      (select count(distinct (order_id, milestone, cycle, kind))::int from promise_alerts where order_id = any(${idArray(ids)})) as distinct_alerts,
      (select count(*)::int from promise_history where order_id = any(${idArray(ids)}) and action = 'warned') as warned,
      (select count(*)::int from promise_history where order_id = any(${idArray(ids)}) and action = 'escalated') as escalated`,
  ).then((r) => r[0]);

/** Another server copy on the same database: its own pool, its own queue workers. */
async function serverCopy(url: string) {
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  const services = createServices(database, systemClock, { queue });
  await services.jobs.start(promisesJobs(services.promises));
  return { database, services, stop: async () => { await services.jobs.stop(); await database.close(); } };
}

beforeAll(async () => {
  t = await testApp({ clock: systemClock, queue });
  world = await seedWorld(t);
  const cal = await t.post('/calendars', { code: '24x7', nameZh: '全天候', nameEn: 'Round the clock', ...roundTheClock('Asia/Shanghai'), isDefault: true });
  expect(cal.status, JSON.stringify(cal.body)).toBe(201);
  const policy = await t.post('/promise-policies', { code: 'FAST', nameZh: '极速', nameEn: 'Fast', warnShare: 0.5, targets: { first_response: { customerMinutes: TARGET_MINUTES } } });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
});
afterAll(() => t.close());

describe(`durable promise alerts on ${engine}`, () => {
  it('a queued job delivers the warning and the escalation, once each', async () => {
    await t.services.jobs.start(promisesJobs(t.services.promises));
    try {
      const ids = await openOrders(t.services, 3, 'one copy');
      await until('six alerts', async () => (await counts(t.database, ids)).alerts >= 6);
      await until('no alert job left', async () => (await rows<{ n: number }>(t.database, sql`select count(*)::int as n from pgboss.job where name = 'promises.alert' and state < 'completed' and (data->>'orderId')::uuid = any(${idArray(ids)})`))[0].n === 0);
      expect(await counts(t.database, ids)).toEqual({ alerts: 6, distinct_alerts: 6, warned: 3, escalated: 3 });
    } finally {
      await t.services.jobs.stop();
    }
  });

  it.skipIf(engine !== 'postgres')('two server copies on one PostgreSQL deliver every warning and escalation exactly once', async () => {
    const a = await serverCopy(t.url as string);
    const b = await serverCopy(t.url as string);
    try {
      // Both copies take orders in, so both enqueue; both work the queue and run the sweep.
      const ids = [...(await openOrders(a.services, 10, 'copy A')), ...(await openOrders(b.services, 10, 'copy B'))];
      await until('forty alerts', async () => (await counts(t.database, ids)).alerts >= 40);
      // Let every job still queued for these orders run out, and a sweep pass, before counting.
      await until('no alert job left', async () => (await rows<{ n: number }>(t.database, sql`select count(*)::int as n from pgboss.job where name = 'promises.alert' and state < 'completed' and (data->>'orderId')::uuid = any(${idArray(ids)})`))[0].n === 0);
      await Promise.all([a.services.promises.sweep(), b.services.promises.sweep()]);
      expect(await counts(t.database, ids)).toEqual({ alerts: 40, distinct_alerts: 40, warned: 20, escalated: 20 });
      const roles = await rows<{ kind: string; role: string; n: number }>(t.database, sql`select kind, role, count(*)::int as n from promise_alerts where order_id = any(${idArray(ids)}) group by 1, 2 order by 1`);
      expect(roles).toEqual([{ kind: 'breach', role: 'manager', n: 20 }, { kind: 'warning', role: 'dispatcher', n: 20 }]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it.skipIf(engine !== 'postgres')('a server that was down when the deadlines passed fires them when it comes back', async () => {
    const a = await serverCopy(t.url as string);
    const ids = await openOrders(a.services, 5, 'before the stop');
    await a.stop();
    // Down over the deadlines: wait until the database's clock is past every one of them.
    await until('deadlines passed', async () => (await rows<{ n: number }>(t.database, sql`select count(*)::int as n from promise_clocks where order_id = any(${idArray(ids)}) and due_at > now()`))[0].n === 0);
    expect((await counts(t.database, ids)).alerts).toBe(0);
    const back = await serverCopy(t.url as string);
    try {
      await until('ten alerts', async () => (await counts(t.database, ids)).alerts >= 10);
      await until('no alert job left', async () => (await rows<{ n: number }>(t.database, sql`select count(*)::int as n from pgboss.job where name = 'promises.alert' and state < 'completed' and (data->>'orderId')::uuid = any(${idArray(ids)})`))[0].n === 0);
      expect(await counts(t.database, ids)).toEqual({ alerts: 10, distinct_alerts: 10, warned: 5, escalated: 5 });
    } finally {
      await back.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, testApp } from './harness.js';
import { systemClock } from '../src/shared/clock.js';
import { CERTIFICATION_WARNINGS_JOB, trainingJobs } from '../src/modules/training/index.js';
import { accessJobs, PRUNE_EXPIRED_JOB } from '../src/modules/access/index.js';

// The hourly certification look runs on the real queue: its schedule is registered on start,
// and a run taken from the queue writes the warnings through the outbox.
type App = Awaited<ReturnType<typeof testApp<typeof systemClock>>>;
let t: App;
let world: Awaited<ReturnType<typeof seedWorld>>;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const r = await t.database.db.execute(q);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
}

beforeAll(async () => {
  t = await testApp({ clock: systemClock, queue: { pollingIntervalSeconds: 0.5 } });
  world = await seedWorld(t);
});
afterAll(() => t.close());

describe(`scheduled jobs on ${engine}`, () => {
  it('certification warnings: scheduled hourly on the queue, and a queued run warns technician and provider once', async () => {
    const tech = await t.post('/technicians', { providerId: world.provider.id, name: '到期师傅', phone: '13900000777' });
    const granted = await t.post('/certifications', { technicianId: tech.body.id, courseId: world.course.id, reason: '外部考试通过' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    // Due in 20 days: inside the warning period.
    await t.database.db.execute(sql`update certifications set expires_at = now() + interval '20 days' where id = ${granted.body.id}`);

    await t.services.jobs.start(trainingJobs(t.services.training));
    try {
      const schedules = await rows<{ name: string; cron: string }>(sql`select name, cron from pgboss.schedule where name = ${CERTIFICATION_WARNINGS_JOB}`);
      expect(schedules).toEqual([{ name: CERTIFICATION_WARNINGS_JOB, cron: '0 * * * *' }]);
      await t.services.jobs.enqueue(t.database.db, CERTIFICATION_WARNINGS_JOB, {});
      await t.services.jobs.enqueue(t.database.db, CERTIFICATION_WARNINGS_JOB, {});
      const warnings = async () => (await t.get('/outbox?limit=200&reveal=true')).body.items.filter((m: any) => m.subject?.id === granted.body.id);
      for (let i = 0; i < 240 && (await rows<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${CERTIFICATION_WARNINGS_JOB} and state <> 'completed'`))[0].n > 0; i++) {
        await new Promise((ok) => setTimeout(ok, 250));
      }
      // Two runs, one warning each to the technician and the provider.
      expect((await warnings()).map((m: any) => m.template).sort()).toEqual(['certification_expiring', 'certification_expiring_provider']);
    } finally {
      await t.services.jobs.stop();
    }
  });

  it('the prune of expired rate-limit windows: scheduled hourly on the queue, and a queued run deletes them', async () => {
    const old = new Date(Date.now() - 3 * 24 * 3600_000);
    await t.database.db.execute(sql`insert into rate_limit_counters (key, window_start, count) values ('prune-test|60', ${old.toISOString()}::timestamptz, 1)`);
    await t.services.jobs.start(accessJobs(t.services.access));
    try {
      const schedules = await rows<{ name: string; cron: string }>(sql`select name, cron from pgboss.schedule where name = ${PRUNE_EXPIRED_JOB}`);
      expect(schedules).toEqual([{ name: PRUNE_EXPIRED_JOB, cron: '7 * * * *' }]);
      await t.services.jobs.enqueue(t.database.db, PRUNE_EXPIRED_JOB, {});
      const left = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from rate_limit_counters where key = 'prune-test|60'`))[0].n;
      for (let i = 0; i < 240 && (await left()) > 0; i++) await new Promise((ok) => setTimeout(ok, 250));
      expect(await left()).toBe(0);
    } finally {
      await t.services.jobs.stop();
    }
  });
});

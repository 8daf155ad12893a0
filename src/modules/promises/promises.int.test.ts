import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, testApp, type TestApp } from '../../../test/harness.js';
import { takeStep } from '../../../test/steps.js';
import { cnOfficeWeek } from './cn-national.js';
import { createServices } from '../../server/services.js';
import { createHttpApp } from '../../server/http.js';

const H = 3600_000;
let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;
let calendar: { id: string; version: number };

const rows = async <T>(q: ReturnType<typeof sql>) => {
  const r = await t.database.db.execute(q);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
};

beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
  // Monday 1 June 2026, 10:00 in Shanghai.
  t.clock.set(new Date('2026-06-01T02:00:00Z'));
  const cal = await t.post('/calendars', { code: 'CN-OFFICE', nameZh: '全国工作日', nameEn: 'China office days', timeZone: 'Asia/Shanghai', week: cnOfficeWeek, isDefault: true, cnNationalYears: [2026] });
  expect(cal.status, JSON.stringify(cal.body)).toBe(201);
  calendar = cal.body;
  const policy = await t.post('/promise-policies', {
    code: 'REPAIR',
    nameZh: '维修标准',
    nameEn: 'Repairs',
    orderKind: 'repair',
    targets: { first_response: { customerMinutes: 240, internalMinutes: 120 }, on_site: { customerMinutes: 960 }, resolution: { customerMinutes: 1440 } },
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
});
afterAll(() => t.close());

async function openOrder(extra: Record<string, unknown> = {}) {
  const res = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '不制冷', accept: true, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const step = (order: { id: string; version: number }, action: string, body?: Record<string, unknown>) => takeStep(t, order, action, body);

const promiseOf = async (id: string) => {
  const res = await t.get(`/work-orders/${id}/promise`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const milestone = (p: any, m: string, cycle = 1) => p.milestones.find((x: any) => x.milestone === m && x.cycle === cycle);

describe(`promises on ${engine}`, () => {
  it('records the policy and business-time deadlines at intake; its first alert, hours away, is left to the sweep (no job)', async () => {
    t.clock.set(new Date('2026-06-01T02:00:00Z'));
    const o = await openOrder();
    const p = await promiseOf(o.id);
    expect([p.policy.code, p.calendar.code, p.paused]).toEqual(['REPAIR', 'CN-OFFICE', false]);
    // 4 business hours from 10:00: 10–12 and 13:30–15:30 (the lunch break does not count).
    expect(milestone(p, 'first_response')).toMatchObject({ status: 'running', targetMinutes: 240, internalTargetMinutes: 120, dueAt: '2026-06-01T07:30:00.000Z', internalDueAt: '2026-06-01T04:00:00.000Z', warnAt: '2026-06-01T03:30:00.000Z' });
    expect(p.nextDueAt).toBe('2026-06-01T07:30:00.000Z');
    expect(p.history.map((h: any) => h.action)).toEqual(['promise_made']);
    // The warning is 90 business minutes away: no queue insert at intake; the sweep's index finds it when due.
    expect(await rows(sql`select 1 from pgboss.job where name = 'promises.alert' and data->>'orderId' = ${o.id}`)).toHaveLength(0);
    expect(await rows(sql`select next_alert_at from order_promises where order_id = ${o.id} and next_alert_at = '2026-06-01T03:30:00Z'`)).toHaveLength(1);
  });

  it('an alert due within minutes of intake gets its job in the same transaction, due at its instant', async () => {
    t.clock.set(new Date('2026-06-01T02:00:00Z'));
    // Eight minutes to respond, warned at three quarters of them: six minutes after intake, within the horizon.
    const quick = await t.post('/promise-policies', { code: 'QUICK', nameZh: '急修', nameEn: 'Quick', orderKind: 'repair', priority: 'high', targets: { first_response: { customerMinutes: 8 } } });
    expect(quick.status, JSON.stringify(quick.body)).toBe(201);
    try {
      const o = await openOrder({ priority: 'high' });
      expect((await promiseOf(o.id)).policy.code).toBe('QUICK');
      const jobs = await rows<{ start_after: Date }>(sql`select start_after from pgboss.job where name = 'promises.alert' and data->>'orderId' = ${o.id}`);
      expect(jobs.map((j) => new Date(j.start_after).toISOString())).toEqual(['2026-06-01T02:06:00.000Z']);
    } finally {
      // Off again, so the other tests' high-priority repairs (none today) and reports see only their own policies.
      expect((await t.patch(`/promise-policies/${quick.body.id}`, { version: quick.body.version, active: false })).status).toBe(200);
    }
  });

  it("an intake's later alert, with no job, is delivered once by the minute sweep", async () => {
    t.clock.set(new Date('2026-06-02T01:00:00Z')); // Tuesday 09:00: warned at 10:30 (90 business minutes)
    const o = await openOrder();
    expect(await rows(sql`select 1 from pgboss.job where name = 'promises.alert' and data->>'orderId' = ${o.id}`)).toHaveLength(0);
    t.clock.set(new Date('2026-06-02T02:29:00Z'));
    await t.services.promises.sweep();
    expect((await promiseOf(o.id)).alerts).toEqual([]);
    // The first tick after the warning point: two copies' sweeps and a stray delivery at once deliver it once.
    t.clock.set(new Date('2026-06-02T02:30:40Z'));
    await Promise.all([t.services.promises.sweep(), t.services.promises.sweep(), t.services.promises.deliverDue(o.id)]);
    await t.services.promises.sweep();
    const p = await promiseOf(o.id);
    expect(p.alerts.map((a: any) => [a.milestone, a.kind, a.role, a.dueAt])).toEqual([['first_response', 'warning', 'dispatcher', '2026-06-02T02:30:00.000Z']]);
    expect(p.history.filter((h: any) => h.action === 'warned')).toHaveLength(1);
    // The next alert (the breach, hours away) is the sweep's too: still no job for this order.
    expect(await rows(sql`select 1 from pgboss.job where name = 'promises.alert' and data->>'orderId' = ${o.id}`)).toHaveLength(0);
  });

  it('orders opened together each get their own promise, clocks and first alert; an order outside every policy gets none', async () => {
    t.clock.set(new Date('2026-06-01T02:00:00Z'));
    const caller = { principal: { kind: 'system' as const, name: 'test' }, address: null };
    const input = (kind: 'repair' | 'installation', i: number) => ({ kind, customerId: world.customer.id, symptom: `together ${i}`, accept: true, priority: 'normal' as const, channel: 'phone' as const });
    // Called in one tick, as requests arriving at once: they share intake statements and the promise write.
    const opened = await Promise.all([...Array.from({ length: 6 }, (_, i) => input('repair', i)), input('installation', 6)].map((x) => t.services.workOrders.intake(caller, x)));
    for (const { order } of opened.slice(0, 6)) {
      const p = await promiseOf(order.id);
      expect([p.policy.code, p.history.map((h: any) => h.action)]).toEqual(['REPAIR', ['promise_made']]);
      expect(milestone(p, 'first_response')).toMatchObject({ status: 'running', dueAt: '2026-06-01T07:30:00.000Z' });
      // Its first alert, for the sweep (hours away: no job).
      const next = await rows<{ at: Date }>(sql`select next_alert_at as at from order_promises where order_id = ${order.id}`);
      expect(next.map((r) => new Date(r.at).toISOString())).toEqual(['2026-06-01T03:30:00.000Z']);
      expect(await rows(sql`select 1 from pgboss.job where name = 'promises.alert' and data->>'orderId' = ${order.id}`)).toHaveLength(0);
    }
    const none = await t.get(`/work-orders/${opened[6].order.id}/promise`);
    expect(none.status).toBe(404);
    expect(await rows(sql`select 1 from pgboss.job where data->>'orderId' = ${opened[6].order.id}`)).toHaveLength(0);
  });

  it('a job enqueued in a transaction that rolls back was never there', async () => {
    const orderId = '00000000-0000-4000-8000-00000000dead';
    await expect(
      t.database.db.transaction(async (tx) => {
        await t.services.jobs.enqueue(tx, 'promises.alert', { orderId }, { startAfter: new Date('2026-06-01T03:00:00Z') });
        // Inside the transaction the job is there…
        const inside = await tx.execute(sql`select count(*)::int as n from pgboss.job where data->>'orderId' = ${orderId}`);
        expect((Array.isArray(inside) ? inside : (inside as unknown as { rows: { n: number }[] }).rows)[0]).toEqual({ n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // …and with the rollback it is gone.
    expect(await rows(sql`select 1 from pgboss.job where data->>'orderId' = ${orderId}`)).toHaveLength(0);
  });

  it('beaten by how much: booking after one business hour beats a four-hour first-response promise by three', async () => {
    t.clock.set(new Date('2026-06-01T02:00:00Z'));
    let o = await openOrder();
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    o = await step(o, 'assign', { technicianId: world.technicians[0].id });
    t.clock.advance(H);
    o = await step(o, 'book', { from: '2026-06-02T01:00:00Z', to: '2026-06-02T03:00:00Z' });
    const p = await promiseOf(o.id);
    expect(milestone(p, 'first_response')).toMatchObject({ status: 'met', outcome: 'beaten', outcomeName: { zh: '超额兑现', en: 'Beaten' }, marginMinutes: 180, internalKept: true });
    expect(p.history.map((h: any) => h.action)).toEqual(['promise_made', 'book']);
  });

  it('a hold pauses the clocks (recorded, visible); resuming after a holiday moves the deadlines by business time only', async () => {
    // Wednesday 30 Sep 2026 10:00; on hold for parts at 11:00; back on Friday 9 Oct 10:00, after the National Day week.
    t.clock.set(new Date('2026-09-30T02:00:00Z'));
    let o = await openOrder();
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    t.clock.advance(H);
    o = await step(o, 'hold', { reason: 'waiting_for_parts' });
    let p = await promiseOf(o.id);
    expect(p.paused).toBe(true);
    expect(p.pauses).toEqual([{ reason: 'waiting_for_parts', startedAt: '2026-09-30T03:00:00.000Z', endedAt: null }]);
    expect(milestone(p, 'resolution')).toMatchObject({ status: 'paused', usedMinutes: 60, dueAt: null, leftMinutes: 1380 });
    expect(milestone(p, 'first_response')).toMatchObject({ leftMinutes: 180, internalLeftMinutes: 60 });
    expect(p.nextDueAt).toBeNull();
    t.clock.set(new Date('2026-10-09T02:00:00Z'));
    // Paused over the holidays: the time left stays where the hold left it.
    expect(milestone(await promiseOf(o.id), 'resolution').leftMinutes).toBe(1380);
    o = await step(o, 'resume');
    p = await promiseOf(o.id);
    expect(p.pauses[0].endedAt).toBe('2026-10-09T02:00:00.000Z');
    // Resolution: 24 h target, 1 h used, 23 h left from Friday 9 Oct 10:00 at 7.5 h a day (Sat 10 Oct is a make-up day):
    // Fri 6.5 h, Sat 7.5 h, Mon 12 Oct 7.5 h = 21.5 h, then 1.5 h on Tuesday 13 Oct: 10:30.
    expect(milestone(p, 'resolution')).toMatchObject({ status: 'running', usedMinutes: 60, dueAt: '2026-10-13T02:30:00.000Z' });
    expect(p.history.map((h: any) => h.action)).toEqual(['promise_made', 'hold', 'resume']);
    // Running again: the lunch break (12:00–13:30 on this calendar's office week) is not counted.
    t.clock.set(new Date('2026-10-09T06:00:00Z')); // 14:00: 10:00–12:00 and 13:30–14:00 worked
    expect(milestone(await promiseOf(o.id), 'resolution').leftMinutes).toBe(1380 - 150);
  });

  it('delivers each warning and escalation once, to the named role, and lists the order at risk soonest first', async () => {
    t.clock.set(new Date('2026-06-03T01:00:00Z')); // Wednesday 09:00
    const o = await openOrder();
    await t.services.promises.sweep();
    expect((await promiseOf(o.id)).alerts).toEqual([]);
    t.clock.advance(1.6 * H); // past the warning at 90 business minutes
    expect((await t.services.promises.sweep()).delivered).toBeGreaterThanOrEqual(1);
    await t.services.promises.sweep();
    await t.services.promises.deliverDue(o.id);
    let p = await promiseOf(o.id);
    expect(p.alerts.map((a: any) => [a.milestone, a.kind, a.role])).toEqual([['first_response', 'warning', 'dispatcher']]);
    expect(p.alerts[0].messageZh).toContain('即将到期');

    const risky = await t.get('/promises/at-risk?limit=200');
    expect(risky.status).toBe(200);
    const mine = risky.body.items.find((i: any) => i.orderId === o.id);
    expect(mine).toMatchObject({ number: o.number, overdue: false, nextDueAt: '2026-06-03T06:30:00.000Z' });
    // Its own running clocks, and only those (they are read with the page's rows).
    expect(mine.milestones.map((m: any) => m.milestone).sort()).toEqual(p.milestones.filter((m: any) => m.status === 'running').map((m: any) => m.milestone).sort());
    const dues = risky.body.items.map((i: any) => i.nextDueAt);
    expect(dues).toEqual([...dues].sort());

    t.clock.set(new Date('2026-06-03T07:00:00Z')); // 15:00, past the 4-hour promise due at 14:30
    await Promise.all([t.services.promises.sweep(), t.services.promises.deliverDue(o.id), t.services.promises.sweep()]);
    p = await promiseOf(o.id);
    expect(p.alerts.map((a: any) => [a.milestone, a.kind, a.role])).toEqual([
      ['first_response', 'warning', 'dispatcher'],
      ['first_response', 'breach', 'manager'],
    ]);
    expect(p.history.filter((h: any) => h.action === 'escalated')).toHaveLength(1);
    expect((await t.get('/promises/at-risk?limit=200')).body.items.find((i: any) => i.orderId === o.id).overdue).toBe(true);
    const inbox = await t.get('/promises/alerts?role=manager');
    expect(inbox.body.items.some((a: any) => a.orderId === o.id && a.kind === 'breach' && a.orderNumber === o.number)).toBe(true);
  });

  it('a job made stale by a hold delivers nothing and enqueues nothing; resuming enqueues the new alert when it is near', async () => {
    t.clock.set(new Date('2026-06-04T01:00:00Z')); // Thursday 09:00
    let o = await openOrder();
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    const jobsOf = async () => (await rows<{ at: string }>(sql`select data->>'at' as at from pgboss.job where name = 'promises.alert' and data->>'orderId' = ${o.id} order by created_on`)).map((j) => j.at);
    // The warning at 10:30 is the sweep's (90 minutes away): no job.
    expect(await jobsOf()).toEqual([]);
    const firstAt = milestone(await promiseOf(o.id), 'first_response').warnAt;
    expect(firstAt).toBe('2026-06-04T02:30:00.000Z');
    t.clock.set(new Date('2026-06-04T02:25:00Z')); // 10:25, five minutes before it
    o = await step(o, 'hold', { reason: 'waiting_for_customer' });
    t.clock.set(new Date('2026-06-04T09:00:00Z')); // 17:00, long past the old warning point, still on hold
    // A job for the old instant (as one written before the hold would run) finds nothing due and writes nothing.
    expect(await t.services.promises.deliverDue(o.id, firstAt)).toBe(0);
    await t.services.promises.sweep();
    expect((await promiseOf(o.id)).alerts).toEqual([]);
    expect(await jobsOf()).toEqual([]);
    o = await step(o, 'resume');
    // Five business minutes were left: the warning is at 17:05, within the horizon, so it has its job.
    const warnAt = milestone(await promiseOf(o.id), 'first_response').warnAt;
    expect(warnAt).toBe('2026-06-04T09:05:00.000Z');
    expect(await jobsOf()).toEqual([warnAt]);
  });

  it('broken by how much, and reopening restarts arrival and resolution but not a first response already met', async () => {
    t.clock.set(new Date('2026-06-08T01:00:00Z')); // Monday 09:00
    let o = await openOrder();
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    o = await step(o, 'assign', { technicianId: world.technicians[0].id });
    o = await step(o, 'book', { from: '2026-06-09T01:00:00Z', to: '2026-06-09T03:00:00Z' });
    t.clock.set(new Date('2026-06-10T06:00:00Z')); // Wednesday 14:00: 7.5 + 7.5 + 3.5 = 18.5 h > 16 h
    o = await step(o, 'check-in', { lat: 23.13, lng: 113.32 });
    o = await step(o, 'complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' });
    o = await step(o, 'confirm', { overrideReason: '客户电话确认' });
    o = await step(o, 'follow-up', { satisfaction: 'neutral', attitude: 4, skill: 4, fixedFirstTime: false, repeatVisit: false });
    o = await step(o, 'close');
    let p = await promiseOf(o.id);
    expect(milestone(p, 'on_site')).toMatchObject({ status: 'met', outcome: 'broken', marginMinutes: -150 });
    expect(milestone(p, 'resolution')).toMatchObject({ status: 'met', outcome: 'kept', marginMinutes: 330 });
    t.clock.set(new Date('2026-06-11T02:00:00Z'));
    o = await step(o, 'reopen', { reason: '又不制冷了' });
    p = await promiseOf(o.id);
    expect(p.milestones.filter((m: any) => m.milestone === 'first_response').map((m: any) => m.cycle)).toEqual([1]);
    expect(milestone(p, 'on_site', 2)).toMatchObject({ status: 'running', startedAt: '2026-06-11T02:00:00.000Z' });
    expect(milestone(p, 'resolution', 2)).toMatchObject({ status: 'running' });
    expect(milestone(p, 'resolution', 1)).toMatchObject({ status: 'met', outcome: 'kept' });
  });

  it('a cancelled order stops its clocks; reopening it restarts the first response that was never met', async () => {
    t.clock.set(new Date('2026-06-15T02:00:00Z'));
    let o = await openOrder();
    o = await step(o, 'cancel', { reason: '客户取消' });
    let p = await promiseOf(o.id);
    expect(p.milestones.map((m: any) => m.status)).toEqual(['void', 'void', 'void']);
    expect(p.nextDueAt).toBeNull();
    o = await step(o, 'reopen', { reason: '客户又要修' });
    p = await promiseOf(o.id);
    expect(p.milestones.filter((m: any) => m.cycle === 2).map((m: any) => m.milestone).sort()).toEqual(['first_response', 'on_site', 'resolution']);
  });

  it('the most specific policy wins; an order no policy matches has no promise', async () => {
    const gold = await t.post('/promise-policies', { code: 'GOLD-REPAIR', nameZh: '金卡维修', nameEn: 'Gold repairs', orderKind: 'repair', priority: 'urgent', targets: { first_response: { customerMinutes: 60 } }, beatenShare: 0.5 });
    expect(gold.status).toBe(201);
    const urgent = await openOrder({ priority: 'urgent' });
    expect((await promiseOf(urgent.id)).policy.code).toBe('GOLD-REPAIR');
    const consult = await openOrder({ kind: 'consultation' });
    expect((await t.get(`/work-orders/${consult.id}/promise`)).status).toBe(404);
    const off = await t.patch(`/promise-policies/${gold.body.id}`, { version: gold.body.version, active: false });
    expect(off.status).toBe(200);
    expect((await promiseOf((await openOrder({ priority: 'urgent' })).id)).policy.code).toBe('REPAIR');
  });

  it("a provider's own calendar takes over the clocks at dispatch, keeping the time used", async () => {
    const own = await t.post('/calendars', { code: 'P-24x7', nameZh: '全天候', nameEn: 'Round the clock', timeZone: 'Asia/Shanghai', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]), providerId: world.provider.id });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    t.clock.set(new Date('2026-06-05T09:00:00Z')); // Friday 17:00
    let o = await openOrder();
    t.clock.advance(H); // 18:00: one business hour used on office time
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    const p = await promiseOf(o.id);
    expect(p.calendar.code).toBe('P-24x7');
    // 16 h to arrive, 1 h used: 15 real hours from Friday 18:00 → Saturday 09:00.
    expect(milestone(p, 'on_site')).toMatchObject({ usedMinutes: 60, dueAt: '2026-06-06T01:00:00.000Z' });
    // Each clock carries its order's provider: those of intake (dispatch copied it), and one inserted once the order has it.
    await t.database.db.execute(sql`insert into promise_clocks (order_id, milestone, cycle, status, target_ms, consumed_ms, started_at)
      values (${o.id}, 'on_site', 9, 'running', 3600000, 0, now())`);
    const copies = await rows<{ cycle: number; provider: string | null }>(sql`select cycle, provider_id::text as provider from promise_clocks where order_id = ${o.id} and milestone = 'on_site' order by cycle`);
    expect(copies).toEqual([{ cycle: 1, provider: world.provider.id }, { cycle: 9, provider: world.provider.id }]);
    await t.database.db.execute(sql`delete from promise_clocks where order_id = ${o.id} and cycle = 9`);
    const fresh = await openOrder();
    expect(await rows(sql`select provider_id from promise_clocks where order_id = ${fresh.id} and provider_id is not null`)).toEqual([]);
  });

  it('reports shares beaten/kept/broken and the margin distribution by policy and by month', async () => {
    const byPolicy = await t.get('/promises/report?by=policy&from=2026-06-01&to=2026-07-01&milestone=first_response');
    expect(byPolicy.status, JSON.stringify(byPolicy.body)).toBe(200);
    const repair = byPolicy.body.rows.find((r: any) => r.label?.includes('Repairs'));
    expect(repair.met).toBeGreaterThanOrEqual(2);
    expect(repair.shareBeaten + repair.shareKept + repair.shareBroken).toBeCloseTo(1, 3);
    expect(repair.medianMarginMinutes).not.toBeNull();
    const byMonth = await t.get('/promises/report?by=period&from=2026-01-01&to=2027-01-01');
    expect(byMonth.body.rows.map((r: any) => r.key)).toContain('2026-06');
    // Grouped by where the order was served: every met milestone counted once, named from its provider, technician or address.
    const total = async (by: string) => {
      const res = await t.get(`/promises/report?by=${by}&from=2026-06-01&to=2026-07-01`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.rows;
    };
    const byPeriod = await total('period');
    const met = byPeriod.reduce((n: number, r: any) => n + r.met, 0);
    expect(met).toBeGreaterThan(0);
    for (const by of ['provider', 'technician', 'region']) expect((await total(by)).reduce((n: number, r: any) => n + r.met, 0)).toBe(met);
    const byProvider = await total('provider');
    expect(byProvider.find((r: any) => r.key === world.provider.id)?.label).toBe(world.provider.name);
    expect(byProvider.find((r: any) => r.key === null)?.label ?? null).toBeNull();
    const byTechnician = await total('technician');
    expect(byTechnician.filter((r: any) => r.key !== null).every((r: any) => world.technicians.some((w: any) => w.id === r.key && w.name === r.label))).toBe(true);
    const byRegion = await total('region');
    expect(byRegion.every((r: any) => typeof r.key === 'string' && r.label.endsWith(` ${r.key}`))).toBe(true);
    const bad = await t.get('/promises/report?by=period&from=2026-07-01&to=2026-06-01');
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'to']);
  });

  it('bad input names the field: a calendar with a bad zone, a policy whose internal target is looser', async () => {
    const cal = await t.post('/calendars', { code: 'BAD', nameZh: '坏', nameEn: 'Bad', timeZone: 'Mars/Olympus', week: [[{ start: '09:00', end: '08:00' }], [], [], [], [], [], []] });
    expect(cal.status).toBe(400);
    expect(cal.body.error.details.map((d: any) => d.path)).toEqual(['timeZone', 'week.0.0.end']);
    const pol = await t.post('/promise-policies', { code: 'LOOSE', nameZh: '松', nameEn: 'Loose', targets: { first_response: { customerMinutes: 60, internalMinutes: 90 } } });
    expect(pol.status).toBe(400);
    expect(pol.body.error.details[0].path).toBe('targets.first_response.internalMinutes');
    const noCalendar = await t.post('/promise-policies', { code: 'NOCAL', nameZh: '无', nameEn: 'None', calendarId: '00000000-0000-4000-8000-000000000000', targets: { resolution: { customerMinutes: 60 } } });
    expect([noCalendar.status, noCalendar.body.error.details[0].path]).toEqual([400, 'calendarId']);
    const dup = await t.post('/promise-policies', { code: 'REPAIR', nameZh: '重', nameEn: 'Dup', targets: { resolution: { customerMinutes: 60 } } });
    expect([dup.status, dup.body.error.details[0].path]).toEqual([409, 'code']);
    const stale = await t.patch(`/calendars/${calendar.id}`, { version: calendar.version + 5, nameEn: 'x' });
    expect(stale.status).toBe(409);
  });

  it('a target its calendar cannot reach is refused on the policy; a calendar thinned later takes the order in without a promise, saying why', async () => {
    t.clock.set(new Date('2026-06-01T02:00:00Z'));
    const minuteAWeek = [[{ start: '09:00', end: '09:01' }], [], [], [], [], [], []];
    const sparse = await t.post('/calendars', { code: 'SPARSE', nameZh: '稀', nameEn: 'Sparse', timeZone: 'Asia/Shanghai', week: minuteAWeek });
    expect(sparse.status, JSON.stringify(sparse.body)).toBe(201);
    // One minute a week: 1,000 minutes is more than three years hold.
    const far = await t.post('/promise-policies', { code: 'FAR', nameZh: '远', nameEn: 'Far', orderKind: 'inspection', calendarId: sparse.body.id, targets: { resolution: { customerMinutes: 1000 } } });
    expect([far.status, far.body.error?.details[0].path]).toEqual([400, 'targets']);
    const near = await t.post('/promise-policies', { code: 'NEAR', nameZh: '近', nameEn: 'Near', orderKind: 'inspection', calendarId: sparse.body.id, targets: { resolution: { customerMinutes: 100 } } });
    expect(near.status, JSON.stringify(near.body)).toBe(201);
    const mondays = Array.from({ length: 130 }, (_, i) => ({ date: new Date(Date.UTC(2026, 5, 1 + 7 * i)).toISOString().slice(0, 10), kind: 'holiday' }));
    const thinned = await t.post(`/calendars/${sparse.body.id}/days`, { version: sparse.body.version, source: 'days', days: mondays });
    expect(thinned.status, JSON.stringify(thinned.body)).toBe(200);
    const o = await openOrder({ kind: 'inspection' });
    expect((await t.get(`/work-orders/${o.id}/promise`)).status).toBe(404);
    const why = await rows<{ action: string; details: { policy: string } }>(sql`select action, details from promise_history where order_id = ${o.id}`);
    expect(why.map((h) => [h.action, h.details.policy])).toEqual([['promise_not_made', 'NEAR']]);
  });

  it('imports special days from CSV and China\'s arrangement, and removes dates', async () => {
    const cal = await t.post('/calendars', { code: 'SHOP', nameZh: '门店', nameEn: 'Shop', timeZone: 'Asia/Shanghai', week: cnOfficeWeek });
    const csv = '# 公司假期\n2026-12-24,holiday,平安夜,Christmas Eve\n2026-12-26,workday,补班,Make-up day\n';
    const imported = await t.post(`/calendars/${cal.body.id}/days`, { version: cal.body.version, source: 'csv', csv });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const cn = await t.post(`/calendars/${cal.body.id}/days`, { version: imported.body.version, source: 'cn_national', years: [2026], removeDates: ['2026-12-24'] });
    expect(cn.status, JSON.stringify(cn.body)).toBe(200);
    const got = await t.get(`/calendars/${cal.body.id}?from=2026-02-01&to=2026-12-31`);
    const dates = got.body.days.map((d: any) => d.date);
    expect(dates).toContain('2026-02-14');
    expect(dates).toContain('2026-12-26');
    expect(dates).not.toContain('2026-12-24');
    const badCsv = await t.post(`/calendars/${cal.body.id}/days`, { version: cn.body.version, source: 'csv', csv: '2026-12-31,party' });
    expect([badCsv.status, badCsv.body.error.details[0].path]).toEqual([400, 'csv.1']);
  });

  it('an edited calendar moves the running clocks on it, once, by a job written with the edit', async () => {
    const cal = await t.post('/calendars', { code: 'EDIT', nameZh: '可改日历', nameEn: 'Editable', timeZone: 'Asia/Shanghai', week: cnOfficeWeek });
    const policy = await t.post('/promise-policies', { code: 'INSTALL', nameZh: '安装', nameEn: 'Installation', orderKind: 'installation', calendarId: cal.body.id, targets: { resolution: { customerMinutes: 240 } } });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    // Monday 8 June 2026, 16:00 in Shanghai: two hours today, two on Tuesday.
    t.clock.set(new Date('2026-06-08T08:00:00Z'));
    const o = await openOrder({ kind: 'installation' });
    const before = milestone(await promiseOf(o.id), 'resolution').dueAt;
    expect(before.slice(0, 10)).toBe('2026-06-09');

    t.clock.set(new Date('2026-06-08T09:00:00Z'));
    const edited = await t.post(`/calendars/${cal.body.id}/days`, { version: cal.body.version, source: 'days', days: [{ date: '2026-06-09', kind: 'holiday', nameZh: '公司假日', nameEn: 'Company day off' }] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const jobs = await rows<{ data: { calendarId: string } }>(sql`select data from pgboss.job where name = 'promises.recalendar' and data->>'calendarId' = ${cal.body.id}`);
    expect(jobs).toHaveLength(1);

    expect(await t.services.promises.recalendar(cal.body.id)).toBe(1);
    const after = await promiseOf(o.id);
    // Tuesday is off now: the two hours left run on Wednesday.
    expect(Date.parse(milestone(after, 'resolution').dueAt) - Date.parse(before)).toBe(24 * H);
    expect(after.nextDueAt).toBe(milestone(after, 'resolution').dueAt);
    // The job may run again: nothing moves, nothing more is written.
    expect(await t.services.promises.recalendar(cal.body.id)).toBe(0);
    expect(after.history.filter((h: any) => h.action === 'calendar_changed')).toHaveLength(1);
    expect((await promiseOf(o.id)).history.filter((h: any) => h.action === 'calendar_changed')).toHaveLength(1);
  });

  it('a policy changed through another server copy, or by SQL, governs the very next order of this copy', async () => {
    // A second server copy on the same database remembers the policies from its first intake.
    const other = createHttpApp(createServices(t.database, t.clock), { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null } });
    const intakeThroughOther = async (externalRef: string) => {
      const res = await other.request('/work-orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...t.admin.headers },
        body: JSON.stringify({ kind: 'maintenance', customerId: world.customer.id, symptom: '保养', externalRef }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };
    const before = await intakeThroughOther('copy-1');
    expect((await t.get(`/work-orders/${before.id}/promise`)).status).toBe(404);

    const made = await t.post('/promise-policies', { code: 'MAINT', nameZh: '保养', nameEn: 'Maintenance', orderKind: 'maintenance', targets: { resolution: { customerMinutes: 2880 } } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const after = await intakeThroughOther('copy-2');
    expect([(await promiseOf(after.id)).policy.code, (await promiseOf(after.id)).calendar.code]).toEqual(['MAINT', 'CN-OFFICE']);

    // A region's own calendar, made through this copy, is the one the other copy's next order runs on.
    const allDay = [0, 1, 2, 3, 4, 5, 6].map(() => [{ start: '00:00', end: '24:00' }]);
    const gz = await t.post('/calendars', { code: 'GZ', nameZh: '广州全天', nameEn: 'Guangzhou round the clock', timeZone: 'Asia/Shanghai', week: allDay, region: '广州市' });
    expect(gz.status, JSON.stringify(gz.body)).toBe(201);
    const inRegion = await intakeThroughOther('copy-2b');
    expect((await promiseOf(inRegion.id)).calendar.code).toBe('GZ');

    await t.database.db.execute(sql`update promise_policies set active = false where code = 'MAINT'`);
    const off = await intakeThroughOther('copy-3');
    expect((await t.get(`/work-orders/${off.id}/promise`)).status).toBe(404);
    // Each refused attempt made nothing: one order per request.
    const orders = await rows<{ n: number }>(sql`select count(*)::int as n from work_orders where external_ref like 'copy-%'`);
    expect(orders[0].n).toBe(4);
  });

  it('a policy or calendar a promise names is never deleted, renumbered or truncated (what its foreign keys refused, without their lock)', async () => {
    const o = await openOrder();
    const p = await promiseOf(o.id);
    const refused = (q: ReturnType<typeof sql>) => expect(t.database.db.execute(q)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/never deleted|keep their ids/) } });
    await refused(sql`delete from promise_policies where id = ${p.policy.id}`);
    await refused(sql`delete from calendars where id = ${p.calendar.id}`);
    await refused(sql`update promise_policies set id = gen_random_uuid() where id = ${p.policy.id}`);
    await refused(sql`update calendars set id = gen_random_uuid() where id = ${p.calendar.id}`);
    await refused(sql`truncate promise_policies cascade`);
    await refused(sql`truncate calendars cascade`);
    // Retiring stays the way to stop a policy; the promise keeps naming it.
    await t.database.db.execute(sql`update promise_policies set active = active where id = ${p.policy.id}`);
    expect((await promiseOf(o.id)).policy.id).toBe(p.policy.id);
    const named = await rows<{ n: number }>(sql`select count(*)::int as n from order_promises op where not exists (select 1 from promise_policies pp where pp.id = op.policy_id) or not exists (select 1 from calendars c where c.id = op.calendar_id)`);
    expect(named[0].n).toBe(0);
  });
});

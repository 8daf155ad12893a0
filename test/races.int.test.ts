// "Only one may win" rules, with both contenders sent at once (issue 14's standing guard). PGlite
// answers one query at a time; the run that matters is PostgreSQL (TEST_DATABASE_URL), where the
// two requests really overlap. Each race: exactly one wins, the other gets 409, the history holds
// the winner's row only, and nothing of the loser is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { engine, manualClock, testApp, tokenFor, uniquePhone, type TestApp } from './harness.js';
import { outboxMessages } from '../src/modules/notifications/notifications.tables.js';
import { workOrderHistory } from '../src/modules/work-orders/work-orders.tables.js';
import { dayPlans, plannedVisits } from '../src/modules/dispatch/dispatch.tables.js';

const clock = manualClock(new Date('2026-06-01T02:00:00Z')); // Monday 10:00 in Shanghai
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
const tianhe = { province: '广东省', city: '广州市', district: '天河区' };
/** Rounds of each cheap race: one overlap on PostgreSQL may happen to be serial. */
const rounds = 3;

let t: TestApp;
let w: { modelId: string; providerId: string; techA: string; techB: string };
let dispatchers: { headers: Record<string, string> }[];
let agent: { headers: Record<string, string> };
/** Who books a visit: the technician and their provider's admin. */
let bookers: { headers: Record<string, string> }[];

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  t = await testApp({ clock });
  const cat = await ok(await t.post('/catalog/categories', { code: 'RAC', nameZh: '空调', nameEn: 'AC', requiredCertification: 'AC-RACE' }));
  const symptom = await ok(await t.post('/catalog/fault-codes', { categoryId: cat.id, level: 'symptom', code: 'S01', nameZh: '不制冷', nameEn: 'Does not cool' }));
  const cause = await ok(await t.post('/catalog/fault-codes', { categoryId: cat.id, level: 'cause', code: 'C01', parentId: symptom.id, nameZh: '缺氟', nameEn: 'Low refrigerant' }));
  await ok(await t.post('/catalog/fault-codes', { categoryId: cat.id, level: 'remedy', code: 'R01', parentId: cause.id, nameZh: '加氟', nameEn: 'Recharge' }));
  const model = await ok(await t.post('/catalog/models', { categoryId: cat.id, code: 'RAC-1', nameZh: '空调', nameEn: 'AC', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005, standardMinutes: { installation: 60, repair: 60 } }));
  const course = await ok(await t.post('/training/courses', { code: 'RAC-COURSE', categoryId: cat.id, certificationCode: 'AC-RACE', titleZh: '空调安装', titleEn: 'AC installation' }));
  const provider = await ok(await t.post('/providers', { code: 'RP1', name: '竞争网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880009', categoryIds: [cat.id], serviceArea: { regions: [tianhe] }, capacity: 1000 }));
  const tech = async (name: string, lat: number, lng: number) => {
    const t1 = await ok(await t.post('/technicians', { providerId: provider.id, name, phone: uniquePhone(), skills: ['RAC'], homeLat: lat, homeLng: lng, shifts: everyDay, maxJobsPerDay: 12 }));
    await ok(await t.post('/certifications', { technicianId: t1.id, courseId: course.id, reason: '厂家认证' }));
    return t1.id as string;
  };
  w = { modelId: model.id, providerId: provider.id, techA: await tech('甲师傅', 23.12, 113.3), techB: await tech('乙师傅', 23.14, 113.34) };
  dispatchers = [await tokenFor(t.services, 'dispatcher', 'race-dispatcher-1'), await tokenFor(t.services, 'dispatcher', 'race-dispatcher-2')];
  agent = await tokenFor(t.services, 'agent', 'race-agent');
  bookers = [await tokenFor(t.services, 'technician', 'race-tech', { providerId: w.providerId, technicianId: w.techA }), await tokenFor(t.services, 'provider_admin', 'race-provider', { providerId: w.providerId })];
});
afterAll(() => t.close());

/** An order dispatched to the race provider, wished on `day` when given. */
async function dispatched(lat: number, lng: number, day?: string) {
  const c = await ok(await t.post('/customers', { name: '客户', phones: [{ phone: uniquePhone() }], addresses: [{ ...tianhe, street: '路 1 号', lat, lng, isDefault: true }] }));
  const unit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: c.id, serials: [{ role: 'indoor', serial: `RACE${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }));
  const wished = day ? { wishedFrom: `${day}T08:00:00+08:00`, wishedTo: `${day}T18:00:00+08:00` } : {};
  const o = await ok(await t.post('/work-orders', { kind: 'repair', customerId: c.id, unitId: unit.id, symptom: '不制冷', accept: true, ...wished }));
  return ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.providerId }), 200);
}

const step = async (o: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) => ok(await t.post(`/work-orders/${o.id}/${action}`, { version: o.version, ...body }), 200);

async function historyOf(orderId: string, action: string) {
  return t.database.db.select().from(workOrderHistory).where(and(eq(workOrderHistory.orderId, orderId), eq(workOrderHistory.action, action)));
}

/** Both sent at once; the answers in the order sent. */
function together<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  return Promise.all([a, b]);
}

/** Exactly one 200 and one 409 with `loserCode`; the index of the winner. */
function oneWinner(answers: { status: number; body: any }[], loserCode: string): number {
  expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
  const loser = answers.find((a) => a.status === 409)!;
  expect(loser.body.error.code).toBe(loserCode);
  return answers.findIndex((a) => a.status === 200);
}

describe(`only one may win, both sent at once, on ${engine}`, () => {
  it('two dispatchers assign the same order to different technicians: one assignment, one 409', async () => {
    for (let r = 0; r < rounds; r++) {
      const o = await dispatched(23.13, 113.32);
      const answers = await together(
        t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.techA }, dispatchers[0].headers),
        t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.techB }, dispatchers[1].headers),
      );
      const winner = oneWinner(answers, 'version_conflict');
      const now = (await t.get(`/work-orders/${o.id}`)).body;
      expect([now.technicianId, now.version]).toEqual([[w.techA, w.techB][winner], o.version + 1]);
      const rows = await historyOf(o.id, 'assign');
      expect(rows).toHaveLength(1);
      expect(rows[0].actor).toContain(`race-dispatcher-${winner + 1}`);
    }
  });

  it('two bulk assigns of the same orders at once: each order assigned once, one history row, the other told "unchanged"', async () => {
    for (let r = 0; r < rounds; r++) {
      const orders = [await dispatched(23.13, 113.32), await dispatched(23.12, 113.31), await dispatched(23.15, 113.33), await dispatched(23.11, 113.35)];
      const ids = orders.map((o) => o.id);
      const [a, b] = await together(
        t.post('/work-orders/bulk', { action: 'assign', ids, technicianId: w.techA }, dispatchers[0].headers),
        t.post('/work-orders/bulk', { action: 'assign', ids: [...ids].reverse(), technicianId: w.techA }, dispatchers[1].headers),
      );
      expect([a.status, b.status], JSON.stringify([a.body, b.body])).toEqual([200, 200]);
      for (const o of orders) {
        const outcomes = [a, b].map((res) => res.body.items.find((i: { id: string }) => i.id === o.id));
        // One request assigned it; the other found it done (before its step, or on the step's version conflict).
        expect(outcomes.map((i) => i.outcome).sort(), JSON.stringify(outcomes)).toEqual(['done', 'unchanged']);
        const now = (await t.get(`/work-orders/${o.id}`)).body;
        expect([now.status, now.technicianId, now.version]).toEqual(['assigned', w.techA, o.version + 1]);
        const rows = await historyOf(o.id, 'assign');
        expect(rows).toHaveLength(1);
        const winner = outcomes.findIndex((i) => i.outcome === 'done');
        expect(rows[0].actor).toContain(`race-dispatcher-${winner + 1}`);
      }
      expect(a.body.done + b.body.done).toBe(orders.length);
      expect(a.body.unchanged + b.body.unchanged).toBe(orders.length);
    }
  });

  it('the same order booked twice at once: one appointment, one SMS to the customer, one 409', async () => {
    for (let r = 0; r < rounds; r++) {
      const o = await step(await dispatched(23.13, 113.32), 'assign', { technicianId: w.techA });
      // A day of its own per round: bookings must hold, and earlier rounds' visits stay booked.
      const day = `2026-07-${String(1 + r).padStart(2, '0')}`;
      const windows = [
        { from: `${day}T01:00:00Z`, to: `${day}T03:00:00Z` },
        { from: `${day}T05:00:00Z`, to: `${day}T07:00:00Z` },
      ];
      const answers = await together(
        t.post(`/work-orders/${o.id}/book`, { version: o.version, ...windows[0] }, bookers[0].headers),
        t.post(`/work-orders/${o.id}/book`, { version: o.version, ...windows[1] }, bookers[1].headers),
      );
      const winner = oneWinner(answers, 'version_conflict');
      const now = (await t.get(`/work-orders/${o.id}`)).body;
      expect([now.status, now.appointmentFrom]).toEqual(['booked', new Date(windows[winner].from).toISOString()]);
      expect(await historyOf(o.id, 'book')).toHaveLength(1);
      const sms = await t.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, 'visit_booked'), sql`${outboxMessages.subject}->>'id' = ${o.id}`));
      expect(sms).toHaveLength(1);
    }
  });

  it('an order confirmed twice at once, with the customer\'s code and by override: one confirmation, one 409', async () => {
    for (let r = 0; r < rounds; r++) {
      let o = await step(await dispatched(23.13, 113.32), 'assign', { technicianId: w.techA });
      o = await step(o, 'book', { from: '2026-06-02T01:00:00Z', to: '2026-06-02T03:00:00Z' });
      o = await step(o, 'check-in', { lat: 23.13, lng: 113.32 });
      o = await step(o, 'complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' });
      o = await step(o, 'send-acceptance-code');
      const [sms] = await t.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, 'acceptance_code'), sql`${outboxMessages.subject}->>'id' = ${o.id}`));
      const code = /code is (\d{6})/.exec(sms.bodyEn)![1];
      const answers = await together(
        t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code }),
        t.post(`/work-orders/${o.id}/confirm`, { version: o.version, overrideReason: '客户电话确认' }, agent.headers),
      );
      const winner = oneWinner(answers, 'version_conflict');
      const now = (await t.get(`/work-orders/${o.id}`)).body;
      expect([now.status, now.confirmedBy, now.version]).toEqual(['confirmed', ['customer_code', 'agent_override'][winner], o.version + 1]);
      expect(await historyOf(o.id, 'confirm')).toHaveLength(1);
      expect(await historyOf(o.id, 'confirm_refused')).toHaveLength(0);
      // The same right code twice at once: one confirmation.
      let p = await step(await dispatched(23.13, 113.32), 'assign', { technicianId: w.techA });
      for (const [action, body] of [['book', { from: '2026-06-02T01:00:00Z', to: '2026-06-02T03:00:00Z' }], ['check-in', { lat: 23.13, lng: 113.32 }], ['complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' }], ['send-acceptance-code', {}]] as const) p = await step(p, action, body);
      const [sms2] = await t.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, 'acceptance_code'), sql`${outboxMessages.subject}->>'id' = ${p.id}`));
      const code2 = /code is (\d{6})/.exec(sms2.bodyEn)![1];
      oneWinner(await together(t.post(`/work-orders/${p.id}/confirm`, { version: p.version, code: code2 }), t.post(`/work-orders/${p.id}/confirm`, { version: p.version, code: code2 })), 'version_conflict');
      expect(await historyOf(p.id, 'confirm')).toHaveLength(1);
    }
  });

  it('the same plan applied twice at once: applied once, one assignment per order, one 409', async () => {
    const day = '2026-06-03';
    const orders = [await dispatched(23.13, 113.33, day), await dispatched(23.14, 113.34, day), await dispatched(23.12, 113.31, day)];
    const plan = await ok(await t.post('/dispatch/plans', { providerId: w.providerId, date: day }));
    expect(plan.stops.map((s: any) => s.orderId)).toEqual(expect.arrayContaining(orders.map((o) => o.id)));
    const answers = await together(t.post(`/dispatch/plans/${plan.id}/apply`, {}, dispatchers[0].headers), t.post(`/dispatch/plans/${plan.id}/apply`, {}, dispatchers[1].headers));
    oneWinner(answers, 'plan_not_preview');
    const visits = await t.database.db.select().from(plannedVisits).where(eq(plannedVisits.planId, plan.id));
    expect(visits).toHaveLength(plan.stops.length);
    for (const o of orders) expect(await historyOf(o.id, 'assign')).toHaveLength(1);
  });

  it('two plans of the same provider and day applied at once: one applied, the other refused whole', async () => {
    const day = '2026-06-04';
    const orders = [await dispatched(23.131, 113.331, day), await dispatched(23.141, 113.341, day), await dispatched(23.121, 113.311, day)];
    const plans = [await ok(await t.post('/dispatch/plans', { providerId: w.providerId, date: day })), await ok(await t.post('/dispatch/plans', { providerId: w.providerId, date: day }))];
    for (const plan of plans) expect(plan.stops.map((s: any) => s.orderId)).toEqual(expect.arrayContaining(orders.map((o) => o.id)));
    const answers = await together(t.post(`/dispatch/plans/${plans[0].id}/apply`, {}, dispatchers[0].headers), t.post(`/dispatch/plans/${plans[1].id}/apply`, {}, dispatchers[1].headers));
    const winner = oneWinner(answers, 'plan_stale');
    const loser = plans[1 - winner];
    const ofDay = await t.database.db.select().from(dayPlans).where(and(eq(dayPlans.providerId, w.providerId), eq(dayPlans.date, day)));
    expect(ofDay.filter((p) => p.status === 'applied').map((p) => p.id)).toEqual([plans[winner].id]);
    expect(ofDay.find((p) => p.id === loser.id)!.status).toBe('preview');
    expect(await t.database.db.select().from(plannedVisits).where(eq(plannedVisits.planId, loser.id))).toEqual([]);
    for (const o of orders) expect(await historyOf(o.id, 'assign')).toHaveLength(1);
  });
  it('two plans of a day that change no order, applied at once: as one after the other, so the day keeps one applied plan', async () => {
    // A provider with a technician and no orders: its plans assign nothing, so neither finds the other stale.
    const quiet = await ok(await t.post('/providers', { code: 'RP2', name: '空闲网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880010', serviceArea: { regions: [tianhe] } }));
    await ok(await t.post('/technicians', { providerId: quiet.id, name: '丙师傅', phone: uniquePhone(), homeLat: 23.13, homeLng: 113.32, shifts: everyDay }));
    const day = '2026-06-05';
    for (let r = 0; r < rounds; r++) {
      const plans = [await ok(await t.post('/dispatch/plans', { providerId: quiet.id, date: day })), await ok(await t.post('/dispatch/plans', { providerId: quiet.id, date: day }))];
      const answers = await together(t.post(`/dispatch/plans/${plans[0].id}/apply`, {}, dispatchers[0].headers), t.post(`/dispatch/plans/${plans[1].id}/apply`, {}, dispatchers[1].headers));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const ofDay = await t.database.db.select().from(dayPlans).where(and(eq(dayPlans.providerId, quiet.id), eq(dayPlans.date, day), eq(dayPlans.status, 'applied')));
      expect(ofDay).toHaveLength(1);
    }
  });
});

describe(`intake refusals while what intake checks changes, on ${engine}`, () => {
  // The intake statement checks each entry in its own snapshot and answers which check failed: a
  // refusal names its field even when the fact has changed back by the time the caller is answered.
  it("intakes for a unit passed back and forth between owners: each opened for its owner, or refused naming unitId", async () => {
    const customer = async (street: string) => ok(await t.post('/customers', { name: '客户', phones: [{ phone: uniquePhone() }], addresses: [{ ...tianhe, street, isDefault: true }] }));
    const [a, b] = [await customer('甲路 1 号'), await customer('乙路 2 号')];
    let unit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: a.id, serials: [{ role: 'indoor', serial: `HAND${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }));
    const transfers = 6; // a → b → a …: ends with a
    const handOver = async () => {
      for (let i = 0; i < transfers; i++) unit = await ok(await t.post(`/units/${unit.id}/transfer`, { version: unit.version, toCustomerId: [b, a][i % 2].id, onDate: '2026-06-01', reason: '转手' }), 200);
    };
    // Lanes of intakes one after another, so statements fall between and across the transfers.
    const lane = async (n: number) => {
      const answers: { status: number; body: any }[] = [];
      for (let i = 0; i < 10; i++) answers.push(await t.post('/work-orders', { kind: 'repair', customerId: a.id, unitId: unit.id, symptom: `转手 ${n}-${i}` }, agent.headers));
      return answers;
    };
    const [, ...lanes] = await Promise.all([handOver(), lane(1), lane(2), lane(3), lane(4)]);
    const answers = lanes.flat();
    for (const res of answers) if (res.status !== 201) expect([res.status, res.body.error.details?.[0]?.path], JSON.stringify(res.body)).toEqual([400, 'unitId']);
    const opened = answers.filter((res) => res.status === 201).map((res) => res.body);
    expect(opened.every((o) => o.customerId === a.id && o.unitId === unit.id)).toBe(true);
    const stored = await t.database.db.execute(sql`select count(*)::int as n from work_orders where unit_id = ${unit.id}`);
    expect((stored as unknown as { rows: { n: number }[] }).rows[0].n).toBe(opened.length);
    // The unit is a's again: b's intake is refused with its reason, a's opens.
    const refused = await t.post('/work-orders', { kind: 'repair', customerId: b.id, unitId: unit.id, symptom: '转手之后' }, agent.headers);
    expect([refused.status, refused.body.error.details[0].path]).toEqual([400, 'unitId']);
    await ok(await t.post('/work-orders', { kind: 'repair', customerId: a.id, unitId: unit.id, symptom: '转手之后' }, agent.headers));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { solve } from './solver/solve.js';
import * as repo from './dispatch.repo.js';
import { engine, manualClock, systemCaller, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';

// Guangzhou, Tianhe district: the customers; the technicians live nearby.
const clock = manualClock(new Date('2026-06-01T02:00:00Z')); // Monday 10:00 in Shanghai
const D = '2026-06-02';
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
const tianhe = { province: '广东省', city: '广州市', district: '天河区' };

let t: TestApp;
let w: {
  categoryId: string; modelId: string; courseId: string;
  p1: string; p2: string; p3: string;
  certified: string; uncertified: string; far: string;
};

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function customerAt(lat: number, lng: number, where = tianhe, postalCode?: string) {
  const c = await ok(await t.post('/customers', { name: '客户', phones: [{ phone: uniquePhone() }], addresses: [{ ...where, street: '路 1 号', lat, lng, postalCode, isDefault: true }] }));
  const unit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: c.id, serials: [{ role: 'indoor', serial: `DSP${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }));
  return { customerId: c.id, unitId: unit.id };
}

async function order(lat: number, lng: number, extra: Record<string, unknown> = {}, where = tianhe) {
  const c = await customerAt(lat, lng, where);
  return ok(await t.post('/work-orders', { kind: 'installation', ...c, symptom: '安装', accept: true, ...extra }));
}

async function dispatched(lat: number, lng: number, extra: Record<string, unknown> = {}) {
  const o = await order(lat, lng, extra);
  return ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.p1 }), 200);
}

beforeAll(async () => {
  t = await testApp({ clock });
  const cat = await ok(await t.post('/catalog/categories', { code: 'DAC', nameZh: '空调', nameEn: 'AC', requiredCertification: 'AC-INSTALL' }));
  const other = await ok(await t.post('/catalog/categories', { code: 'DWASH', nameZh: '洗衣机', nameEn: 'Washer' }));
  const model = await ok(await t.post('/catalog/models', { categoryId: cat.id, code: 'DAC-1', nameZh: '空调', nameEn: 'AC', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005, standardMinutes: { installation: 90, repair: 60 } }));
  const course = await ok(await t.post('/training/courses', { code: 'DAC-COURSE', categoryId: cat.id, certificationCode: 'AC-INSTALL', titleZh: '空调安装', titleEn: 'AC installation' }));
  const provider = (code: string, body: Record<string, unknown>) => ok(t.post('/providers', { code, name: code, kind: 'contractor', contactName: '经理', contactPhone: '02088880000', ...body }) as never);
  // P1 serves Tianhe for ACs; P2 a polygon in Haizhu for ACs; P3 Tianhe too, but only washers.
  const p1 = await ok(await t.post('/providers', { code: 'DP1', name: '天河网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880001', categoryIds: [cat.id], serviceArea: { regions: [tianhe] }, capacity: 100 }));
  const p2 = await ok(await t.post('/providers', { code: 'DP2', name: '海珠网点', kind: 'branch', contactName: '经理', contactPhone: '02088880002', categoryIds: [cat.id], serviceArea: { polygons: [[[113.25, 23.05], [113.35, 23.05], [113.35, 23.11], [113.25, 23.11]]] } }));
  const p3 = await ok(await t.post('/providers', { code: 'DP3', name: '洗衣机网点', kind: 'agent', contactName: '经理', contactPhone: '02088880003', categoryIds: [other.id], serviceArea: { regions: [tianhe] } }));
  void provider;
  const tech = (providerId: string, name: string, lat: number, lng: number) =>
    t.post('/technicians', { providerId, name, phone: uniquePhone(), skills: ['DAC'], homeLat: lat, homeLng: lng, shifts: everyDay, maxJobsPerDay: 12 }).then((r) => ok(r));
  // The uncertified one lives right among the customers: the optimizer would love to use him.
  const certified = await tech(p1.id, '持证师傅', 23.12, 113.3);
  const uncertified = await tech(p1.id, '无证师傅', 23.135, 113.325);
  const far = await tech(p2.id, '海珠师傅', 23.08, 113.3);
  await ok(await t.post('/certifications', { technicianId: certified.id, courseId: course.id, reason: '厂家认证' }));
  await ok(await t.post('/certifications', { technicianId: far.id, courseId: course.id, reason: '厂家认证' }));
  w = { categoryId: cat.id, modelId: model.id, courseId: course.id, p1: p1.id, p2: p2.id, p3: p3.id, certified: certified.id, uncertified: uncertified.id, far: far.id };
});
afterAll(() => t.close());

describe(`dispatching on ${engine}`, () => {
  it('routes an order to the provider that serves its area and category, and says why the others cannot', async () => {
    const inTianhe = await order(23.13, 113.32);
    const verdicts = (await t.get(`/work-orders/${inTianhe.id}/provider-suggestions`)).body.items;
    expect(verdicts[0]).toMatchObject({ providerId: w.p1, eligible: true, coveredBy: 'region', certifiedTechnicians: 1 });
    expect(verdicts.find((v: any) => v.providerId === w.p3).reasons.map((r: any) => r.code)).toEqual(['category', 'certification']);
    expect(verdicts.find((v: any) => v.providerId === w.p2).reasons.map((r: any) => r.code)).toEqual(['area']);
    const routed = await t.post(`/work-orders/${inTianhe.id}/auto-dispatch`, { version: inTianhe.version });
    expect(routed.body).toMatchObject({ status: 'dispatched', providerId: w.p1 });
    const history = (await t.get(`/work-orders/${inTianhe.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'dispatch', reason: expect.stringContaining('Automatic: DP1 serves this region') });

    const inHaizhu = await order(23.08, 113.3, {}, { province: '广东省', city: '广州市', district: '海珠区' });
    expect((await t.post(`/work-orders/${inHaizhu.id}/auto-dispatch`, { version: inHaizhu.version })).body.providerId).toBe(w.p2);

    const nowhere = await order(39.9, 116.4, {}, { province: '北京市', city: '北京市', district: '东城区' });
    const none = await t.post(`/work-orders/${nowhere.id}/auto-dispatch`, { version: nowhere.version });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('no_provider');
    expect((await t.get(`/work-orders/${nowhere.id}`)).body.status).toBe('awaiting_dispatch');
  });

  it('lets a dispatcher override the automatic choice only with a reason, kept on the history', async () => {
    const o = await order(23.13, 113.32);
    const bare = await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.p3 });
    expect(bare.status).toBe(422);
    expect(bare.body.error).toMatchObject({ code: 'override_needs_reason' });
    expect(bare.body.error.details[0]).toMatchObject({ path: 'reason', code: 'override' });
    expect(bare.body.error.message).toContain('DP1');
    const withReason = await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.p3, reason: '客户指定该网点' });
    expect(withReason.body.providerId).toBe(w.p3);
    expect((await t.get(`/work-orders/${o.id}/history`)).body.items.at(-1).reason).toBe('客户指定该网点');
  });

  it('ranks technicians for one order and never offers the uncertified one, saying why', async () => {
    const o = await dispatched(23.134, 113.324);
    const res = await t.get(`/work-orders/${o.id}/technician-suggestions?date=${D}`);
    expect(res.status).toBe(200);
    expect(res.body.ranked.map((r: any) => r.technicianId)).toEqual([w.certified]);
    expect(res.body.ranked[0]).toMatchObject({ rank: 1, position: 0 });
    expect(res.body.excluded).toEqual([{ technicianId: w.uncertified, name: '无证师傅', nameEn: null, reason: expect.objectContaining({ code: 'certification_missing', zh: expect.stringContaining('AC-INSTALL') }) }]);
  });

  it('plans the day as a preview, respecting a booked appointment and the certification rule, then applies it in one step', async () => {
    // A booked visit at 14:00–16:00 with the certified technician, and four unbooked orders.
    const booked = await dispatched(23.125, 113.31);
    const assigned = await ok(await t.post(`/work-orders/${booked.id}/assign`, { version: booked.version, technicianId: w.certified }), 200);
    await ok(await t.post(`/work-orders/${booked.id}/book`, { version: assigned.version, from: `${D}T14:00:00+08:00`, to: `${D}T16:00:00+08:00` }), 200);
    const free = [];
    for (const [lat, lng] of [[23.13, 113.33], [23.14, 113.34], [23.12, 113.31], [23.135, 113.32]]) free.push(await dispatched(lat, lng, { kind: 'repair' }));

    const preview = await t.post('/dispatch/plans', { providerId: w.p1, date: D });
    expect(preview.status).toBe(201);
    expect(preview.body.status).toBe('preview');
    const stops = preview.body.stops as any[];
    // Every planned visit goes to the certified technician; none to the uncertified one.
    expect(new Set(stops.map((s) => s.technicianId))).toEqual(new Set([w.certified]));
    const fixed = stops.find((s) => s.orderId === booked.id);
    expect(fixed.fixed).toBe(true);
    expect(Date.parse(fixed.start)).toBeGreaterThanOrEqual(Date.parse(`${D}T14:00:00+08:00`));
    expect(Date.parse(fixed.start)).toBeLessThanOrEqual(Date.parse(`${D}T16:00:00+08:00`));
    expect(preview.body.unplanned).toEqual([]);
    for (const o of free) expect(stops.map((s) => s.orderId)).toContain(o.id);
    // The preview changed nothing.
    for (const o of free) expect((await t.get(`/work-orders/${o.id}`)).body).toMatchObject({ status: 'dispatched', technicianId: null });

    const applied = await t.post(`/dispatch/plans/${preview.body.id}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('applied');
    for (const o of free) {
      expect((await t.get(`/work-orders/${o.id}`)).body).toMatchObject({ status: 'assigned', technicianId: w.certified });
      expect((await t.get(`/work-orders/${o.id}/history`)).body.items.at(-1)).toMatchObject({ action: 'assign', reason: expect.stringContaining(`Plan of the day ${D}`) });
    }
    expect((await t.post(`/dispatch/plans/${preview.body.id}/apply`)).status).toBe(409);

    // The technician sees the day in the planned order.
    const techUser = await tokenFor(t.services, 'technician', 'plan-tech', { providerId: w.p1, technicianId: w.certified });
    const visits = await t.get(`/dispatch/visits?date=${D}`, techUser.headers);
    expect(visits.body.visits.map((v: any) => v.orderId)).toEqual([...stops].sort((a, b) => a.sequence - b.sequence).map((s) => s.orderId));
  });

  it('refuses to apply a plan when an order changed after the preview, and applies nothing', async () => {
    const a = await dispatched(23.131, 113.321);
    const b = await dispatched(23.132, 113.322);
    const preview = (await t.post('/dispatch/plans', { providerId: w.p1, date: '2026-06-03' })).body;
    expect(preview.stops.map((s: any) => s.orderId)).toEqual(expect.arrayContaining([a.id, b.id]));
    // The orders the applied plan of the 2nd put on that day stay there.
    const onTheSecond = (await t.get(`/dispatch/visits?technicianId=${w.certified}&date=${D}`)).body.visits.map((v: any) => v.orderId);
    expect(onTheSecond.length).toBeGreaterThan(0);
    expect(preview.stops.filter((s: any) => onTheSecond.includes(s.orderId))).toEqual([]);
    await ok(await t.post(`/work-orders/${b.id}/hold`, { version: b.version, reason: 'waiting_for_customer' }), 200);
    const stale = await t.post(`/dispatch/plans/${preview.id}/apply`);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'plan_stale', details: { orders: [b.id] } });
    expect((await t.get(`/work-orders/${a.id}`)).body).toMatchObject({ status: 'dispatched', technicianId: null });
    expect((await t.get(`/dispatch/plans/${preview.id}`)).body.status).toBe('preview');
    await ok(await t.post(`/work-orders/${b.id}/resume`, { version: b.version + 1 }), 200);
  });

  it('leaves orders out of the plan when only uncertified technicians work, and says why', async () => {
    const day = '2026-06-05';
    const o = await dispatched(23.133, 113.323, { wishedFrom: `${day}T08:00:00+08:00`, wishedTo: `${day}T18:00:00+08:00` });
    await ok(await t.post(`/technicians/${w.certified}/absences`, { from: `${day}T00:00:00+08:00`, to: `${day}T23:59:00+08:00`, reason: '年假' }));
    const preview = (await t.post('/dispatch/plans', { providerId: w.p1, date: day })).body;
    expect(preview.stops.filter((s: any) => s.technicianId === w.uncertified)).toEqual([]);
    const out = preview.unplanned.find((u: any) => u.orderId === o.id);
    expect(out).toMatchObject({ code: 'certification', en: expect.stringContaining('valid AC-INSTALL certification'), zh: expect.stringContaining('AC-INSTALL') });
  });

  it("offers only the windows the technicians' days can keep", async () => {
    // Day 2026-06-06: the certified technician is away from 13:00; the uncertified one does not count.
    const day = '2026-06-06';
    await ok(await t.post(`/technicians/${w.certified}/absences`, { from: `${day}T13:00:00+08:00`, to: `${day}T20:00:00+08:00`, reason: '培训' }));
    const res = await t.post('/dispatch/slots', { modelId: w.modelId, kind: 'installation', address: { ...tianhe, lat: 23.13, lng: 113.32 }, from: day, days: 1 });
    expect(res.status).toBe(200);
    expect(res.body.providerId).toBe(w.p1);
    const byStart = Object.fromEntries(res.body.slots.map((s: any) => [new Date(s.from).toISOString().slice(11, 16), s.available]));
    // 08:00 and 10:00 (Shanghai) fit a 90-minute job before 13:00; nothing in the afternoon.
    expect(byStart).toEqual({ '00:00': true, '02:00': true, '04:00': false, '06:00': false, '08:00': false });

    // Fill the technician's day to its maximum with booked visits: nothing is offered that day.
    const full = '2026-06-07';
    const tech = (await t.get(`/technicians/${w.certified}`)).body;
    await ok(await t.patch(`/technicians/${w.certified}`, { version: tech.version, maxJobsPerDay: 2 }), 200);
    for (let k = 0; k < 2; k++) {
      const o = await dispatched(23.13 + k * 0.001, 113.32);
      const a = await ok(await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.certified }), 200);
      // Two hours apart: a 90-minute visit and the travel fit between them (bookings must hold).
      const hour = String(8 + 2 * k).padStart(2, '0');
      await ok(await t.post(`/work-orders/${o.id}/book`, { version: a.version, from: `${full}T${hour}:00:00+08:00`, to: `${full}T${hour}:30:00+08:00` }), 200);
    }
    const none = await t.post('/dispatch/slots', { providerId: w.p1, modelId: w.modelId, kind: 'installation', address: { ...tianhe, lat: 23.13, lng: 113.32 }, from: full, days: 1 });
    expect(none.body.slots.every((s: any) => !s.available)).toBe(true);
    expect(none.body.slots).toHaveLength(5);
  });

  it('answers "no one" when nobody works that day, for suggestions and slots alike', async () => {
    const day = '2026-06-08';
    for (const id of [w.certified, w.uncertified]) await ok(await t.post(`/technicians/${id}/absences`, { from: `${day}T00:00:00+08:00`, to: `${day}T23:59:00+08:00`, reason: '团建' }));
    const o = await dispatched(23.13, 113.32);
    const res = await t.get(`/work-orders/${o.id}/technician-suggestions?date=${day}`);
    expect(res.status).toBe(200);
    expect(res.body.ranked).toEqual([]);
    expect(res.body.excluded.map((e: any) => e.reason.code).sort()).toEqual(['certification_missing', 'not_working']);
    const slots = await t.post('/dispatch/slots', { providerId: w.p1, address: { ...tianhe, lat: 23.13, lng: 113.32 }, from: day, days: 1 });
    expect(slots.body.slots.length).toBeGreaterThan(0);
    expect(slots.body.slots.every((x: any) => !x.available)).toBe(true);
  });

  it("plans each provider's next day overnight: one job per provider with open orders, one plan whoever runs it", async () => {
    await dispatched(23.13, 113.33, { kind: 'repair' });
    const queued = await t.services.dispatch.queueOvernightPlans();
    const result = await t.database.db.execute(sql`select data, singleton_key from pgboss.job where name = 'dispatch.overnight_plan'`);
    const jobs = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { data: { providerId: string; date: string }; singleton_key: string }[];
    expect(jobs).toHaveLength(queued);
    expect(new Set(jobs.map((j) => j.data.providerId)).size).toBe(queued);
    expect(jobs).toContainEqual({ data: { providerId: w.p1, date: D }, singleton_key: `${w.p1}:${D}` });
    // Two copies running the same job at once (a retry after a copy died): one plan is kept.
    const made = await Promise.all([t.services.dispatch.planOvernight(w.p1, D), t.services.dispatch.planOvernight(w.p1, D)]);
    expect(made.filter(Boolean)).toHaveLength(1);
    expect(await t.services.dispatch.planOvernight(w.p1, D)).toBeNull();
    const plan = (await repo.overnightPlan(t.database.db, w.p1, D))!;
    expect(plan.status).toBe('preview');
    expect(plan.result.summary.planned).toBeGreaterThan(0);
    // A dispatcher applies it like any preview.
    expect((await t.get(`/dispatch/plans/${plan.id}`)).body.status).toBe('preview');
  });
});

describe(`the console's dispatch views on ${engine}`, () => {
  const day = '2026-06-09';
  const at = (hhmm: string) => `${day}T${hhmm}:00+08:00`;

  it("shows a provider's day on the board: technicians, orders with places and windows, visits in order; the applied plan's times after planning", async () => {
    const booked = await dispatched(23.126, 113.311);
    const a = await ok(await t.post(`/work-orders/${booked.id}/assign`, { version: booked.version, technicianId: w.certified }), 200);
    await ok(await t.post(`/work-orders/${booked.id}/book`, { version: a.version, from: at('09:00'), to: at('11:00') }), 200);
    // Urgent: the earlier tests left unbooked orders that touch every day; this one goes first.
    const free = await dispatched(23.136, 113.326, { wishedFrom: at('13:00'), wishedTo: at('18:00'), priority: 'urgent' });
    const tech = (await t.get(`/technicians/${w.certified}`)).body;
    await ok(await t.patch(`/technicians/${w.certified}`, { version: tech.version, maxJobsPerDay: 12 }), 200);

    const before = await t.get(`/dispatch/board?providerId=${w.p1}&date=${day}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ providerId: w.p1, date: day, timeZone: 'Asia/Shanghai', dayStart: '2026-06-08T16:00:00.000Z', appliedPlanId: null });
    expect(before.body.technicians.map((x: any) => x.name).sort()).toEqual(['持证师傅', '无证师傅']);
    const certified = before.body.technicians.find((x: any) => x.id === w.certified);
    expect(certified).toMatchObject({ home: [113.3, 23.12], certifications: ['AC-INSTALL'], shifts: [{ from: '2026-06-09T00:00:00.000Z', to: '2026-06-09T10:00:00.000Z' }] });
    expect(before.body.orders.find((o: any) => o.id === booked.id)).toMatchObject({ status: 'booked', technicianId: w.certified, location: [113.311, 23.126], windowKind: 'appointment', windowFrom: '2026-06-09T01:00:00.000Z', serviceMinutes: 90 });
    expect(before.body.orders.find((o: any) => o.id === free.id)).toMatchObject({ status: 'dispatched', technicianId: null, windowKind: 'wish', windowFrom: '2026-06-09T05:00:00.000Z', windowTo: '2026-06-09T10:00:00.000Z' });
    // The booked visit starts at its appointment, with the travel from home estimated; the free order has no visit yet.
    const visit = before.body.visits.find((v: any) => v.orderId === booked.id);
    expect(visit).toMatchObject({ technicianId: w.certified, sequence: 1, start: '2026-06-09T01:00:00.000Z', end: '2026-06-09T02:30:00.000Z', timing: 'appointment' });
    expect(visit.travelSeconds).toBeGreaterThan(60);
    expect(before.body.visits.find((v: any) => v.orderId === free.id)).toBeUndefined();

    const plan = (await t.post('/dispatch/plans', { providerId: w.p1, date: day })).body;
    await ok(await t.post(`/dispatch/plans/${plan.id}/apply`), 200);
    const after = (await t.get(`/dispatch/board?providerId=${w.p1}&date=${day}`)).body;
    expect(after.appliedPlanId).toBe(plan.id);
    const planned = (plan.stops as any[]).map((s) => ({ orderId: s.orderId, technicianId: s.technicianId, start: new Date(s.start).toISOString(), timing: 'plan' }));
    expect(after.visits.map((v: any) => ({ orderId: v.orderId, technicianId: v.technicianId, start: v.start, timing: v.timing }))).toEqual(expect.arrayContaining(planned));
    expect(after.visits.find((v: any) => v.orderId === free.id)).toMatchObject({ technicianId: w.certified, timing: 'plan' });
  });

  it("keeps the board to those who plan, and a provider's admin to their own provider", async () => {
    const other = await tokenFor(t.services, 'provider_admin', 'board-p2', { providerId: w.p2 });
    expect((await t.get(`/dispatch/board?providerId=${w.p1}&date=${day}`, other.headers)).status).toBe(404);
    expect((await t.get(`/dispatch/board?providerId=${w.p2}&date=${day}`, other.headers)).status).toBe(200);
    const agent = await tokenFor(t.services, 'agent', 'board-agent');
    expect((await t.get(`/dispatch/board?providerId=${w.p1}&date=${day}`, agent.headers)).status).toBe(403);
    const bad = await t.get(`/dispatch/board?providerId=${w.p1}&date=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('date');
  });

  it("offers the windows an assigned order can be booked into on its technician's day, to whoever books it", async () => {
    const slotDay = '2026-06-10';
    await ok(await t.post(`/technicians/${w.certified}/absences`, { from: `${slotDay}T13:00:00+08:00`, to: `${slotDay}T20:00:00+08:00`, reason: '培训' }));
    const o = await dispatched(23.13, 113.32);
    const assigned = await ok(await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.certified }), 200);
    const tech = await tokenFor(t.services, 'technician', 'slots-tech', { providerId: w.p1, technicianId: w.certified });
    const res = await t.get(`/work-orders/${o.id}/slots?from=${slotDay}&days=1`, tech.headers);
    expect(res.status).toBe(200);
    const byStart = Object.fromEntries(res.body.slots.map((s: any) => [s.from.slice(11, 16), s.available]));
    // Only the certified technician's morning: the uncertified colleague's free afternoon is not offered.
    expect(byStart).toEqual({ '00:00': true, '02:00': true, '04:00': false, '06:00': false, '08:00': false });
    expect(res.body.slots.filter((s: any) => s.available).every((s: any) => s.technicians === 1)).toBe(true);
    // The order's own booking does not take its own place.
    await ok(await t.post(`/work-orders/${o.id}/book`, { version: assigned.version, from: `${slotDay}T08:00:00+08:00`, to: `${slotDay}T10:00:00+08:00` }), 200);
    expect((await t.get(`/work-orders/${o.id}/slots?from=${slotDay}&days=1`, tech.headers)).body.slots[0].available).toBe(true);
    const followUp = await tokenFor(t.services, 'follow_up', 'slots-follow');
    expect((await t.get(`/work-orders/${o.id}/slots?from=${slotDay}`, followUp.headers)).status).toBe(403);
    const bad = await t.get(`/work-orders/${o.id}/slots?days=40`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('days');
  });

  it("tells the customer who comes and when: the technician's name and the booked window", async () => {
    const c = await customerAt(23.13, 113.32);
    let o = await ok(await t.post('/work-orders', { kind: 'repair', ...c, symptom: '不制冷', accept: true }));
    o = await ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.p1 }), 200);
    const link = await t.services.access.customerLink(systemCaller, c.customerId, 600);
    const redeemed = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
    const cookie = (redeemed.headers.get('set-cookie') ?? '').split(';')[0];
    const asCustomer = async (path: string) => {
      const r = await t.app.request(path, { headers: { cookie } });
      return { status: r.status, body: (await r.json()) as any };
    };
    expect((await asCustomer(`/work-orders/${o.id}/visit`)).body).toEqual({ orderId: o.id, technicianName: null, appointmentFrom: null, appointmentTo: null, plannedStart: null });
    o = await ok(await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: w.certified }), 200);
    await ok(await t.post(`/work-orders/${o.id}/book`, { version: o.version, from: '2026-06-11T09:00:00+08:00', to: '2026-06-11T11:00:00+08:00' }), 200);
    expect((await asCustomer(`/work-orders/${o.id}/visit`)).body).toEqual({ orderId: o.id, technicianName: '持证师傅', appointmentFrom: '2026-06-11T01:00:00.000Z', appointmentTo: '2026-06-11T03:00:00.000Z', plannedStart: null });
    // Another customer's order is not there at all.
    const stranger = await dispatched(23.13, 113.32);
    expect((await asCustomer(`/work-orders/${stranger.id}/visit`)).status).toBe(404);
  });
});


describe(`plans that weigh promises on ${engine}`, () => {
  // Yuexiu district, one technician at home at 23.13, 113.27 working 08:00–18:00.
  const D2 = '2026-06-03';
  const yuexiu = { province: '广东省', city: '广州市', district: '越秀区' };
  let p4: string;
  let tech: string;

  async function yuexiuOrder(lng: number, extra: Record<string, unknown>, tier = 'ordinary') {
    const customer = await ok(await t.post('/customers', { name: '客户', tier, phones: [{ phone: uniquePhone() }], addresses: [{ ...yuexiu, street: '路 2 号', lat: 23.13, lng, isDefault: true }] }));
    const unit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: customer.id, serials: [{ role: 'indoor', serial: `DSP${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }));
    const o = await ok(await t.post('/work-orders', { customerId: customer.id, unitId: unit.id, symptom: '检查', accept: true, ...extra }));
    return ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: p4 }), 200);
  }

  beforeAll(async () => {
    p4 = (await ok(await t.post('/providers', { code: 'DP4', name: '越秀网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880004', categoryIds: [w.categoryId], serviceArea: { regions: [yuexiu] } }))).id;
    tech = (await ok(await t.post('/technicians', { providerId: p4, name: '越秀师傅', phone: uniquePhone(), skills: ['DAC'], homeLat: 23.13, homeLng: 113.27, shifts: everyDay, maxJobsPerDay: 12 }))).id;
    await ok(await t.post('/certifications', { technicianId: tech, courseId: w.courseId, reason: '厂家认证' }));
    // Inspections promise an on-site visit within 2,850 minutes round the clock: D2 09:30 for orders taken now.
    const cal = await ok(await t.post('/calendars', { code: 'DSP-24x7', nameZh: '全天候', nameEn: 'Round the clock', timeZone: 'Asia/Shanghai', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) }));
    await ok(await t.post('/promise-policies', { code: 'DSP-INSPECT', nameZh: '检查上门', nameEn: 'Inspection visits', orderKind: 'inspection', calendarId: cal.id, targets: { on_site: { customerMinutes: 2850 } } }));
  });

  it('keeps a promise that a plan without promises breaks, and says which promises it keeps and breaks, by how much', async () => {
    // West of home: B (wished 08:00–09:00, 1 km) and C (2 km); east: A (5 km), promised by 09:30.
    // Least driving is B, C, then A at about 10:20; keeping A's promise means B, A, then C.
    const b = await yuexiuOrder(113.2602, { kind: 'repair', wishedFrom: `${D2}T08:00:00+08:00`, wishedTo: `${D2}T09:00:00+08:00` });
    const c = await yuexiuOrder(113.2505, { kind: 'repair' }, 'platinum');
    const a = await yuexiuOrder(113.319, { kind: 'inspection' });
    const due = Date.parse(`${D2}T09:30:00+08:00`);

    // The same day, its promises taken out: the optimizer goes for least driving and A is late.
    const day = await t.services.dispatch.dayProblem(p4, D2);
    const jobOfA = [...day.orderOfJob].find(([, o]) => o.id === a.id)![0];
    expect(day.problem.jobs!.find((j) => j.id === jobOfA)).toMatchObject({ deadline: (due - day.dayStart) / 1000, late_cost_per_minute: expect.any(Number), priority: 10 });
    // A platinum customer's normal order weighs more than an ordinary one's (tiers ranked ordinary, silver, gold, platinum).
    const jobOfC = [...day.orderOfJob].find(([, o]) => o.id === c.id)![0];
    expect(day.problem.jobs!.find((j) => j.id === jobOfC)).toMatchObject({ priority: 19 });
    expect(day.problem.jobs!.find((j) => j.id === jobOfC)!.deadline).toBeUndefined();
    const blind = solve({ ...day.problem, jobs: day.problem.jobs!.map(({ deadline, late_cost_per_minute, ...j }) => j) }, { objective: 'travel', iterations: 2000 });
    const blindStep = blind.routes[0].steps.find((s) => s.id === jobOfA)!;
    expect(day.dayStart + (blindStep.arrival + blindStep.waiting_time) * 1000).toBeGreaterThan(due);

    const plan = await ok(await t.post('/dispatch/plans', { providerId: p4, date: D2 }));
    const order = [...plan.stops].sort((x: any, y: any) => x.sequence - y.sequence).map((s: any) => s.orderId);
    expect(order).toEqual([b.id, a.id, c.id]);
    const start = Date.parse(plan.stops.find((s: any) => s.orderId === a.id).start);
    expect(start).toBeLessThanOrEqual(due);
    expect(plan.promises).toEqual([{ orderId: a.id, dueAt: new Date(due).toISOString(), start: new Date(start).toISOString(), outcome: 'kept', minutes: Math.floor((due - start) / 60_000) }]);
    expect(plan.summary).toMatchObject({ promisesKept: 1, promisesBroken: 0 });

    // A second inspection far east cannot be reached by 09:30 as well: the plan says it breaks that promise, and by how much.
    const late = await yuexiuOrder(113.33, { kind: 'inspection' });
    const again = await ok(await t.post('/dispatch/plans', { providerId: p4, date: D2 }));
    const broken = again.promises.find((p: any) => p.orderId === late.id);
    const lateStart = Date.parse(again.stops.find((s: any) => s.orderId === late.id).start);
    expect(broken).toEqual({ orderId: late.id, dueAt: new Date(due).toISOString(), start: new Date(lateStart).toISOString(), outcome: 'broken', minutes: Math.ceil((lateStart - due) / 60_000) });
    expect(broken.minutes).toBeGreaterThan(0);
    expect(again.summary).toMatchObject({ promisesKept: 1, promisesBroken: 1 });
  });

  it('plans in the background: answers at once, shows its best plan so far, and stops when asked, from any caller', async () => {
    const started = await t.post('/dispatch/plans', { providerId: p4, date: D2, background: true });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'planning', stops: [], stopRequested: false, progress: { planned: 0, orders: 4 } });
    const stopped = await ok(await t.post(`/dispatch/plans/${started.body.id}/stop`), 200);
    expect(stopped.stopRequested).toBe(true);
    let plan = stopped;
    for (let i = 0; i < 600 && plan.status === 'planning'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      plan = (await t.get(`/dispatch/plans/${started.body.id}`)).body;
    }
    expect(plan.status).toBe('preview');
    expect(plan.stops.length).toBe(4);
    expect(plan.progress).toMatchObject({ planned: 4, orders: 4 });
    expect(plan.stopRequested).toBe(true);
    const late = await t.post(`/dispatch/plans/${started.body.id}/stop`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('plan_not_planning');
    // Applying it works as for any preview.
    expect((await t.post(`/dispatch/plans/${plan.id}/apply`)).status).toBe(200);
  });

  it('gives up on a plan whose server copy went quiet: two minutes without progress and it has failed', async () => {
    // A plan row as a server copy leaves it when it dies while planning: last heard from now.
    const summary = { orders: 0, planned: 0, technicians: 0, travelSeconds: 0, distanceMetres: 0, computeMs: 0 };
    const progress = { elapsedMs: 1000, limitMs: 20_000, orders: 0, planned: 0, priority: 0, travelSeconds: 0, latenessCost: 0, updatedAt: clock.now().toISOString() };
    const orphan = await repo.insertPlan(t.database.db, { id: randomUUID(), providerId: p4, date: D2, status: 'planning', input: { orders: [], technicianIds: [] }, result: { stops: [], unplanned: [], summary }, progress, createdBy: 'gone', createdAt: clock.now() });
    expect((await ok(await t.get(`/dispatch/plans/${orphan.id}`), 200)).status).toBe('planning');
    clock.advance(121_000);
    try {
      const failed = await ok(await t.get(`/dispatch/plans/${orphan.id}`), 200);
      expect(failed.status).toBe('failed');
      expect((await t.post(`/dispatch/plans/${orphan.id}/stop`)).status).toBe(409);
    } finally {
      clock.advance(-121_000);
    }
  });
});

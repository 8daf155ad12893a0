import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';

// The dispatch board's drops: an unplanned order dropped on a technician's row at a time, a visit
// moved, a refused drop (uncertified, outside the shift) changing nothing, and undo.
const clock = manualClock(new Date('2026-06-01T02:00:00Z')); // Monday 10:00 in Shanghai
const D = '2026-06-02';
const at = (hm: string) => new Date(`${D}T${hm}:00+08:00`).toISOString();
const plus = (iso: string, min: number) => new Date(Date.parse(iso) + min * 60_000).toISOString();
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
const tianhe = { province: '广东省', city: '广州市', district: '天河区' };

let t: TestApp;
let dispatcher: { headers: Record<string, string> };
let w: { modelId: string; p1: string; p2: string; certified: string; uncertified: string };

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An order dispatched to P1, nobody assigned yet: what the board's unplanned pane lists. */
async function unplanned(lat = 23.13, lng = 113.32) {
  const c = await ok(await t.post('/customers', { name: '客户', phones: [{ phone: uniquePhone() }], addresses: [{ ...tianhe, street: '路 1 号', lat, lng, isDefault: true }] }));
  const unit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: c.id, serials: [{ role: 'indoor', serial: `MOV${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }));
  const o = await ok(await t.post('/work-orders', { kind: 'installation', customerId: c.id, unitId: unit.id, symptom: '安装', accept: true }));
  return ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.p1 }), 200);
}

const move = (body: Record<string, unknown>, headers = dispatcher.headers) => t.post('/dispatch/moves', body, headers);
const history = async (id: string) => (await t.get(`/work-orders/${id}/history`)).body.items as { action: string; reason: string | null }[];

beforeAll(async () => {
  t = await testApp({ clock });
  const cat = await ok(await t.post('/catalog/categories', { code: 'MAC', nameZh: '空调', nameEn: 'AC', requiredCertification: 'MAC-INSTALL' }));
  const model = await ok(await t.post('/catalog/models', { categoryId: cat.id, code: 'MAC-1', nameZh: '空调', nameEn: 'AC', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005, standardMinutes: { installation: 90, repair: 60 } }));
  const course = await ok(await t.post('/training/courses', { code: 'MAC-COURSE', categoryId: cat.id, certificationCode: 'MAC-INSTALL', titleZh: '空调安装', titleEn: 'AC installation' }));
  const p1 = await ok(await t.post('/providers', { code: 'MP1', name: '天河网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880001', categoryIds: [cat.id], serviceArea: { regions: [tianhe] }, capacity: 100 }));
  const p2 = await ok(await t.post('/providers', { code: 'MP2', name: '另一网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880002', categoryIds: [cat.id], serviceArea: { regions: [tianhe] } }));
  const tech = (name: string) => t.post('/technicians', { providerId: p1.id, name, phone: uniquePhone(), skills: ['MAC'], homeLat: 23.12, homeLng: 113.3, shifts: everyDay, maxJobsPerDay: 12 }).then((r) => ok(r));
  const certified = await tech('持证师傅');
  const uncertified = await tech('无证师傅');
  await ok(await t.post('/certifications', { technicianId: certified.id, courseId: course.id, reason: '厂家认证' }));
  w = { modelId: model.id, p1: p1.id, p2: p2.id, certified: certified.id, uncertified: uncertified.id };
  dispatcher = await tokenFor(t.services, 'dispatcher', 'board-mover');
});
afterAll(() => t.close());

describe(`moves on the dispatch board on ${engine}`, () => {
  it("drops an unplanned order on a technician's row: assigned and booked in one step, on the board, with the steps' history rows; undo takes it back", async () => {
    const o = await unplanned();
    const moved = await ok(await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('10:00'), to: at('11:30') }), 200);
    expect(moved).toMatchObject({ orderId: o.id, status: 'booked', technicianId: w.certified, from: at('10:00'), to: at('11:30'), before: { technicianId: null, from: null, to: null } });
    const board = await ok(await t.get(`/dispatch/board?providerId=${w.p1}&date=${D}`, dispatcher.headers), 200);
    expect(board.visits.find((v: any) => v.orderId === o.id)).toMatchObject({ technicianId: w.certified, start: at('10:00'), end: at('11:30'), timing: 'appointment' });
    expect((await history(o.id)).slice(-2).map((h) => h.action)).toEqual(['assign', 'book']);

    // Undo: the inverse move, a real step of its own (the history keeps all three).
    const back = await ok(await move({ orderId: o.id, version: moved.version, technicianId: null }), 200);
    expect(back).toMatchObject({ status: 'dispatched', technicianId: null, from: null, to: null, before: { technicianId: w.certified, from: at('10:00') } });
    expect((await history(o.id)).slice(-3).map((h) => h.action)).toEqual(['assign', 'book', 'dispatch']);
    const after = await ok(await t.get(`/dispatch/board?providerId=${w.p1}&date=${D}`, dispatcher.headers), 200);
    expect(after.visits.some((v: any) => v.orderId === o.id)).toBe(false);
  });

  it('moves a booked visit to another time, and undo books the old window again', async () => {
    const o = await unplanned();
    const first = await ok(await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('13:00'), to: at('14:30') }), 200);
    const later = await ok(await move({ orderId: o.id, version: first.version, technicianId: w.certified, from: at('15:00'), to: at('16:30') }), 200);
    expect(later).toMatchObject({ status: 'booked', from: at('15:00'), before: { technicianId: w.certified, from: at('13:00'), to: at('14:30') } });
    // Same technician: only the booking moves (no reassignment on the history).
    expect((await history(o.id)).at(-1)!.action).toBe('book');
    const undone = await ok(await move({ orderId: o.id, version: later.version, technicianId: later.before.technicianId, from: later.before.from, to: later.before.to }), 200);
    expect(undone).toMatchObject({ technicianId: w.certified, from: at('13:00'), to: at('14:30') });
  });

  it('refuses a drop as the steps refuse it, saying why in both languages, and changes nothing', async () => {
    const o = await unplanned();
    const steps = (await history(o.id)).length;
    const uncertified = await move({ orderId: o.id, version: o.version, technicianId: w.uncertified, from: at('10:00'), to: at('11:30') });
    expect(uncertified.status).toBe(422);
    expect(uncertified.body.error.details[0]).toMatchObject({ path: 'technicianId', code: expect.stringContaining('certification') });
    expect(uncertified.body.error.details[0].zh).toMatch(/[\u4e00-\u9fff]/);
    // Assigning would pass, booking 19:00 does not: the assignment is not kept either.
    const late = await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('19:00'), to: at('20:30') });
    expect(late.status).toBe(422);
    expect(late.body.error.details[0]).toMatchObject({ path: 'from', code: 'outside_shift' });
    expect(late.body.error.details[0].message).toContain('持证师傅');
    const now = await ok(await t.get(`/work-orders/${o.id}`, dispatcher.headers), 200);
    expect(now).toMatchObject({ status: 'dispatched', technicianId: null, version: o.version });
    expect((await history(o.id)).length).toBe(steps);
    // A window the technician cannot reach in (busy until 09:30 elsewhere): the overlap is refused too.
    const a = await unplanned();
    const b = await unplanned(23.131, 113.321);
    await ok(await move({ orderId: a.id, version: a.version, technicianId: w.certified, from: at('08:00'), to: at('09:30') }), 200);
    const clash = await move({ orderId: b.id, version: b.version, technicianId: w.certified, from: at('08:30'), to: at('09:00') });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details[0]).toMatchObject({ path: 'from', code: 'visit_overlap' });
  });

  it('answers a stale version with 409, bad input with 400 naming the field, and another provider with 404', async () => {
    const o = await unplanned();
    const stale = await move({ orderId: o.id, version: o.version + 1, technicianId: w.certified, from: at('12:00'), to: at('13:30') });
    expect(stale.status).toBe(409);
    const half = await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('12:00') });
    expect(half.status).toBe(400);
    expect(half.body.error.details[0].path).toBe('to');
    const backwards = await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('12:00'), to: at('11:00') });
    expect(backwards.body.error.details[0].path).toBe('to');
    const badTime = await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: 'noon', to: at('13:30') });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.details[0].path).toBe('from');
    const notPlanned = await move({ orderId: o.id, version: o.version, technicianId: null });
    expect(notPlanned.status).toBe(400);
    expect(notPlanned.body.error.details[0].path).toBe('technicianId');
    const other = await tokenFor(t.services, 'provider_admin', 'mover-p2', { providerId: w.p2 });
    expect((await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('12:00'), to: at('13:30') }, other.headers)).status).toBe(404);
    const own = await tokenFor(t.services, 'provider_admin', 'mover-p1', { providerId: w.p1 });
    expect((await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('12:00'), to: at('13:30') }, own.headers)).status).toBe(200);
    const agent = await tokenFor(t.services, 'agent', 'mover-agent');
    expect((await move({ orderId: o.id, version: o.version, technicianId: w.certified }, agent.headers)).status).toBe(403);
  });

  it("lets a provider's planner take their own provider's order back to the unplanned orders, never send it to another provider", async () => {
    const own = await tokenFor(t.services, 'provider_admin', 'taker-p1', { providerId: w.p1 });
    const other = await tokenFor(t.services, 'provider_admin', 'taker-p2', { providerId: w.p2 });
    const o = await unplanned();
    const dropped = await ok(await move({ orderId: o.id, version: o.version, technicianId: w.certified, from: at('10:00'), to: at('11:30') }, own.headers), 200);
    // Another provider's planner: the order is as if it did not exist.
    expect((await move({ orderId: o.id, version: dropped.version, technicianId: null }, other.headers)).status).toBe(404);
    const back = await ok(await move({ orderId: o.id, version: dropped.version, technicianId: null }, own.headers), 200);
    expect(back).toMatchObject({ status: 'dispatched', technicianId: null, from: null, before: { technicianId: w.certified, from: at('10:00') } });
    const last = (await history(o.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'dispatch' });
    const now = await ok(await t.get(`/work-orders/${o.id}`, dispatcher.headers), 200);
    expect(now).toMatchObject({ providerId: w.p1, technicianId: null });
    // The same step to another provider is a re-dispatch: orders.dispatch only.
    const away = await t.post(`/work-orders/${o.id}/dispatch`, { version: now.version, providerId: w.p2 }, own.headers);
    expect(away.status).toBe(403);
    expect((await ok(await t.get(`/work-orders/${o.id}`, dispatcher.headers), 200)).providerId).toBe(w.p1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// Bookings that hold (issue 15, "What was seen"): `book` accepted a Sunday visit for a technician
// who works Monday–Saturday, a 03:00–04:00 visit, two orders of one technician in one window at
// the same moment, an 8-hour window; every rebooking sent another "booked" SMS. Monday 1 June 2026;
// the provider's zone is Asia/Shanghai (UTC+8).
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let tech: Record<string, string>;
let dispatcher: Record<string, string>;
let customer: { cookie: string; csrf: string };
let placeCounter = 0;

const local = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const iso = (date: string, hhmm: string) => new Date(local(date, hhmm)).toISOString();

/** An order assigned to the world's first technician, at an address `km` kilometres east of the first one. */
async function assignedOrder(km = 0, wished?: { from: string; to: string }) {
  const c = await t.post('/customers', {
    name: `客户${++placeCounter}`, phones: [{ phone: `1370000${String(placeCounter).padStart(4, '0')}` }],
    addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: `体育西路 ${placeCounter} 号`, lat: 23.13, lng: 113.32 + km / 102.4, isDefault: true }],
  });
  expect(c.status).toBe(201);
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: c.body.id, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone', wishedFrom: wished?.from, wishedTo: wished?.to })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  return s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
}

// A second between steps, so the outbox (newest first) lists the messages in the order they were written.
const book = (o: { id: string; version: number }, from: string, to: string, headers = tech, extra: Record<string, unknown> = {}) => {
  clock.advance(1000);
  return t.post(`/work-orders/${o.id}/book`, { version: o.version, from, to, ...extra }, headers);
};
const outboxOf = async (orderId: string) => (await t.get('/outbox?limit=200&reveal=true')).body.items.filter((m: any) => m.subject?.id === orderId).reverse();

async function asCustomer(method: string, path: string, body?: unknown) {
  clock.advance(1000);
  const res = await t.app.request(path, { method, headers: { 'content-type': 'application/json', cookie: customer.cookie, 'x-csrf-token': customer.csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  // The first technician works Monday to Saturday, 08:00–18:00.
  const first = (await t.get(`/technicians/${w.technicians[0].id}`)).body;
  const shifts = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
  expect((await t.patch(`/technicians/${first.id}`, { version: first.version, shifts })).status).toBe(200);
  tech = (await tokenFor(t.services, 'technician', 'booking-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  dispatcher = (await tokenFor(t.services, 'dispatcher', 'booking-dispatcher')).headers;
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 3600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  customer = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}, 120_000);
afterAll(() => t?.close());

describe(`bookings that hold (${engine})`, () => {
  it('refuses a Sunday visit for a technician who works Monday–Saturday, naming the day in both languages', async () => {
    const o = await assignedOrder();
    const res = await book(o, local('2026-06-07', '09:00'), local('2026-06-07', '11:00'));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'outside_shift', details: [{ path: 'from', code: 'outside_shift' }] });
    expect(res.body.error.details[0].message).toBe('王师傅 does not work on Sun 7 Jun');
    expect(res.body.error.details[0].zh).toBe('王师傅6月7日（周日）不上班');
    expect(await outboxOf(o.id)).toEqual([]);
  });

  it('refuses a 03:00–04:00 visit, and one that would run past the end of the shift', async () => {
    const o = await assignedOrder();
    const night = await book(o, local('2026-06-02', '03:00'), local('2026-06-02', '04:00'));
    expect(night.status).toBe(422);
    expect(night.body.error.code).toBe('outside_shift');
    expect(night.body.error.details[0].message).toContain("03:00–04:00 on Tue 2 Jun is outside 王师傅's shift (08:00–18:00)");
    expect(night.body.error.details[0].zh).toContain('不在王师傅的班次内（08:00–18:00）');
    // A 60-minute repair starting at 17:30 ends at 18:30.
    const late = await book(o, local('2026-06-02', '17:30'), local('2026-06-02', '18:00'));
    expect(late.status).toBe(422);
    expect(late.body.error.details[0].message).toContain("ends after 王师傅's shift");
    expect(await outboxOf(o.id)).toEqual([]);
  });

  it('refuses a window in an absence and a window longer than the maximum', async () => {
    expect((await t.post(`/technicians/${w.technicians[0].id}/absences`, { from: local('2026-06-03', '12:00'), to: local('2026-06-03', '18:00'), reason: '看病' })).status).toBe(201);
    const o = await assignedOrder();
    const away = await book(o, local('2026-06-03', '13:00'), local('2026-06-03', '15:00'));
    expect(away.status).toBe(422);
    expect(away.body.error).toMatchObject({ code: 'technician_absent' });
    expect(away.body.error.details[0].message).toBe('王师傅 is absent Wed 3 Jun 12:00 – Wed 3 Jun 18:00');
    // The console once booked an 8-hour "appointment" with one click.
    const long = await book(o, local('2026-06-04', '09:00'), local('2026-06-04', '17:00'));
    expect(long.status).toBe(422);
    expect(long.body.error).toMatchObject({ code: 'window_too_long' });
    expect(long.body.error.message).toContain('a visit window is at most 240 minutes; this one is 480');
    expect(long.body.error.message).toContain('预约时段最长 240 分钟');
  });

  it("refuses a second visit the technician cannot reach in time, allowing the travel between; takes one that leaves time for it", async () => {
    const date = '2026-06-04';
    const a = await assignedOrder(0);
    const booked = await book(a, local(date, '09:00'), local(date, '10:00'));
    expect(booked.status).toBe(200);
    // The same window at the same moment: once accepted twice.
    const b = await assignedOrder(10);
    const same = await book(b, local(date, '09:00'), local(date, '10:00'));
    expect(same.status).toBe(409);
    expect(same.body.error).toMatchObject({ code: 'visit_overlap', details: [{ path: 'from', otherOrderId: a.id }] });
    expect(same.body.error.details[0].message).toContain(`order ${booked.body.number} is booked 09:00–10:00 (60 minutes on site, 26 minutes' travel between)`);
    expect(same.body.error.details[0].zh).toContain(`工单 ${booked.body.number} 已约 09:00–10:00`);
    // After the first visit (60 minutes) there is not time to drive 10 km by 10:15 …
    expect((await book(b, local(date, '10:00'), local(date, '10:15'))).status).toBe(409);
    // … but by 11:00 there is.
    expect((await book(b, local(date, '10:00'), local(date, '11:00'))).status).toBe(200);
    // A visit before them, 5 km away, that would push the last one out of its window: refused, naming it.
    const c = await assignedOrder(5);
    const early = await book(c, local(date, '08:30'), local(date, '09:00'));
    expect(early.status).toBe(409);
    expect(early.body.error.details[0].otherOrderId).toBe(b.id);
  });

  it('lets a dispatcher override with a reason, recorded; a technician may not', async () => {
    const o = await assignedOrder();
    const sunday = [local('2026-06-07', '09:00'), local('2026-06-07', '11:00')] as const;
    expect((await book(o, ...sunday, tech, { overrideReason: '客户坚持周日' })).status).toBe(403);
    const res = await book(o, ...sunday, dispatcher, { overrideReason: '师傅同意周日加班 / agreed overtime' });
    expect(res.status).toBe(200);
    const history = (await t.get(`/work-orders/${o.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'book', reason: expect.stringContaining('师傅同意周日加班 / agreed overtime — override: 王师傅 does not work on Sun 7 Jun') });
  });

  it('tells the customer once per change: booked, then rescheduled, nothing when the window stays', async () => {
    let o = await assignedOrder();
    const first = await book(o, local('2026-06-05', '09:00'), local('2026-06-05', '11:00'));
    expect(first.status).toBe(200);
    o = first.body;
    const again = await book(o, local('2026-06-05', '14:00'), local('2026-06-05', '16:00'));
    expect(again.status).toBe(200);
    o = again.body;
    expect((await book(o, local('2026-06-05', '14:00'), local('2026-06-05', '16:00'))).status).toBe(200);
    const sms = await outboxOf(o.id);
    expect(sms.map((m: any) => m.template)).toEqual(['visit_booked', 'visit_rescheduled']);
    expect(sms[1].bodyZh).toContain('上门时间已改为：6月5日 14:00–16:00（原定 6月5日 09:00–11:00）');
    expect(sms[1].bodyEn).toContain('has moved to 5 Jun 14:00–16:00 (was 5 Jun 09:00–11:00)');
    // Reassigned (the window cleared), then booked again: still a change for the customer, not a new booking.
    o = (await t.post(`/work-orders/${o.id}/assign`, { version: o.version + 1, technicianId: w.technicians[1].id, reason: '换人 / another technician' })).body;
    expect(o).toMatchObject({ status: 'assigned', appointmentFrom: null });
    expect((await book(o, local('2026-06-05', '10:00'), local('2026-06-05', '12:00'), t.admin.headers)).status).toBe(200);
    const after = await outboxOf(o.id);
    expect(after.map((m: any) => m.template)).toEqual(['visit_booked', 'visit_rescheduled', 'visit_rescheduled']);
    expect(after[2].bodyEn).toContain('has moved to 5 Jun 10:00–12:00 (was 5 Jun 14:00–16:00); technician 赵师傅 will come');
  });

  it('offers only the windows the technician can keep, and says whether the wish can be kept', async () => {
    // Wished for Sunday, when the technician does not work: never to be pre-filled.
    const o = await assignedOrder(0, { from: iso('2026-06-07', '09:00'), to: iso('2026-06-07', '11:00') });
    const res = await t.get(`/work-orders/${o.id}/booking-windows?from=2026-06-06&days=3`, tech);
    expect(res.status).toBe(200);
    expect(res.body.wish).toMatchObject({ available: false, reason: { code: 'outside_shift' } });
    const byDate = (d: string) => res.body.windows.filter((x: any) => x.date === d);
    expect(byDate('2026-06-06').filter((x: any) => x.available).map((x: any) => x.from)).toEqual(['08', '10', '12', '14', '16'].map((h) => iso('2026-06-06', `${h}:00`)));
    // Laid on the shift (08:00–18:00): nothing outside it is offered, and the day off offers nothing.
    expect(byDate('2026-06-06').filter((x: any) => !x.available)).toEqual([]);
    expect(byDate('2026-06-07')).toEqual([]);
    // Every window offered is one the API keeps.
    const offered = res.body.windows.find((x: any) => x.available && x.date === '2026-06-08');
    expect((await book(o, offered.from, offered.to)).status).toBe(200);
    const after = (await t.get(`/work-orders/${o.id}/booking-windows?from=2026-06-08&days=1`, tech)).body.windows;
    expect(after.filter((x: any) => x.available).length).toBeGreaterThan(0);

    const ok = await assignedOrder(0, { from: iso('2026-06-09', '10:00'), to: iso('2026-06-09', '12:00') });
    expect((await t.get(`/work-orders/${ok.id}/booking-windows?from=2026-06-09&days=1`, dispatcher)).body.wish).toMatchObject({ available: true, reason: null });
  });

  it("lets the customer move a visit into an offered window, at most twice and not too late, or cancel it; never naming staff", async () => {
    const s = t.services.workOrders;
    let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '异响', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
    o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
    o = (await book(o, local('2026-06-10', '09:00'), local('2026-06-10', '11:00'))).body;

    const offer = await asCustomer('GET', `/work-orders/${o.id}/booking-windows?from=2026-06-11&days=1`);
    expect(offer.status).toBe(200);
    expect(JSON.stringify(offer.body)).not.toContain('王师傅');
    expect(offer.body).toMatchObject({ reschedulesLeft: 2, changeUntil: iso('2026-06-09', '09:00') });
    expect(offer.body.windows.length).toBeGreaterThan(0);

    // Not a window offered (not on the grid): refused.
    expect((await asCustomer('POST', `/work-orders/${o.id}/book`, { version: o.version, from: local('2026-06-11', '09:15'), to: local('2026-06-11', '10:15') })).body.error.code).toBe('window_not_offered');
    // An override is not the customer's.
    expect((await asCustomer('POST', `/work-orders/${o.id}/book`, { version: o.version, from: local('2026-06-07', '08:00'), to: local('2026-06-07', '10:00'), overrideReason: '我说行' })).status).toBe(403);
    const [w1, w2, w3] = offer.body.windows;
    let moved = await asCustomer('POST', `/work-orders/${o.id}/book`, { version: o.version, from: w1.from, to: w1.to });
    expect(moved.status).toBe(200);
    expect(moved.body.appointmentFrom).toBe(w1.from);
    moved = await asCustomer('POST', `/work-orders/${o.id}/book`, { version: moved.body.version, from: w2.from, to: w2.to });
    expect(moved.status).toBe(200);
    const third = await asCustomer('POST', `/work-orders/${o.id}/book`, { version: moved.body.version, from: w3.from, to: w3.to });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'too_many_reschedules', message: expect.stringContaining('已在线改约 2 次') });
    expect((await outboxOf(o.id)).map((m: any) => m.template)).toEqual(['visit_booked', 'visit_rescheduled', 'visit_rescheduled']);
    const history = (await asCustomer('GET', `/work-orders/${o.id}/history`)).body.items;
    expect(history.filter((h: any) => h.milestone === 'visit_booked').at(-1).window).toEqual({ from: w2.from, to: w2.to });

    // Within 24 hours of the visit (today 14:00): neither moved nor cancelled online.
    let soon = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '不制冷', accept: true, priority: 'normal', channel: 'phone' })).order;
    soon = await s.perform(systemCaller, soon.id, 'dispatch', { version: soon.version, providerId: w.provider.id });
    soon = await s.perform(systemCaller, soon.id, 'assign', { version: soon.version, technicianId: w.technicians[1].id });
    soon = (await t.post(`/work-orders/${soon.id}/book`, { version: soon.version, from: local('2026-06-01', '14:00'), to: local('2026-06-01', '16:00') })).body;
    const late = await asCustomer('POST', `/work-orders/${soon.id}/cancel`, { version: soon.version, reason: '不需要了' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'too_late_to_change', message: expect.stringContaining('上门前 24 小时内不能在线修改') });
    const lateMove = await asCustomer('POST', `/work-orders/${soon.id}/book`, { version: soon.version, from: w1.from, to: w1.to });
    expect(lateMove.body.error.code).toBe('too_late_to_change');
    const cancelled = await asCustomer('POST', `/work-orders/${o.id}/cancel`, { version: moved.body.version, reason: '不需要了' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('lets exactly one of two bookings racing for the same time of one technician win', async () => {
    for (const [k, date] of ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19'].entries()) {
      const a = await assignedOrder(20 + k);
      const b = await assignedOrder(30 + k);
      const answers = await Promise.all([book(a, local(date, '09:00'), local(date, '10:00')), book(b, local(date, '09:00'), local(date, '10:00'))]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.status === 409)!.body.error.code).toBe('visit_overlap');
    }
  });

  it('refuses a window that has begun or is over, in both languages; a dispatcher may take the running one with a reason, the portal never', async () => {
    // Now: Monday 1 June, 09:00 + a few seconds in Shanghai.
    const o = await assignedOrder();
    const over = await book(o, local('2026-06-01', '08:00'), local('2026-06-01', '08:30'), dispatcher, { overrideReason: '补录 / recorded afterwards' });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'window_in_past', details: [{ path: 'from', code: 'window_in_past' }] });
    expect(over.body.error.details[0].message).toMatch(/^Mon 1 Jun 08:00–08:30 is already over \(it is 09:0\d now\)/);
    expect(over.body.error.details[0].zh).toMatch(/^6月1日（周一） 08:00–08:30 已经过去（现在是 09:0\d）/);
    const running = await book(o, local('2026-06-01', '09:00'), local('2026-06-01', '11:00'));
    expect(running.status).toBe(422);
    expect(running.body.error).toMatchObject({ code: 'window_started', message: expect.stringContaining('已经开始') });
    const taken = await book(o, local('2026-06-01', '09:00'), local('2026-06-01', '11:00'), dispatcher, { overrideReason: '师傅已在路上 / already on the way' });
    expect(taken.status).toBe(200);
    expect((await t.get(`/work-orders/${o.id}/history`)).body.items.at(-1).reason).toContain('override: Mon 1 Jun 09:00–11:00 has already begun');
    // The customer: the same 422 for a running window, which only staff may override.
    const mine = await customerOrder();
    const late = await asCustomer('POST', `/work-orders/${mine.id}/book`, { version: mine.version, from: local('2026-06-01', '08:00'), to: local('2026-06-01', '10:00') });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'window_started', details: [{ path: 'from', zh: expect.stringContaining('已经开始') }] });
    // A wish already begun is not offered to fill in.
    const wishedEarlier = await assignedOrder(0, { from: iso('2026-06-01', '08:00'), to: iso('2026-06-01', '10:00') });
    expect((await t.get(`/work-orders/${wishedEarlier.id}/booking-windows?days=1`, dispatcher)).body.wish).toMatchObject({ available: false, reason: { code: 'window_started' } });
    // And the windows offered never begin before now.
    const today = (await t.get(`/work-orders/${o.id}/booking-windows?days=1`, dispatcher)).body.windows;
    expect(today.length).toBeGreaterThan(0);
    expect(today.every((x: any) => Date.parse(x.from) >= clock.now().getTime())).toBe(true);
  });

  it("refuses a visit beyond the technician's daily limit (409, naming it), offers nothing more that day, and lets a dispatcher override", async () => {
    const techId = w.technicians[0].id;
    const limit = async (n: number) => {
      const v = (await t.get(`/technicians/${techId}`)).body.version;
      expect((await t.patch(`/technicians/${techId}`, { version: v, maxJobsPerDay: n })).status).toBe(200);
    };
    await limit(2);
    const date = '2026-06-22';
    expect((await book(await assignedOrder(), local(date, '09:00'), local(date, '10:00'))).status).toBe(200);
    expect((await book(await assignedOrder(), local(date, '11:00'), local(date, '12:00'))).status).toBe(200);
    const third = await assignedOrder();
    const refused = await book(third, local(date, '14:00'), local(date, '15:00'));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'daily_limit', details: [{ path: 'from', code: 'daily_limit' }] });
    expect(refused.body.error.details[0].message).toBe('王师傅 already has 2 visits on Mon 22 Jun, at most 2 a day');
    expect(refused.body.error.details[0].zh).toBe('王师傅6月22日（周一）已有 2 个上门，每天最多 2 个');
    const offers = (await t.get(`/work-orders/${third.id}/booking-windows?from=${date}&days=2`, dispatcher)).body.windows;
    expect(offers.filter((x: any) => x.date === date).map((x: any) => x.reason?.code)).toEqual(Array(5).fill('daily_limit'));
    expect(offers.filter((x: any) => x.date === '2026-06-23').every((x: any) => x.available)).toBe(true);
    const forced = await book(third, local(date, '14:00'), local(date, '15:00'), dispatcher, { overrideReason: '客户急需 / urgent' });
    expect(forced.status).toBe(200);
    expect((await t.get(`/work-orders/${third.id}/history`)).body.items.at(-1).reason).toContain('override: 王师傅 already has 2 visits');
    // Two bookings racing for the day's last visit, at different hours: exactly one wins.
    await limit(1);
    for (const [k, day] of ['2026-06-29', '2026-06-30'].entries()) {
      const a = await assignedOrder(40 + k);
      const b = await assignedOrder(50 + k);
      const answers = await Promise.all([book(a, local(day, '09:00'), local(day, '10:00')), book(b, local(day, '15:00'), local(day, '16:00'))]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.status === 409)!.body.error.code).toBe('daily_limit');
    }
    await limit(8);
  });

  it("lays the windows offered on the technician's own shift, skipping absences for the customer and the past", async () => {
    // The second technician: 08:30–12:00 and 13:00–17:30 on weekdays.
    const techId = w.technicians[1].id;
    const v = (await t.get(`/technicians/${techId}`)).body.version;
    const shifts = [1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, start: '08:30', end: '12:00' }, { weekday, start: '13:00', end: '17:30' }]);
    expect((await t.patch(`/technicians/${techId}`, { version: v, shifts })).status).toBe(200);
    expect((await t.post(`/technicians/${techId}/absences`, { from: local('2026-06-25', '13:00'), to: local('2026-06-25', '18:00'), reason: '培训' })).status).toBe(201);
    const s = t.services.workOrders;
    let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '噪音', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
    o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: techId });
    const res = (await t.get(`/work-orders/${o.id}/booking-windows?from=2026-06-25&days=3`, dispatcher)).body;
    const of = (d: string) => res.windows.filter((x: any) => x.date === d).map((x: any) => [x.from, x.to, x.reason?.code ?? null]);
    expect(of('2026-06-25')).toEqual([
      [iso('2026-06-25', '08:30'), iso('2026-06-25', '10:30'), null],
      [iso('2026-06-25', '10:30'), iso('2026-06-25', '12:00'), null],
      [iso('2026-06-25', '13:00'), iso('2026-06-25', '15:00'), 'technician_absent'],
      [iso('2026-06-25', '15:00'), iso('2026-06-25', '17:00'), 'technician_absent'],
    ]);
    expect(of('2026-06-26').map(([from]: string[]) => from)).toEqual(['08:30', '10:30', '13:00', '15:00'].map((h) => iso('2026-06-26', h)));
    // Saturday: no shift, no window.
    expect(of('2026-06-27')).toEqual([]);
    // The customer sees only what can be kept, and may book exactly those windows (not the old 2-hour grid).
    const mine = await asCustomer('GET', `/work-orders/${o.id}/booking-windows?from=2026-06-25&days=1`);
    expect(mine.body.windows.map((x: any) => x.from)).toEqual([iso('2026-06-25', '08:30'), iso('2026-06-25', '10:30')]);
    const oldGrid = await asCustomer('POST', `/work-orders/${o.id}/book`, { version: o.version, from: local('2026-06-26', '08:00'), to: local('2026-06-26', '10:00') });
    expect(oldGrid.body.error.code).toBe('window_not_offered');
    const kept = await asCustomer('POST', `/work-orders/${o.id}/book`, { version: o.version, from: local('2026-06-26', '10:30'), to: local('2026-06-26', '12:00') });
    expect(kept.status).toBe(200);
  });
});

/** An order of the portal's customer, assigned to the first technician. */
async function customerOrder() {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '异响', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  return s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
}

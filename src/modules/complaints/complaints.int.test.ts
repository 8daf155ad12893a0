import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { cnOfficeWeek } from '../promises/index.js';

// Complaints as their own record, through the API with real users: filed by the desk about a
// provider's order and by the customer in the portal; the accused provider's admin and technician
// never see the customer's words (404, an empty list) until a manager shares a text, and then only
// that; the ladder's clocks run on the default business calendar, a breach escalates once (the
// sweep run twice moves it once), a person and the breach job at once make one escalation; a
// severity lifts it, a manager takes it down; actions (a visit books an ordinary repair order),
// contacts, compensation in fen, a resolution the customer rejects (open again) and then accepts;
// a repeat complaint within the window is flagged.
const clock = manualClock(new Date('2026-06-01T01:00:00Z')); // Monday 09:00 in Shanghai
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let agent: Record<string, string>;
let manager: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let tech: Record<string, string>;
let customer: Record<string, string>;

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);

/** An order of the world's customer, dispatched to provider A and assigned to its first technician. */
async function providerOrder() {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  return s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
}

async function portal() {
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  expect(res.status).toBe(200);
  customer = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function fileOne(severity = 'normal', words = '师傅态度恶劣，还弄脏了地板') {
  const o = await providerOrder();
  const res = await t.post('/complaints', { source: 'regulator_12315', category: 'service_attitude', severity, orderIds: [o.id], text: words }, agent);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { order: o, c: res.body };
}

beforeAll(async () => {
  t = await testApp({ clock, services: { complaintRepeatDays: 14 } });
  w = await seedWorld(t);
  await t.services.promises.createCalendar(systemCaller, { code: 'CPL', nameZh: '办公时间', nameEn: 'Office hours', timeZone: 'Asia/Shanghai', week: cnOfficeWeek, isDefault: true, days: [] });
  agent = (await tokenFor(t.services, 'agent', 'complaints-desk')).headers;
  manager = (await tokenFor(t.services, 'manager', 'complaints-manager')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'complaints-provider', { providerId: w.provider.id })).headers;
  tech = (await tokenFor(t.services, 'technician', 'complaints-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const other = await t.post('/providers', { code: 'CPL-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998877' });
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'complaints-other', { providerId: other.body.id })).headers;
});
afterAll(() => t.close());

describe(`complaints on ${engine}`, () => {
  it('files a complaint with the provider and technician taken from the order, on the desk rung with a business-hours clock', async () => {
    clock.set(new Date('2026-06-01T01:00:00Z'));
    const { order, c } = await fileOne();
    expect(c).toMatchObject({ source: 'regulator_12315', category: 'service_attitude', severity: 'normal', status: 'open', level: 'desk', orderIds: [order.id], unitIds: [w.unit.id], providerIds: [w.provider.id], technicianIds: [w.technicians[0].id], customerId: w.customer.id });
    expect(c.number).toMatch(/^CP2606-\d{6}$/);
    // 480 business minutes from Monday 09:00: 450 on Monday (09–12, 13:30–18), 30 on Tuesday.
    expect(c.dueAt).toBe('2026-06-02T01:30:00.000Z');
    expect(c.history.map((h: { action: string }) => h.action)).toEqual(['file']);
    // The clock is a job due when it runs out.
    const jobs = rowsOf<{ start_after: Date }>(await t.database.db.execute(sql`select start_after from pgboss.job where name = 'complaints.breach' and data->>'complaintId' = ${c.id}`));
    expect(jobs.map((j) => new Date(j.start_after).toISOString())).toEqual(['2026-06-02T01:30:00.000Z']);
    // A complaint is not a work order: no visit, no technician needed.
    expect((await t.get(`/work-orders?customerId=${w.customer.id}&kind=complaint`)).body.items ?? []).toHaveLength(0);
  });

  it('hides it from the accused provider and technician, and from others, until a manager shares a text; then only that text', async () => {
    const { c } = await fileOne('normal', '秘密-原话-XK27 the customer\u2019s own words');
    for (const who of [providerAdmin, otherAdmin]) {
      expect((await t.get(`/complaints/${c.id}`, who)).status).toBe(404);
      const list = await t.get('/complaints', who);
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain('XK27');
      expect(list.body.items.find((i: { id: string }) => i.id === c.id)).toBeUndefined();
    }
    expect((await t.get(`/complaints/${c.id}`, tech)).status).toBe(403);
    // Nor may they act on it.
    expect((await t.post(`/complaints/${c.id}/escalate`, { version: c.version, reason: '我来处理' }, providerAdmin)).status).toBe(403);
    // The agent may not share; a manager may.
    expect((await t.post(`/complaints/${c.id}/share`, { version: c.version, text: '顾客反映上门服务态度问题，请整改' }, agent)).status).toBe(403);
    const shared = await t.post(`/complaints/${c.id}/share`, { version: c.version, text: '顾客反映上门服务态度问题，请整改' }, manager);
    expect(shared.status).toBe(200);
    const seen = await t.get(`/complaints/${c.id}`, providerAdmin);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ shared: true, sharedText: '顾客反映上门服务态度问题，请整改' });
    expect(JSON.stringify(seen.body)).not.toContain('XK27');
    const list = await t.get('/complaints', providerAdmin);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(JSON.stringify(list.body)).not.toContain('XK27');
    // Another provider still sees nothing of it.
    expect((await t.get(`/complaints/${c.id}`, otherAdmin)).status).toBe(404);
  });

  it('escalates once per breach: the sweep run twice moves it one rung, and the next breach one more', async () => {
    clock.set(new Date('2026-06-01T01:00:00Z'));
    const { c } = await fileOne();
    clock.set(new Date('2026-06-02T01:31:00Z'));
    expect((await t.get(`/complaints?overdue=true`, agent)).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    await t.services.complaints.sweep();
    await t.services.complaints.sweep();
    expect(await t.services.complaints.breach(c.id, 'desk')).toBe(false);
    let d = (await t.get(`/complaints/${c.id}`, agent)).body;
    expect(d).toMatchObject({ level: 'supervisor', levelSince: '2026-06-02T01:31:00.000Z', overdue: false });
    // A new clock on the supervisor's rung: 480 business minutes from Tuesday 09:31.
    expect(d.dueAt).toBe('2026-06-03T02:01:00.000Z');
    expect(d.history.filter((h: { action: string }) => h.action === 'escalate')).toEqual([expect.objectContaining({ fromLevel: 'desk', toLevel: 'supervisor', actor: 'system:complaints.breach', details: expect.objectContaining({ cause: 'breach' }) })]);
    clock.set(new Date('2026-06-03T02:02:00Z'));
    expect(await t.services.complaints.breach(c.id, 'supervisor')).toBe(true);
    expect(await t.services.complaints.breach(c.id, 'supervisor')).toBe(false);
    d = (await t.get(`/complaints/${c.id}`, agent)).body;
    expect(d.level).toBe('manager');
    expect(d.history.filter((h: { action: string }) => h.action === 'escalate').map((h: { toLevel: string }) => h.toLevel)).toEqual(['supervisor', 'manager']);
  });

  it('lets one escalation win when the breach job and a person escalate at once', async () => {
    for (let round = 0; round < 3; round++) {
      clock.set(new Date('2026-06-01T01:00:00Z'));
      const { c } = await fileOne();
      clock.set(new Date('2026-06-02T02:00:00Z'));
      const [job, person] = await Promise.allSettled([t.services.complaints.breach(c.id, 'desk'), t.post(`/complaints/${c.id}/escalate`, { version: c.version, cause: 'customer_request', reason: '顾客要求找主管' }, agent)]);
      const d = (await t.get(`/complaints/${c.id}`, agent)).body;
      expect(d.level).toBe('supervisor');
      const escalations = d.history.filter((h: { action: string }) => h.action === 'escalate');
      expect(escalations).toHaveLength(1);
      const personWon = person.status === 'fulfilled' && person.value.status === 200;
      expect(job.status === 'fulfilled' && job.value === true).toBe(!personWon);
      if (!personWon) expect(person.status === 'fulfilled' && person.value.status).toBe(409);
    }
  });

  it('lifts by severity, switches the clock, and takes down a rung only by a manager and not below the severity', async () => {
    clock.set(new Date('2026-06-01T01:00:00Z'));
    const { c } = await fileOne('low');
    // Low on the desk: 960 business minutes from Monday 09:00 reach Wednesday 10:00 (450 + 450 + 60).
    expect(c.dueAt).toBe('2026-06-03T02:00:00.000Z');
    clock.set(new Date('2026-06-01T02:00:00Z'));
    let d = (await t.post(`/complaints/${c.id}/severity`, { version: c.version, severity: 'normal', reason: '顾客情绪激动' }, agent)).body;
    // Same rung, the normal target counted from when the rung began.
    expect(d).toMatchObject({ level: 'desk', severity: 'normal', dueAt: '2026-06-02T01:30:00.000Z' });
    d = (await t.post(`/complaints/${c.id}/severity`, { version: d.version, severity: 'critical', reason: '媒体曝光' }, agent)).body;
    expect(d).toMatchObject({ level: 'manager', severity: 'critical', levelSince: '2026-06-01T02:00:00.000Z' });
    expect(d.history.at(-1)).toMatchObject({ action: 'escalate', details: expect.objectContaining({ cause: 'severity' }) });
    expect((await t.post(`/complaints/${c.id}/deescalate`, { version: d.version, reason: '已安抚' }, agent)).status).toBe(403);
    const below = await t.post(`/complaints/${c.id}/deescalate`, { version: d.version, reason: '已安抚' }, manager);
    expect(below.status).toBe(400);
    expect(below.body.error.details[0].path).toBe('severity');
    d = (await t.post(`/complaints/${c.id}/severity`, { version: d.version, severity: 'high', reason: '已安抚' }, agent)).body;
    expect(d.level).toBe('manager');
    const down = await t.post(`/complaints/${c.id}/deescalate`, { version: d.version, reason: '已安抚' }, manager);
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ level: 'supervisor' });
    expect(down.body.history.at(-1)).toMatchObject({ action: 'deescalate', fromLevel: 'manager', toLevel: 'supervisor', actor: expect.stringContaining(':complaints-manager') });
  });

  it('logs actions, contacts and compensation; a visit action books an ordinary repair order; the customer rejects, then accepts', async () => {
    clock.set(new Date('2026-06-04T02:00:00Z'));
    const { order, c } = await fileOne();
    // The customer paid 80.00 in cash for the order complained about.
    await t.database.db.execute(sql`insert into order_payments (id, order_id, amount_fen, currency, method, collected_by_kind, collected_by_id, idempotency_key, request_hash, created_at, created_by)
      values (gen_random_uuid(), ${order.id}, 8000, 'CNY', 'cash', 'provider', ${w.provider.id}, 'cp-paid', 'x', now(), 'test')`);
    let d = (await t.post(`/complaints/${c.id}/contacts`, { channel: 'phone', direction: 'out', summary: '致电顾客了解情况', durationMinutes: 6 }, agent)).body;
    const visit = await t.post(`/complaints/${c.id}/actions`, { kind: 'visit', text: '安排另一位师傅复查', visit: { symptom: '复查漏水' } }, agent);
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    const repairId = visit.body.entries.find((e: { type: string }) => e.type === 'action').orderId;
    const repair = await t.get(`/work-orders/${repairId}`, agent);
    expect(repair.body).toMatchObject({ kind: 'repair', unitId: w.unit.id, customerId: w.customer.id });
    expect((await t.post(`/complaints/${c.id}/actions`, { kind: 'note', text: 'x', visit: { symptom: 'y' } }, agent)).status).toBe(400);
    // Compensation: a manager; an apology has no amount, a refund needs one (fen, through the money type).
    const cash = { method: 'cash', idempotencyKey: 'cp-refund-cash' };
    expect((await t.post(`/complaints/${c.id}/compensations`, { kind: 'refund', amount: { amountFen: 5000, currency: 'CNY' }, note: '退上门费', payment: cash }, agent)).status).toBe(403);
    const badApology = await t.post(`/complaints/${c.id}/compensations`, { kind: 'apology', amount: { amountFen: 100, currency: 'CNY' }, note: '致歉' }, manager);
    expect(badApology.status).toBe(400);
    expect(badApology.body.error.details[0].path).toBe('amount');
    expect((await t.post(`/complaints/${c.id}/compensations`, { kind: 'refund', note: '退上门费', payment: cash }, manager)).body.error.details[0].path).toBe('amount.amountFen');
    expect((await t.post(`/complaints/${c.id}/compensations`, { kind: 'refund', amount: { amountFen: 12.5, currency: 'CNY' }, note: '退上门费', payment: cash }, manager)).status).toBe(400);
    expect((await t.post(`/complaints/${c.id}/compensations`, { kind: 'apology', note: '致歉', payment: cash }, manager)).body.error.details[0].path).toBe('payment');
    await t.post(`/complaints/${c.id}/compensations`, { kind: 'apology', note: '经理致歉' }, manager);
    // A refund is money paid back through fees: it says how, and never more than the customer paid net of refunds.
    const refund = (amountFen: number, key: string, extra: Record<string, unknown> = {}) =>
      t.post(`/complaints/${c.id}/compensations`, { kind: 'refund', amount: { amountFen, currency: 'CNY' }, note: '退上门费', payment: { method: 'wechat_pay', reference: `WXR-${key}`, idempotencyKey: key, ...extra } }, manager);
    const noHow = await t.post(`/complaints/${c.id}/compensations`, { kind: 'refund', amount: { amountFen: 5000, currency: 'CNY' }, note: '退上门费' }, manager);
    expect([noHow.status, noHow.body.error.details[0].path]).toEqual([400, 'payment']);
    const tooMuch = await refund(8001, 'cp-refund-x');
    expect([tooMuch.status, tooMuch.body.error.details[0].path]).toEqual([400, 'amount.amountFen']);
    expect((await refund(100, 'cp-refund-y', { orderId: w.unit.id })).body.error.details[0].path).toBe('payment.orderId');
    const paid = await refund(5000, 'cp-refund-1');
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    // A retry with the same key pays and logs nothing more; what is left is 30.00.
    expect((await refund(5000, 'cp-refund-1')).status).toBe(200);
    expect((await refund(3001, 'cp-refund-2')).status).toBe(400);
    d = paid.body;
    expect(d.entries.map((e: { type: string; kind: string; amount: unknown }) => [e.type, e.kind, e.amount])).toEqual([
      ['contact', 'phone', null],
      ['action', 'visit', null],
      ['compensation', 'apology', null],
      ['compensation', 'refund', { amountFen: 5000, currency: 'CNY' }],
    ]);
    const refundEntry = d.entries.at(-1);
    expect(refundEntry).toMatchObject({ orderId: order.id, paymentId: expect.any(String) });
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['file', 'contact', 'action', 'compensation', 'compensation']);
    expect(d.history.at(-1).details).toMatchObject({ kind: 'refund', amountFen: 5000, orderId: order.id, paymentId: refundEntry.paymentId });
    // On the order: a negative payment caused by the complaint, outside the fee balance (goodwill, not a fee correction).
    const payments = (await t.get(`/work-orders/${order.id}/payments`, manager)).body;
    expect(payments.items.filter((p: { amountFen: number }) => p.amountFen < 0)).toEqual([expect.objectContaining({ id: refundEntry.paymentId, amountFen: -5000, method: 'wechat_pay', collectedBy: 'maker', source: { kind: 'complaint', id: c.id } })]);
    expect(payments).toMatchObject({ paidFen: 8000, refundedFen: 0, balanceFen: -8000 });
    // Resolved with its root cause; the customer rejects in the portal: open again with a new clock; then accepts.
    d = (await t.post(`/complaints/${c.id}/resolve`, { version: d.version, rootCause: 'attitude', resolution: '已对师傅进行培训并退还上门费' }, agent)).body;
    expect(d).toMatchObject({ status: 'resolved', rootCause: 'attitude', dueAt: null });
    await portal();
    const mine = await t.get(`/complaints/${c.id}`, customer);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'resolved', canAnswer: true, resolution: '已对师傅进行培训并退还上门费', compensations: [expect.objectContaining({ kind: 'apology', amount: null }), expect.objectContaining({ kind: 'refund', amount: { amountFen: 5000, currency: 'CNY' } })] });
    expect(JSON.stringify(mine.body)).not.toMatch(/complaints-(desk|manager)|technicianIds|providerIds|退上门费/);
    clock.set(new Date('2026-06-04T03:00:00Z'));
    await portal();
    const rejected = await t.post(`/complaints/${c.id}/answer`, { version: mine.body.version, accepted: false, reason: '地板还没赔' }, customer);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'open', canAnswer: false });
    expect(rejected.body.progressZh).toContain('您未接受上次的方案');
    d = (await t.get(`/complaints/${c.id}`, agent)).body;
    expect(d).toMatchObject({ status: 'open', customerAnswer: 'rejected', levelSince: '2026-06-04T03:00:00.000Z' });
    d = (await t.post(`/complaints/${c.id}/resolve`, { version: d.version, rootCause: 'installation', resolution: '赔偿地板清洁' }, agent)).body;
    const accepted = await t.post(`/complaints/${c.id}/answer`, { version: d.version, accepted: true }, customer);
    expect(accepted.body).toMatchObject({ status: 'closed' });
    d = (await t.get(`/complaints/${c.id}`, agent)).body;
    expect(d.history.map((h: { action: string }) => h.action).slice(-4)).toEqual(['resolve', 'reopen', 'resolve', 'accept']);
    expect((await t.post(`/complaints/${c.id}/escalate`, { version: d.version, reason: 'x' }, agent)).status).toBe(409);
  });

  it('pays two compensation refunds at once that together exceed what was paid: one is paid', async () => {
    const { order, c } = await fileOne();
    await t.database.db.execute(sql`insert into order_payments (id, order_id, amount_fen, currency, method, collected_by_kind, collected_by_id, idempotency_key, request_hash, created_at, created_by)
      values (gen_random_uuid(), ${order.id}, 3000, 'CNY', 'cash', 'provider', ${w.provider.id}, 'cp-race-paid', 'x', now(), 'test')`);
    const tries = await Promise.all(
      [1, 2].map((i) => t.post(`/complaints/${c.id}/compensations`, { kind: 'refund', amount: { amountFen: 2000, currency: 'CNY' }, note: '补偿', payment: { method: 'cash', idempotencyKey: `cp-race-${i}` } }, manager)),
    );
    expect(tries.map((r) => r.status).sort()).toEqual([200, 400]);
    const payments = (await t.get(`/work-orders/${order.id}/payments`, manager)).body.items;
    expect(payments.filter((p: { amountFen: number }) => p.amountFen < 0)).toHaveLength(1);
    expect((await t.get(`/complaints/${c.id}`, manager)).body.entries.filter((e: { kind: string }) => e.kind === 'refund')).toHaveLength(1);
  });

  it('lets the customer file about one of their orders in the portal, and flags a repeat within the window', async () => {
    clock.set(new Date('2026-07-01T02:00:00Z'));
    const o = await providerOrder();
    await portal();
    const filed = await t.post('/complaints', { category: 'timeliness', orderIds: [o.id], text: '约好上午来，下午才到' }, customer);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(Object.keys(filed.body).sort()).toEqual(['answerBy', 'canAnswer', 'category', 'categoryEn', 'categoryZh', 'compensations', 'filedAt', 'id', 'number', 'orderIds', 'progressEn', 'progressZh', 'resolution', 'status', 'text', 'version']);
    const staffView = (await t.get(`/complaints/${filed.body.id}`, agent)).body;
    expect(staffView).toMatchObject({ source: 'portal', severity: 'normal', level: 'desk', repeatOfId: null });
    // Not their order: as if it did not exist; more than one order: not in the portal.
    const strangerOrder = (await t.services.workOrders.intake(systemCaller, { kind: 'repair', customerId: (await t.post('/customers', { name: '李四', phones: [{ phone: '13912340001' }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '天河路 1 号', isDefault: true }] })).body.id, symptom: 'x', accept: true, priority: 'normal', channel: 'phone' })).order;
    expect((await t.post('/complaints', { category: 'timeliness', orderIds: [strangerOrder.id], text: 'x' }, customer)).body.error.details[0].path).toBe('orderIds.0');
    expect((await t.post('/complaints', { category: 'timeliness', orderIds: [], text: 'x' }, customer)).body.error.details[0].path).toBe('orderId');
    // The same customer again within 14 days: a repeat of the latest.
    clock.set(new Date('2026-07-10T02:00:00Z'));
    const again = await t.post('/complaints', { source: 'phone', category: 'timeliness', orderIds: [o.id], text: '又迟到' }, agent);
    expect(again.body.repeatOfId).toBe(filed.body.id);
    // Beyond the window: not a repeat.
    clock.set(new Date('2026-08-01T02:00:00Z'));
    const later = await t.post('/complaints', { source: 'phone', category: 'other', customerId: w.customer.id, text: '咨询投诉进度' }, agent);
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ repeatOfId: null, orderIds: [], providerIds: [] });
    await portal();
    const mine = await t.get('/complaints', customer);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(filed.body.id);
    expect(JSON.stringify(mine.body)).not.toContain('complaints-desk');
  });

  it('names the field of bad input', async () => {
    expect((await t.post('/complaints', { category: 'nope', text: 'x', orderIds: [] }, agent)).status).toBe(400);
    const none = await t.post('/complaints', { category: 'other', text: 'x' }, agent);
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].path).toBe('orderIds');
    const missing = await t.post('/complaints', { category: 'other', text: 'x', orderIds: ['00000000-0000-4000-8000-000000000000'] }, agent);
    expect(missing.body.error.details[0].path).toBe('orderIds.0');
  });
});

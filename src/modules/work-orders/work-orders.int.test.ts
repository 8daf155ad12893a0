import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, systemCaller, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';
import { takeStep } from '../../../test/steps.js';
import { hashAcceptanceCode } from './work-orders.service.js';

let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
});
afterAll(() => t.close());

async function openOrder(extra: Record<string, unknown> = {}) {
  const res = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '空调漏水 / AC drips', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Tomorrow 09:00–11:00 in Shanghai by the test clock (which the tests move on): a booking never lies in the past. */
function visit(daysAhead = 1) {
  const day = new Date(t.clock.now().getTime() + daysAhead * 86_400_000).toISOString().slice(0, 10);
  return { from: `${day}T01:00:00Z`, to: `${day}T03:00:00Z` };
}

const step = (order: { id: string; version: number }, action: string, body?: Record<string, unknown>) => takeStep(t, order, action, body);

/** An accepted order walked through dispatch, assign, book, check-in and complete, up to `last`. */
async function walkTo(last: 'dispatch' | 'assign' | 'book' | 'check-in' | 'complete') {
  const path: [string, Record<string, unknown>][] = [
    ['dispatch', { providerId: world.provider.id }],
    ['assign', { technicianId: world.technicians[0].id }],
    ['book', visit()],
    ['check-in', { lat: 23.13, lng: 113.32 }],
    ['complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' }],
  ];
  let o = await openOrder({ accept: true });
  for (const [action, body] of path) {
    o = await step(o, action, body);
    if (action === last) break;
  }
  return o;
}

async function lastCode(orderId: string): Promise<string> {
  const out = await t.get('/outbox?limit=200&reveal=true');
  const msg = out.body.items.find((m: any) => m.subject?.id === orderId && m.template === 'acceptance_code');
  return /code is (\d{6})/.exec(msg.bodyEn)![1];
}

describe(`work-order lifecycle on ${engine}`, () => {
  it('walks intake → closed with a history row per step', async () => {
    let o = await openOrder();
    expect(o.status).toBe('intake');
    expect(o.number).toMatch(/^WO\d{4}-\d{6}$/);
    expect(o.customerTier).toBe('ordinary');
    expect(o.address.city).toBe('广州市');
    o = await step(o, 'accept');
    expect(o.status).toBe('awaiting_dispatch');
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    expect([o.status, o.providerId]).toEqual(['dispatched', world.provider.id]);
    o = await step(o, 'assign', { technicianId: world.technicians[0].id });
    expect([o.status, o.technicianId]).toEqual(['assigned', world.technicians[0].id]);
    o = await step(o, 'book', visit());
    expect(o.status).toBe('booked');
    o = await step(o, 'check-in', { lat: 23.1301, lng: 113.3202 });
    expect([o.status, o.visitCount, o.checkInLat]).toEqual(['on_site', 1, 23.1301]);
    o = await step(o, 'complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01', notes: '疏通完成' });
    expect([o.status, o.remedyCode]).toEqual(['work_done', 'R01']);
    o = await step(o, 'send-acceptance-code');
    expect(o.status).toBe('work_done');
    o = await step(o, 'confirm', { code: await lastCode(o.id) });
    expect([o.status, o.confirmedBy]).toEqual(['confirmed', 'customer_code']);
    o = await step(o, 'follow-up', { satisfaction: 'delighted', attitude: 5, skill: 5, fixedFirstTime: true, repeatVisit: false });
    expect(o.status).toBe('followed_up');
    o = await step(o, 'close');
    expect(o.status).toBe('closed');
    expect(o.allowedActions).toEqual(['reopen']);

    const h = await t.get(`/work-orders/${o.id}/history`);
    expect(h.body.items.map((r: any) => r.action)).toEqual([
      'intake', 'accept', 'dispatch', 'assign', 'book', 'check_in', 'complete', 'send_acceptance_code', 'confirm', 'follow_up', 'close',
    ]);
    expect(h.body.items.map((r: any) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(h.body.items.every((r: any) => r.actor.startsWith('token:') && r.actor.endsWith(':tester'))).toBe(true);
    expect(h.body.items[2].changes.providerId).toEqual({ from: null, to: world.provider.id });
    expect(h.body.items[2]).toMatchObject({ fromStatus: 'awaiting_dispatch', toStatus: 'dispatched' });
    // The acceptance code itself never lands in history.
    expect(JSON.stringify(h.body.items)).not.toMatch(/acceptanceCodeHash/);
  });

  it('refuses an illegal transition naming the state and the allowed actions, and writes nothing', async () => {
    const o = await openOrder();
    const res = await t.post(`/work-orders/${o.id}/check-in`, { version: o.version, lat: 23, lng: 113 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
    expect(res.body.error.details).toEqual({ status: 'intake', allowed: ['accept', 'cancel'] });
    expect(res.body.error.message).toContain('intake');
    const h = await t.get(`/work-orders/${o.id}/history`);
    expect(h.body.items).toHaveLength(1);
    expect((await t.get(`/work-orders/${o.id}`)).body.version).toBe(1);
  });

  it('cancels with a reason, reopens, and needs a reason for both', async () => {
    let o = await openOrder({ accept: true });
    expect(o.status).toBe('awaiting_dispatch');
    const noReason = await t.post(`/work-orders/${o.id}/cancel`, { version: o.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    o = await step(o, 'cancel', { reason: '客户已自行修好' });
    expect([o.status, o.cancelReason]).toEqual(['cancelled', '客户已自行修好']);
    o = await step(o, 'reopen', { reason: '又漏水了' });
    expect([o.status, o.cancelReason]).toEqual(['awaiting_dispatch', null]);
  });

  it('holds for parts and resumes to the held status, counting the parts wait', async () => {
    let o = await openOrder({ accept: true });
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    o = await step(o, 'assign', { technicianId: world.technicians[0].id });
    o = await step(o, 'hold', { reason: 'waiting_for_parts' });
    expect([o.status, o.holdReason]).toEqual(['on_hold', 'waiting_for_parts']);
    expect(o.allowedActions).toEqual(['cancel', 'resume']);
    t.clock.advance(3 * 86_400_000);
    o = await step(o, 'resume');
    expect([o.status, o.holdReason, o.partsWaitMs]).toEqual(['assigned', null, 3 * 86_400_000]);
  });

  it('reassigns and redispatches only with a reason, and reassigning clears the booking', async () => {
    let o = await openOrder({ accept: true });
    o = await step(o, 'dispatch', { providerId: world.provider.id });
    o = await step(o, 'assign', { technicianId: world.technicians[0].id });
    o = await step(o, 'book', visit());
    const bare = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: world.technicians[1].id });
    expect([bare.status, bare.body.error.details[0].path]).toEqual([400, 'reason']);
    o = await step(o, 'assign', { technicianId: world.technicians[1].id, reason: '王师傅请假' });
    expect([o.status, o.technicianId, o.appointmentFrom]).toEqual(['assigned', world.technicians[1].id, null]);
    const again = await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: world.provider.id });
    expect(again.status).toBe(400);
  });

  it('sends back to redo after a bad follow-up', async () => {
    let o = await walkTo('complete');
    o = await step(o, 'confirm', { overrideReason: '客户电话确认' });
    expect(o.confirmedBy).toBe('agent_override');
    o = await step(o, 'redo', { reason: '回访：仍然漏水' });
    expect([o.status, o.technicianId, o.doneAt, o.confirmedAt]).toEqual(['assigned', world.technicians[0].id, null, null]);
    o = await step(o, 'book', visit(2));
    o = await step(o, 'check-in', { lat: 23.13, lng: 113.32 });
    expect(o.visitCount).toBe(2);
  });

  it('checks fault codes against the category tree', async () => {
    const o = await walkTo('check-in');
    const wrong = await t.post(`/work-orders/${o.id}/complete`, { version: o.version, symptomCode: 'S01', causeCode: 'R01', remedyCode: 'R01' });
    expect([wrong.status, wrong.body.error.details[0].path]).toEqual([400, 'causeCode']);
    expect((await t.get(`/work-orders/${o.id}`)).body.status).toBe('on_site');
  });

  it('counts wrong acceptance codes, locks after five, and a fresh code works', async () => {
    let o = await walkTo('complete');
    const none = await t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code: '123456' });
    expect([none.status, none.body.error.code]).toEqual([422, 'no_acceptance_code']);
    o = await step(o, 'send-acceptance-code');
    const code = await lastCode(o.id);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 4; i >= 0; i--) {
      const res = await t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code: wrongCode });
      expect([res.status, res.body.error.details[0].attemptsLeft]).toEqual([422, i]);
      o = (await t.get(`/work-orders/${o.id}`)).body;
    }
    const locked = await t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code });
    expect(locked.body.error.code).toBe('acceptance_code_locked');
    t.clock.advance(1000);
    o = await step(o, 'send-acceptance-code');
    const fresh = await lastCode(o.id);
    o = await step(o, 'confirm', { code: fresh });
    expect(o.status).toBe('confirmed');
    const h = (await t.get(`/work-orders/${o.id}/history`)).body.items;
    expect(h.filter((r: any) => r.action === 'confirm_refused')).toHaveLength(5);
  });

  it('expires acceptance codes after 72 hours', async () => {
    const o = await step(await walkTo('complete'), 'send-acceptance-code');
    const code = await lastCode(o.id);
    t.clock.advance(73 * 3600_000);
    const res = await t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code });
    expect(res.body.error.code).toBe('no_acceptance_code');
    expect(hashAcceptanceCode(o.id, code)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('closes a consultation straight from intake, but no other kind', async () => {
    const c = await openOrder({ kind: 'consultation', unitId: null });
    expect(c.allowedActions).toContain('close');
    expect((await step(c, 'close', { reason: '电话解答' })).status).toBe('closed');
    const r = await openOrder();
    const res = await t.post(`/work-orders/${r.id}/close`, { version: r.version });
    expect(res.status).toBe(409);
  });

  it('links a complaint to an order of the same customer only', async () => {
    const first = await openOrder();
    const complaint = await openOrder({ kind: 'complaint', complaintOfOrderId: first.id, symptom: '师傅迟到' });
    expect(complaint.complaintOfOrderId).toBe(first.id);
    const bad = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, complaintOfOrderId: first.id, symptom: 'x' });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'complaintOfOrderId']);
  });
});

describe(`order numbers past a million on ${engine}`, () => {
  it('grows a digit instead of being cut to six (lpad cut 1000001 to 100000, again and again)', async () => {
    await t.database.db.execute(sql`select setval('work_order_number_seq', 999999)`);
    const a = await openOrder();
    const b = await openOrder();
    expect([a.number.split('-')[1], b.number.split('-')[1]]).toEqual(['1000000', '1000001']);
  });
});

describe(`intake idempotency and concurrency on ${engine}`, () => {
  it('returns the first order for the same external reference within 24 h, and a new one after', async () => {
    const ref = `EXT-${Date.now()}`;
    const first = await openOrder({ externalRef: ref });
    const again = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, symptom: 'dup', externalRef: ref });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    t.clock.advance(24 * 3600_000 + 1000);
    const later = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, symptom: 'new', externalRef: ref });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.id);
  });

  it('makes one order when the same request arrives many times at once', async () => {
    const ref = `EXT-PAR-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, symptom: 'burst', externalRef: ref })),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const list = await t.get(`/work-orders?q=${ref}`);
    expect(list.body.total).toBe(1);
  });

  it('answers each of many intakes arriving together on its own: made once, repeated, or refused with its field', async () => {
    const other = await t.post('/customers', { name: '并发客户', phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育东路 1 号', isDefault: true }] });
    expect(other.status).toBe(201);
    const stamp = Date.now();
    const good = (i: number) => ({ kind: 'repair' as const, priority: 'normal' as const, channel: 'phone' as const, accept: false, customerId: i % 2 ? world.customer.id : other.body.id, symptom: `together ${i}`, externalRef: `GRP-${stamp}-${i}` });
    const inputs = [
      ...Array.from({ length: 12 }, (_, i) => good(i)),
      // The same reference three times, and once more for an order made in the same moment.
      ...Array.from({ length: 3 }, () => ({ ...good(100), symptom: 'repeated' })),
      { ...good(3), symptom: 'repeat of 3' },
      { ...good(200), customerId: '00000000-0000-4000-8000-000000000000', externalRef: undefined },
      { ...good(201), customerId: other.body.id, unitId: world.unit.id, externalRef: undefined },
    ];
    // Called in one tick, as many requests at once: the first goes alone, the others share the next statement.
    const answers = await Promise.allSettled(inputs.map((input) => t.services.workOrders.intake(systemCaller, input)));
    const value = (i: number) => (answers[i] as PromiseFulfilledResult<{ order: { id: string; number: string; customerId: string }; created: boolean }>).value;
    const made = answers.flatMap((a, i) => (a.status === 'fulfilled' && a.value.created ? [i] : []));
    expect(made).toHaveLength(13);
    expect(new Set(made.map((i) => value(i).order.number)).size).toBe(13);
    expect(new Set([12, 13, 14].map((i) => value(i).order.id)).size).toBe(1);
    expect([12, 13, 14].map((i) => value(i).created).sort()).toEqual([false, false, true]);
    // A repeat arriving with its first is answered with the first's order, whichever was written first.
    expect(value(15).order.id).toBe(value(3).order.id);
    expect([value(3).created, value(15).created].sort()).toEqual([false, true]);
    expect(answers[16]).toMatchObject({ status: 'rejected', reason: { status: 400, details: [{ path: 'customerId' }] } });
    expect(answers[17]).toMatchObject({ status: 'rejected', reason: { status: 400, details: [{ path: 'unitId' }] } });
    for (const i of made) {
      expect(value(i).order.customerId).toBe(inputs[i].customerId);
      const h = (await t.get(`/work-orders/${value(i).order.id}/history`)).body.items;
      expect(h.map((x: { action: string }) => x.action)).toEqual(['intake']);
    }
    const stored = await t.database.db.execute(sql`select count(*)::int as n from work_orders where external_ref like ${`GRP-${stamp}-%`} or symptom like 'together 20_'`);
    expect((stored as unknown as { rows: { n: number }[] }).rows[0].n).toBe(13);
  });

  it('refuses each entry of one intake statement for its own reason, every reason in one group', async () => {
    const bare = await t.post('/customers', { name: '无地址客户', phones: [{ phone: uniquePhone() }] });
    expect(bare.status).toBe(201);
    const other = await t.post('/customers', { name: '另一客户', phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育西路 2 号', isDefault: true }] });
    expect(other.status).toBe(201);
    // A phone on record is required by the API; the check stays for rows written otherwise.
    const mute = await t.post('/customers', { name: '无电话客户', phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育西路 4 号' }] });
    await t.database.db.execute(sql`delete from customer_phones where customer_id = ${mute.body.id}`);
    const foreignOrder = await openOrder();
    const base = { kind: 'repair' as const, priority: 'normal' as const, channel: 'phone' as const, accept: false, symptom: 'reasons', customerId: other.body.id as string };
    const cases: [Record<string, unknown>, string | null][] = [
      [{}, null],
      [{ customerId: '00000000-0000-4000-8000-000000000000' }, 'customerId'],
      [{ customerId: mute.body.id }, 'contactPhone'],
      [{ customerId: mute.body.id, contactPhone: uniquePhone() }, null],
      [{ addressId: other.body.addresses[0].id, customerId: world.customer.id }, 'addressId'],
      [{ customerId: bare.body.id }, 'address'],
      [{ customerId: bare.body.id, address: { province: '广东省', city: '广州市', district: '天河区', street: '体育西路 3 号' } }, null],
      [{ unitId: world.unit.id }, 'unitId'],
      [{ complaintOfOrderId: foreignOrder.id, kind: 'complaint' }, 'complaintOfOrderId'],
      [{ customerId: bare.body.id, unitId: world.unit.id }, 'address'],
    ];
    // In one tick: the first goes alone, the others share one statement, which names each one's reason.
    const answers = await Promise.allSettled(cases.map(([input]) => t.services.workOrders.intake(systemCaller, { ...base, ...input })));
    expect(answers.map((a) => (a.status === 'fulfilled' ? null : (a.reason as { details: { path: string }[] }).details[0].path))).toEqual(cases.map(([, path]) => path));
    expect(answers.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason.status === 400)).toBe(true);
  });

  it('puts every intake request on the audit record once: a new order in its own statement, a repeat and a refusal after', async () => {
    const ref = `AUD-${Date.now()}`;
    const audit = async (where: ReturnType<typeof sql>) =>
      (await t.database.db.execute(sql`select action, subject_kind as "subjectKind", subject_id as "subjectId", outcome, details from audit_log where action = 'POST /work-orders' and ${where} order by id`) as unknown as { rows: Record<string, unknown>[] }).rows;
    const before = (await audit(sql`true`)).length;
    const first = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, symptom: 'audited', externalRef: ref });
    expect(first.status).toBe(201);
    expect(await audit(sql`subject_id = ${first.body.id}`)).toEqual([{ action: 'POST /work-orders', subjectKind: 'work-orders', subjectId: first.body.id, outcome: 'ok', details: { status: 201 } }]);
    const again = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, symptom: 'audited', externalRef: ref });
    expect(again.status).toBe(200);
    const refused = await t.post('/work-orders', { kind: 'repair', customerId: '00000000-0000-4000-8000-000000000000', symptom: 'nobody' });
    expect(refused.status).toBe(400);
    const after = await audit(sql`true`);
    expect(after).toHaveLength(before + 3);
    expect(after.slice(-2).map((r) => [r.outcome, r.details])).toEqual([['ok', { status: 200 }], ['refused', { status: 400 }]]);
  });

  it('lets one of two concurrent edits win and answers the other with a conflict', async () => {
    const o = await openOrder({ accept: true });
    const [a, b] = await Promise.all([
      t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: world.provider.id }),
      t.post(`/work-orders/${o.id}/cancel`, { version: o.version, reason: 'duplicate' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('version_conflict');
    const h = (await t.get(`/work-orders/${o.id}/history`)).body.items;
    expect(h).toHaveLength(3);
  });

  it('rejects a stale version', async () => {
    const o = await openOrder();
    await step(o, 'accept');
    const stale = await t.post(`/work-orders/${o.id}/cancel`, { version: o.version, reason: 'x' });
    expect([stale.status, stale.body.error.code, stale.body.error.details.currentVersion]).toEqual([409, 'version_conflict', 2]);
  });
});

describe(`listing and bad input on ${engine}`, () => {
  it('pages, filters and sorts', async () => {
    const page = await t.get(`/work-orders?customerId=${world.customer.id}&status=intake,awaiting_dispatch&sort=-createdAt&limit=2`);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    expect(page.body.total).toBeGreaterThanOrEqual(page.body.items.length);
    expect(page.body.items.every((o: any) => ['intake', 'awaiting_dispatch'].includes(o.status))).toBe(true);
    const bad = await t.get('/work-orders?status=flying');
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'status.0']);
  });

  it('names the field and reason for bad intake, and writes nothing', async () => {
    const before = (await t.get('/work-orders?limit=1')).body.total;
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'teleport', customerId: world.customer.id, symptom: 'x' }, 'kind'],
      [{ kind: 'repair', customerId: 'nope', symptom: 'x' }, 'customerId'],
      [{ kind: 'repair', customerId: world.customer.id, symptom: '' }, 'symptom'],
      [{ kind: 'repair', customerId: world.customer.id, symptom: 'x', wishedFrom: '2026-06-02T05:00:00Z', wishedTo: '2026-06-02T04:00:00Z' }, 'wishedTo'],
      [{ kind: 'repair', customerId: '00000000-0000-4000-8000-000000000000', symptom: 'x' }, 'customerId'],
      [{ kind: 'repair', customerId: world.customer.id, unitId: '00000000-0000-4000-8000-000000000000', symptom: 'x' }, 'unitId'],
    ];
    for (const [body, path] of cases) {
      const res = await t.post('/work-orders', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
    const malformed = await t.post('/work-orders', '{"kind":');
    expect(malformed.status).toBe(400);
    expect((await t.get('/work-orders?limit=1')).body.total).toBe(before);
  });

  it('answers 404 for an unknown order', async () => {
    const res = await t.get('/work-orders/00000000-0000-4000-8000-000000000000');
    expect([res.status, res.body.error.code]).toEqual([404, 'work_order_not_found']);
  });
});

describe(`history is append-only on ${engine}`, () => {
  it('refuses to change or delete a history row', async () => {
    const o = await openOrder();
    const { sql } = await import('drizzle-orm');
    await expect(t.database.db.execute(sql`update work_order_history set reason = 'tampered' where order_id = ${o.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(t.database.db.execute(sql`delete from work_order_history where order_id = ${o.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    const h = await t.get(`/work-orders/${o.id}/history`);
    expect(h.body.items).toHaveLength(1);
    expect(h.body.items[0].reason).toBeNull();
  });

  it('refuses to delete an order, so its history never loses the order it tells of', async () => {
    const o = await openOrder();
    const { sql } = await import('drizzle-orm');
    await expect(t.database.db.execute(sql`delete from work_orders where id = ${o.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/never deleted/) } });
    expect((await t.get(`/work-orders/${o.id}`)).status).toBe(200);
    expect((await t.get(`/work-orders/${o.id}/history`)).body.items).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { realPng } from '../../../test/images.js';
import { confirmedFraud, heldOrderIds } from './index.js';

// Fraud signals through the API: an order completed with a check-in entered after the fact and a
// photo reused from another order is scored, explained and held; a clean one is not; the manager
// confirms (the provider told, settlement's reads see it) or releases; a re-score keeps the
// decision; a follow-up saying nobody came re-scores; rules are data; rates by provider; two
// reviewers at once make one decision.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let agent: Record<string, string>;
let n = 0;

/** A fresh unit of the world's customer, so repeat-visit and many-orders signals stay out of the way. */
async function freshUnit() {
  n += 1;
  const u = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `FRAUD-${n}-${Date.now()}` }], purchaseDate: '2026-01-10', channel: 'store', invoiceNumber: `INV-F${n}`, priceFen: 259900 });
  expect(u.status).toBe(201);
  return u.body.id as string;
}

/** An order booked on `day` 02:00–02:59 and checked in; `late` enters the check-in that many minutes after the time it claims. */
async function onSite(day: string, o2: { late?: number; photo?: boolean } = {}) {
  const s = t.services.workOrders;
  const unitId = await freshUnit();
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone', contactPhone: `1370000${String(n).padStart(4, '0')}` } as never)).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T02:00:00Z`, to: `${day}T02:59:00Z` });
  clock.set(new Date(`${day}T02:${String(10 + (o2.late ?? 0)).padStart(2, '0')}:00Z`));
  o = await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32, at: `${day}T02:10:00Z` });
  if (o2.photo) await t.services.photos.add(systemCaller, o.id, 'site', 'image/png', realPng);
  clock.set(new Date(`${day}T02:55:00Z`));
  return o;
}
const complete = (o: { id: string; version: number }) => t.services.workOrders.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'fraud-manager')).headers;
  agent = (await tokenFor(t.services, 'agent', 'fraud-desk')).headers;
  // Every order here is at the customer's one address: the many-orders rule is off, so each score is what the test says.
  const many = (await t.get('/fraud/rules', manager)).body.rules.find((r: { code: string }) => r.code === 'many_orders');
  expect((await t.call('PUT', '/fraud/rules/many_orders', { version: many.version, enabled: false, weight: many.weight, params: many.params }, manager)).status).toBe(200);
  // The photo first taken on an order of its own: the next order's copy of it is a reuse.
  const first = await onSite('2026-06-01', { photo: true });
  await complete(first);
});
afterAll(() => t.close());

describe(`fraud signals on ${engine}`, () => {
  it('scores a clean completion clear, and holds one checked in after the fact with a reused photo, explained', async () => {
    const clean = await complete(await onSite('2026-06-02'));
    const c = await t.get(`/work-orders/${clean.id}/fraud`, manager);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'clear', score: 0, signals: [], explanation: { zh: '无风险信号', en: 'No signals' } });

    const bad = await complete(await onSite('2026-06-03', { late: 40, photo: true }));
    const b = await t.get(`/work-orders/${bad.id}/fraud`, manager);
    expect(b.body.status).toBe('held');
    expect(b.body.signals.map((s: { code: string }) => s.code).sort()).toEqual(['no_check_in', 'photo_reused']);
    expect(b.body.score).toBe(80);
    expect(b.body.explanation.en).toContain('check-in entered 40 minutes after the time it claims');
    expect(b.body.explanation.zh).toContain('照片与其他工单重复');
    expect(b.body.history).toMatchObject([{ action: 'score', fromStatus: null, toStatus: 'held', score: 80, details: { step: 'complete' } }]);

    const queue = await t.get('/fraud/queue', manager);
    expect(queue.body.items.map((i: { orderId: string }) => i.orderId)).toContain(bad.id);
    expect(queue.body.items.map((i: { orderId: string }) => i.orderId)).not.toContain(clean.id);
    expect(queue.body.items.find((i: { orderId: string }) => i.orderId === bad.id)).toMatchObject({ number: bad.number, providerName: expect.any(String) });
    expect(await heldOrderIds(t.database.db, w.provider.id, [bad.id, clean.id])).toEqual(new Set([bad.id]));

    // Confirmation re-scores (with history) and keeps it held; the audit has the hold.
    const confirmed = await t.services.workOrders.perform(systemCaller, bad.id, 'confirm', { version: bad.version + 0, overrideReason: '客户电话确认' } as never).catch(async () => {
      const o = await t.services.workOrders.get(systemCaller, bad.id);
      return t.services.workOrders.perform(systemCaller, bad.id, 'confirm', { version: o.version, overrideReason: '客户电话确认' } as never);
    });
    expect(confirmed.status).toBe('confirmed');
    const again = await t.get(`/work-orders/${bad.id}/fraud`, manager);
    expect(again.body).toMatchObject({ status: 'held', scorings: 2 });
    expect(again.body.history.map((h: { action: string }) => h.action)).toEqual(['score', 'rescore']);
    const audit = await t.get(`/audit?subjectKind=work_order&subjectId=${bad.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('fraud.hold');
  });

  it('confirms a held order as fraud with a reason: the provider told, settlement reads it, a re-score keeps the decision', async () => {
    const bad = await complete(await onSite('2026-06-04', { late: 30, photo: true }));
    const s = await t.get(`/work-orders/${bad.id}/fraud`, manager);
    expect(await t.post(`/work-orders/${bad.id}/fraud/confirm`, { version: s.body.version, reason: '' }, manager)).toMatchObject({ status: 400 });
    expect((await t.post(`/work-orders/${bad.id}/fraud/confirm`, { version: s.body.version, reason: '无人上门' }, agent)).status).toBe(403);
    expect((await t.post(`/work-orders/${bad.id}/fraud/confirm`, { version: s.body.version + 5, reason: '无人上门' }, manager)).status).toBe(409);
    const done = await t.post(`/work-orders/${bad.id}/fraud/confirm`, { version: s.body.version, reason: '无人上门，照片复用' }, manager);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'confirmed', decisionReason: '无人上门，照片复用', decidedBy: expect.any(String) });
    expect(done.body.history.at(-1)).toMatchObject({ action: 'confirm', fromStatus: 'held', toStatus: 'confirmed' });
    expect((await t.post(`/work-orders/${bad.id}/fraud/release`, { version: done.body.version, reason: '改主意' }, manager)).status).toBe(409);

    const told = await t.get('/outbox?template=fraud_confirmed&limit=50');
    const msg = told.body.items.find((m: { subject: { id: string } | null }) => m.subject?.id === bad.id);
    expect(msg.bodyZh).toContain(bad.number);
    const fraud = await confirmedFraud(t.database.db, w.provider.id, new Date('2026-06-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'));
    expect(fraud.map((f) => f.orderId)).toContain(bad.id);
    expect(await heldOrderIds(t.database.db, w.provider.id, [bad.id])).toEqual(new Set());

    const re = await t.post(`/work-orders/${bad.id}/fraud/rescore`, {}, manager);
    expect(re.status).toBe(200);
    expect(re.body).toMatchObject({ status: 'confirmed', score: 80, scorings: 2 });
    const audit = await t.get(`/audit?subjectKind=work_order&subjectId=${bad.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['fraud.hold', 'fraud.confirm', 'fraud.rescore']));
  });

  it('releases a held order, and a follow-up saying nobody came re-scores a clear one into the queue', async () => {
    const bad = await complete(await onSite('2026-06-05', { late: 30, photo: true }));
    const s = await t.get(`/work-orders/${bad.id}/fraud`, manager);
    const released = await t.post(`/work-orders/${bad.id}/fraud/release`, { version: s.body.version, reason: '师傅补录签到，照片为同一地点' }, manager);
    expect(released.body).toMatchObject({ status: 'released' });

    let o = await complete(await onSite('2026-06-06'));
    o = await t.services.workOrders.perform(systemCaller, o.id, 'confirm', { version: o.version, overrideReason: '电话确认' } as never);
    o = await t.services.workOrders.perform(systemCaller, o.id, 'follow_up', { version: o.version, satisfaction: 'dissatisfied', attitude: 1, skill: 1, fixedFirstTime: false, repeatVisit: false, answer: 'nobody_came' } as never);
    const f = await t.get(`/work-orders/${o.id}/fraud`, manager);
    expect(f.body).toMatchObject({ status: 'held', score: 50 });
    expect(f.body.signals[0].zh).toBe('回访称未上门或未修好：回访时客户称无人上门');
    expect(f.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['clear', 'clear', 'held']);
  });

  it('keeps the rules as data: a manager edits a weight and the hold score; bad parameters are refused', async () => {
    const rules = await t.get('/fraud/rules', manager);
    expect(rules.body.holdScore).toBe(50);
    const photo = rules.body.rules.find((r: { code: string }) => r.code === 'photo_reused');
    expect((await t.call('PUT', '/fraud/rules/photo_reused', { version: photo.version, enabled: true, weight: 60, params: {} }, agent)).status).toBe(403);
    const refused = await t.call('PUT', '/fraud/rules/short_job', { version: 1, enabled: true, weight: 20, params: { shareOfStandard: 3 } }, manager);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'params.shareOfStandard', zh: '须在 0.01 与 1 之间' });
    const changed = await t.call('PUT', '/fraud/rules/photo_reused', { version: photo.version, enabled: true, weight: 60, params: {} }, manager);
    expect(changed.status).toBe(200);
    expect(changed.body.rules.find((r: { code: string }) => r.code === 'photo_reused')).toMatchObject({ weight: 60, version: photo.version + 1 });
    expect((await t.call('PUT', '/fraud/rules/photo_reused', { version: photo.version, enabled: true, weight: 61, params: {} }, manager)).status).toBe(409);
    const hold = await t.call('PUT', '/fraud/settings', { version: rules.body.settingsVersion, holdScore: 60 }, manager);
    expect(hold.body.holdScore).toBe(60);
    // A reused photo alone now holds the order.
    const o = await complete(await onSite('2026-06-07', { photo: true }));
    expect((await t.get(`/work-orders/${o.id}/fraud`, manager)).body).toMatchObject({ status: 'held', score: 60 });
    await t.call('PUT', '/fraud/rules/photo_reused', { version: photo.version + 1, enabled: true, weight: 40, params: {} }, manager);
    await t.call('PUT', '/fraud/settings', { version: rules.body.settingsVersion + 1, holdScore: 50 }, manager);
    const audit = await t.get('/audit?subjectKind=fraud_rule&subjectId=photo_reused');
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['fraud.rule_update', 'fraud.rule_update']);
  });

  it('gives signal rates per provider against the peer median', async () => {
    const r = await t.get('/fraud/rates?from=2026-05-01&to=2026-07-01', manager);
    expect(r.status).toBe(200);
    const mine = r.body.providers.find((p: { providerId: string }) => p.providerId === w.provider.id);
    expect(mine.scored).toBeGreaterThanOrEqual(6);
    const photo = mine.rules.find((x: { code: string }) => x.code === 'photo_reused');
    expect(photo.flagged).toBeGreaterThanOrEqual(4);
    expect(photo.share).toBeCloseTo(photo.flagged / mine.scored, 3);
    expect(r.body.medians.photo_reused).toBe(photo.share);
    expect((await t.get('/fraud/rates?from=2026-05-01&to=2026-07-01', agent)).status).toBe(403);
  });

  it('lets only one of two reviewers deciding at once win', async () => {
    const bad = await complete(await onSite('2026-06-08', { late: 30, photo: true }));
    const s = await t.get(`/work-orders/${bad.id}/fraud`, manager);
    const [a, b] = await Promise.all([
      t.post(`/work-orders/${bad.id}/fraud/confirm`, { version: s.body.version, reason: '甲：确认欺诈' }, manager),
      t.post(`/work-orders/${bad.id}/fraud/release`, { version: s.body.version, reason: '乙：放行' }, t.admin.headers),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = await t.get(`/work-orders/${bad.id}/fraud`, manager);
    expect(after.body.history.filter((h: { action: string }) => h.action === 'confirm' || h.action === 'release')).toHaveLength(1);
    const won = a.status === 200 ? 'confirmed' : 'released';
    expect(after.body.status).toBe(won);
    const told = await t.get('/outbox?template=fraud_confirmed&limit=50');
    expect(told.body.items.filter((m: { subject: { id: string } | null }) => m.subject?.id === bad.id)).toHaveLength(won === 'confirmed' ? 1 : 0);
  });
});

describe(`an old part overdue re-scores its order, once (${engine})`, () => {
  it('scores the completed order again when its old part misses the deadline, exactly once however often the job runs', async () => {
    const ps = t.services.parts;
    const stamp = Date.now();
    const part = await ps.createPart(systemCaller, { number: `FR-PCB-${stamp}`, nameZh: '主板', nameEn: 'Control board', modelIds: [w.model.id], isMain: false, listFen: 10000, issueFen: 5000, currency: 'CNY', serialised: false, returnable: true, returnDays: 10, warrantyMonths: 6, active: true });
    const store = await ps.createLocation(systemCaller, { code: `FR-ST-${stamp}`, kind: 'provider_store', nameZh: '网点配件库', nameEn: 'Store', providerId: w.provider.id, technicianId: null });
    await ps.receive(systemCaller, { locationId: store.id, partId: part.id, quantity: 2, serials: [] });
    const o = await onSite('2026-07-01');
    await ps.consume(systemCaller, o.id, { lineKey: 'board', partId: part.id, quantity: 1, locationId: store.id });
    const owed = (await t.services.partReturns.list(systemCaller, { orderId: o.id, limit: 10, offset: 0 })).items;
    expect(owed).toHaveLength(1);
    await complete(await t.services.workOrders.get(systemCaller, o.id));
    const scored = (await t.get(`/work-orders/${o.id}/fraud`, manager)).body;
    expect(scored.signals.map((s: { code: string }) => s.code)).not.toContain('part_not_returned');
    // Within the ten days nothing is overdue.
    clock.set(new Date('2026-07-10T03:00:00Z'));
    expect(await t.services.fraud.rescoreOverdueParts()).toBe(0);
    // Past the deadline (07-11 02:55) and never shipped: two workers at once re-score it once; a later run not again.
    clock.set(new Date('2026-07-11T03:00:00Z'));
    const [a, b] = await Promise.all([t.services.fraud.rescoreOverdueParts(), t.services.fraud.rescoreOverdueParts()]);
    expect(a + b).toBe(1);
    expect(await t.services.fraud.rescoreOverdueParts()).toBe(0);
    const after = (await t.get(`/work-orders/${o.id}/fraud`, manager)).body;
    expect(after.scorings).toBe(scored.scorings + 1);
    expect(after.signals).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'part_not_returned' })]));
    expect(after.score).toBeGreaterThan(scored.score);
  });
});

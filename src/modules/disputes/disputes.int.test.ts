import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { realPng } from '../../../test/images.js';
import { queueOrder } from './disputes.rules.js';

// Fee disputes through the API: a customer disputes a charge in the portal and a reviewer upholds
// it (a credit line in fees, the refund recorded, the customer told); a provider's admin disputes
// a line and it is rejected; one open dispute per line, also when raised at once; the queue puts
// the overdue first; statistics by provider and reason.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let agent: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let tech: Record<string, string>;
let customer: Record<string, string>;
let oldUnitId: string;

/** An out-of-warranty repair (the customer pays), its work done on `day` and priced from the national list. */
async function doneOrder(day: string, techIndex = 0) {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: oldUnitId, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[techIndex].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T02:00:00Z`, to: `${day}T02:59:00Z` });
  clock.set(new Date(`${day}T02:10:00Z`));
  o = await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
  // Out of warranty the customer accepts a quote before the work is completed.
  const q = await t.services.fees.quotes.create(systemCaller, o.id, { jobMode: 'adjustment', extras: [], parts: [] });
  await t.services.fees.quotes.offer(systemCaller, o.id, q.id, { sendSms: false });
  await t.services.fees.quotes.accept(systemCaller, o.id, q.id, { signedName: '王女士', confirmed: true });
  clock.set(new Date(`${day}T02:40:00Z`));
  return s.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
}

/** The customer signed in to the portal by a link, through the real cookie session (anew after the test clock moves on). */
async function portal() {
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  expect(res.status).toBe(200);
  customer = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

const lineOf = async (orderId: string, kind: string) => ((await t.get(`/work-orders/${orderId}/fees`, manager)).body.lines as { id: string; kind: string; amountFen: number; payer: string }[]).find((l) => l.kind === kind)!;

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'disputes-manager')).headers;
  agent = (await tokenFor(t.services, 'agent', 'disputes-desk')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'disputes-provider', { providerId: w.provider.id })).headers;
  tech = (await tokenFor(t.services, 'technician', 'disputes-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const other = await t.post('/providers', { code: 'DISP-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998888' });
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'disputes-other', { providerId: other.body.id })).headers;
  const old = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `DISP-OLD-${Date.now()}` }], purchaseDate: '2023-01-10', channel: 'store', invoiceNumber: 'INV-OLD', priceFen: 259900 });
  expect(old.status).toBe(201);
  oldUnitId = old.body.id;
  const national = await t.services.fees.createList(systemCaller, { scope: 'national', providerId: null, nameZh: '全国', nameEn: 'National', base: null });
  const labour = [{ categoryId: null, kind: 'repair' as const, mode: 'adjustment' as const, callOutFen: 3000, labourFen: 5000 }];
  const v = await t.services.fees.createVersion(systemCaller, national.id, { effectiveFrom: '2026-01-01', content: { currency: 'CNY', labour, extras: [], distance: [], areas: [], defaultAreaType: 'city' } });
  await t.services.fees.publish(systemCaller, v.id, { version: v.version });
});
afterAll(() => t.close());

describe(`fee disputes on ${engine}`, () => {
  it('lets the customer dispute a charge in the portal, and an upheld dispute credits the line and tells them', async () => {
    const o = await doneOrder('2026-06-01');
    await portal();
    const labour = await lineOf(o.id, 'labour');
    expect(labour).toMatchObject({ amountFen: 5000, payer: 'customer' });
    const photo = await t.services.photos.add(systemCaller, o.id, 'site', 'image/png', realPng);

    const lines = await t.get(`/work-orders/${o.id}/disputable-fees`, customer);
    expect(lines.status).toBe(200);
    expect(lines.body.items.find((l: { lineId: string }) => l.lineId === labour.id)).toMatchObject({ amountFen: 5000, disputableFen: 5000, openDisputeId: null });
    const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'excessive_labour', text: '师傅只调了一下，收 50 元太贵', photoIds: [photo.id] }, customer);
    expect(raised.status).toBe(201);
    // The customer's shape: plain words, no staff names or who raised it.
    expect(raised.body).toMatchObject({ status: 'open', statusZh: '审核中', statusEn: 'Under review', reasonZh: '工时费过高', disputed: { amountFen: 5000, currency: 'CNY' }, refund: null, answerBy: '2026-06-03T02:40:00.000Z' });
    expect(Object.keys(raised.body)).not.toContain('raisedBy');
    expect(Object.keys(raised.body)).not.toContain('reviewedBy');
    const again = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'duplicate_charge', text: '再来一次' }, customer);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已有审核中的争议');

    // The desk reads the queue but may not decide; the reviewer (manager) does.
    const queued = await t.get(`/fee-disputes?orderId=${o.id}`, agent);
    expect(queued.body.items).toHaveLength(1);
    expect(queued.body.items[0]).toMatchObject({ raisedByKind: 'customer', raisedBy: `customer:${w.customer.id}`, photoIds: [photo.id], overdue: false, line: { amountFen: 5000, payer: 'customer' } });
    const id = raised.body.id;
    expect((await t.post(`/fee-disputes/${id}/review`, { version: 1, outcome: 'upheld', reason: '调整类维修应按 40 元收取' }, agent)).status).toBe(403);
    const decided = await t.post(`/fee-disputes/${id}/review`, { version: 1, outcome: 'upheld', reason: '核实属实，全额退还工时费' }, manager);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'upheld', credit: { amountFen: 5000, currency: 'CNY' }, refundOwedTo: 'customer', reviewedBy: expect.stringContaining('disputes-manager') });
    expect(decided.body.history.map((h: { action: string; toStatus: string }) => [h.action, h.toStatus])).toEqual([['raise', 'open'], ['upheld', 'upheld']]);
    expect((await t.post(`/fee-disputes/${id}/review`, { version: 2, outcome: 'rejected', reason: '再审' }, manager)).status).toBe(409);

    // Fees: the charge stays, a credit line of the same payer takes it back, with its history.
    const fees = (await t.get(`/work-orders/${o.id}/fees`, manager)).body;
    const credit = fees.lines.find((l: { id: string }) => l.id === decided.body.creditLineId);
    expect(credit).toMatchObject({ amountFen: -5000, payer: 'customer', source: 'staff', nameEn: expect.stringMatching(/^Credit: /), nameZh: expect.stringMatching(/^退还：/) });
    expect(fees.lines.find((l: { id: string }) => l.id === labour.id)).toMatchObject({ amountFen: 5000 });
    expect(fees.history.find((h: { lineId: string }) => h.lineId === credit.id)).toMatchObject({ action: 'added', changes: { amountFen: { from: null, to: -5000 }, creditOf: { to: labour.id } } });
    expect(fees.totals.amountFen).toBe(fees.lines.reduce((n: number, l: { amountFen: number }) => n + l.amountFen, 0));

    // The customer is told, in both languages, and sees the refund in plain words.
    const told = await t.get(`/outbox?customerId=${w.customer.id}&template=fee_dispute_upheld`);
    expect(told.body.items).toHaveLength(1);
    expect(told.body.items[0].bodyZh).toContain('异议成立，退还 ¥50.00');
    expect(told.body.items[0].bodyEn).toContain('was upheld; ¥50.00 is credited');
    const mine = await t.get('/fee-disputes', customer);
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({ id, status: 'upheld', statusZh: '成立，已退还', refund: { amountFen: 5000, currency: 'CNY' }, answer: '核实属实，全额退还工时费' });
    expect(JSON.stringify(mine.body)).not.toContain('disputes-manager');
    // Nothing of the line is left to dispute; the audit has both steps.
    const after = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'other', text: '还是不对' }, customer);
    expect(after.status).toBe(400);
    expect(after.body.error.details[0].path).toBe('lineId');
    const audit = await t.get(`/audit?subjectKind=fee_dispute&subjectId=${id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['disputes.raise', 'disputes.upheld']);
  });

  it('lets a provider admin dispute a line of their order; partly upheld is bounded, a rejection is told with its reason', async () => {
    const o = await doneOrder('2026-06-02');
    await portal();
    const callOut = await lineOf(o.id, 'call_out');
    // Another provider's admin does not see the order; a technician may not dispute.
    expect((await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: callOut.id, reason: 'distance_wrong', text: '距离不对' }, otherAdmin)).status).toBe(404);
    expect((await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: callOut.id, reason: 'distance_wrong', text: '距离不对' }, tech)).status).toBe(403);
    const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: callOut.id, reason: 'duplicate_charge', text: '同一户已收过上门费' }, providerAdmin);
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ raisedByKind: 'provider', providerId: w.provider.id, disputed: { amountFen: 3000 } });
    const tooMuch = await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'partly_upheld', amount: { amountFen: 3000, currency: 'CNY' }, reason: '部分' }, manager);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details[0]).toMatchObject({ path: 'amount.amountFen', zh: expect.stringContaining('小于争议金额') });
    const none = await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'partly_upheld', reason: '部分' }, manager);
    expect(none.body.error.details[0].path).toBe('amount');
    const rejected = await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'rejected', reason: '两张工单不是同一次上门' }, manager);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', credit: { amountFen: 0 }, creditLineId: null, outcomeReason: '两张工单不是同一次上门' });
    const told = await t.get(`/outbox?customerId=${w.customer.id}&template=fee_dispute_rejected`);
    expect(told.body.items[0].bodyZh).toContain('两张工单不是同一次上门');
    expect(told.body.items[0].bodyEn).toContain('was not upheld');
    // No credit line; a new dispute of the line may be raised now the first is decided, and partly upheld.
    expect((await t.get(`/work-orders/${o.id}/fees`, manager)).body.lines.filter((l: { amountFen: number }) => l.amountFen < 0)).toEqual([]);
    const second = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: callOut.id, reason: 'distance_wrong', text: '上门费按市区收' }, providerAdmin);
    expect(second.status).toBe(201);
    const part = await t.post(`/fee-disputes/${second.body.id}/review`, { version: 1, outcome: 'partly_upheld', amount: { amountFen: 1000, currency: 'CNY' }, reason: '退 10 元' }, manager);
    expect(part.body).toMatchObject({ status: 'partly_upheld', credit: { amountFen: 1000 } });
    const left = (await t.get(`/work-orders/${o.id}/disputable-fees`, providerAdmin)).body.items.find((l: { lineId: string }) => l.lineId === callOut.id);
    expect(left).toMatchObject({ amountFen: 3000, disputableFen: 2000 });
  });

  it('lets only one of many disputes of a line raised at once stay open', async () => {
    const o = await doneOrder('2026-06-03');
    await portal();
    const labour = await lineOf(o.id, 'labour');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'excessive_labour', text: `同时 ${i}` }, i % 2 ? providerAdmin : customer)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect((await t.get(`/fee-disputes?orderId=${o.id}`, manager)).body.total).toBe(1);
  });

  it('lets whoever raised a dispute withdraw it; nobody else', async () => {
    const o = await doneOrder('2026-06-04');
    await portal();
    const labour = await lineOf(o.id, 'labour');
    const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'work_not_done', text: '没修好' }, customer);
    expect((await t.post(`/fee-disputes/${raised.body.id}/withdraw`, { version: 1 }, providerAdmin)).status).toBe(403);
    const gone = await t.post(`/fee-disputes/${raised.body.id}/withdraw`, { version: 1 }, customer);
    expect(gone.body).toMatchObject({ status: 'withdrawn', statusEn: 'Withdrawn' });
    expect((await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 2, outcome: 'upheld', reason: '晚了' }, manager)).status).toBe(409);
  });

  it('queues the overdue first and counts disputes by provider and reason', async () => {
    const o = await doneOrder('2026-06-05');
    await portal();
    const labour = await lineOf(o.id, 'labour');
    const callOut = await lineOf(o.id, 'call_out');
    const early = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'no_defect_found', text: '没有故障' }, customer);
    clock.set(new Date('2026-06-06T12:00:00Z'));
    await portal();
    const late = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: callOut.id, reason: 'other', text: '其他' }, customer);
    clock.set(new Date('2026-06-08T00:00:00Z'));
    await portal();
    const queue = (await t.get('/fee-disputes?limit=200', manager)).body.items as { id: string; status: 'open'; dueAt: string; createdAt: string; overdue: boolean }[];
    expect(queue.find((d) => d.id === early.body.id)).toMatchObject({ overdue: true });
    expect(queue.find((d) => d.id === late.body.id)).toMatchObject({ overdue: false });
    // Every overdue dispute (this one, and the one left open in the race above) before any other.
    const overdue = queue.filter((d) => d.overdue);
    expect(overdue.length).toBe(2);
    expect(queue.slice(0, 2)).toEqual(overdue);
    expect(queue[2].id).toBe(late.body.id);
    // The SQL keeps the order the rule states.
    const asRule = queueOrder(queue.map((d) => ({ ...d, dueAt: new Date(d.dueAt), createdAt: new Date(d.createdAt) })), clock.now());
    expect(queue.map((d) => d.id)).toEqual(asRule.map((d) => d.id));

    const stats = await t.get('/fee-disputes/statistics?from=2026-06-01&to=2026-07-01', manager);
    expect(stats.status).toBe(200);
    const mine = stats.body.byProvider.find((p: { providerId: string }) => p.providerId === w.provider.id);
    // Decided so far: upheld 5000, rejected, partly upheld 1000 (two upheld of three decided); 5000 + 3000 + 3000 + 5000 + 5000 + 3000 + 5000 disputed.
    expect(mine).toMatchObject({ name: w.provider.name, decided: 3, upheld: 2, upheldShare: 0.667, creditedFen: 6000, currency: 'CNY' });
    expect(mine.disputes).toBe(7);
    const labourReason = stats.body.byReason.find((r: { reason: string }) => r.reason === 'excessive_labour');
    expect(labourReason).toMatchObject({ disputes: 2, decided: 1, upheld: 1, upheldShare: 1, creditedFen: 5000, reasonName: { zh: '工时费过高', en: 'Excessive labour' } });
    // Another provider's admin counts only their own (none); customers are not given statistics.
    expect((await t.get('/fee-disputes/statistics?from=2026-06-01&to=2026-07-01', otherAdmin)).body.byProvider).toEqual([]);
    expect((await t.get('/fee-disputes/statistics?from=2026-06-01&to=2026-07-01', customer)).status).toBe(403);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const o = await doneOrder('2026-06-09');
    await portal();
    const labour = await lineOf(o.id, 'labour');
    const other = await doneOrder('2026-06-10');
    await portal();
    const foreign = await t.services.photos.add(systemCaller, other.id, 'site', 'image/png', realPng);
    const cases: [unknown, string][] = [
      [{ lineId: labour.id, reason: 'too_dear', text: '贵' }, 'reason'],
      [{ lineId: labour.id, reason: 'other', text: '   ' }, 'text'],
      [{ lineId: 'nope', reason: 'other', text: '贵' }, 'lineId'],
      [{ lineId: (await lineOf(other.id, 'labour')).id, reason: 'other', text: '贵' }, 'lineId'],
      [{ lineId: labour.id, reason: 'other', text: '贵', photoIds: [foreign.id] }, 'photoIds.0'],
    ];
    for (const [body, path] of cases) {
      const res = await t.post(`/work-orders/${o.id}/fee-disputes`, body, customer);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
    expect((await t.get(`/fee-disputes?orderId=${o.id}`, manager)).body.total).toBe(0);
    const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'other', text: '贵' }, customer);
    const floatFen = await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'partly_upheld', amount: { amountFen: 10.5, currency: 'CNY' }, reason: '部分' }, manager);
    expect(floatFen.status).toBe(400);
    expect(floatFen.body.error.details[0].path).toBe('amount.amountFen');
    const badOutcome = await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'maybe', reason: '?' }, manager);
    expect(badOutcome.body.error.details[0].path).toBe('outcome');
    const stale = await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 7, outcome: 'rejected', reason: '旧' }, manager);
    expect(stale.status).toBe(409);
    const badRange = await t.get('/fee-disputes/statistics?from=2026-07-01&to=2026-06-01', manager);
    expect(badRange.body.error.details[0].path).toBe('to');
    expect((await t.get(`/fee-disputes/${raised.body.id}`, manager)).body).toMatchObject({ status: 'open', version: 1 });
  });

  it('lets only one of two reviewers deciding at once write the outcome and its credit', async () => {
    const o = await doneOrder('2026-06-12');
    await portal();
    const labour = await lineOf(o.id, 'labour');
    const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'excessive_labour', text: '贵' }, customer);
    const admin = t.admin.headers;
    const [a, b] = await Promise.all([
      t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'upheld', reason: '甲：全退' }, manager),
      t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'partly_upheld', amount: { amountFen: 1000, currency: 'CNY' }, reason: '乙：退 10 元' }, admin),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const credits = (await t.get(`/work-orders/${o.id}/fees`, manager)).body.lines.filter((l: { amountFen: number }) => l.amountFen < 0);
    expect(credits).toHaveLength(1);
    const won = a.status === 200 ? a.body : b.body;
    expect(credits[0].amountFen).toBe(-won.credit.amountFen);
    expect((await t.get(`/fee-disputes/${raised.body.id}`, manager)).body.history).toHaveLength(2);
    const told = await t.get(`/outbox?customerId=${w.customer.id}&limit=200`);
    expect(told.body.items.filter((m: { subject: { id: string } | null }) => m.subject?.id === raised.body.id)).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { realPng } from '../../../test/images.js';
import { cnOfficeWeek } from '../promises/index.js';

// Refunds of upheld disputes as negative payments on the order (the journey "out-of-warranty repair quoted,
// accepted, paid, disputed, refunded"), the receipt adding up, credit lines locked and kept through a
// re-price, customer evidence, the review due on the business calendar, and two refunds raced.
//
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
  const labour = [
    { categoryId: null, kind: 'repair' as const, mode: 'adjustment' as const, callOutFen: 3000, labourFen: 5000 },
    // Cheaper than the 30.00 credited in the journeys: a re-price to an inspection shrinks the credit.
    { categoryId: null, kind: 'repair' as const, mode: 'inspection' as const, callOutFen: 3000, labourFen: 1000 },
  ];
  const v = await t.services.fees.createVersion(systemCaller, national.id, { effectiveFrom: '2026-01-01', content: { currency: 'CNY', labour, extras: [], distance: [], areas: [], defaultAreaType: 'city' } });
  await t.services.fees.publish(systemCaller, v.id, { version: v.version });
});
afterAll(() => t.close());

const pay = (orderId: string, amountFen: number, key: string) =>
  t.post(`/work-orders/${orderId}/payments`, { idempotencyKey: key, amountFen, method: 'wechat_pay', reference: `WX-${key}`, collectedBy: 'provider' }, agent);

/** Quoted, accepted, done, paid in full, disputed by the customer in the portal and upheld by the reviewer. */
async function upheldAndPaid(day: string, key: string) {
  const o = await doneOrder(day);
  expect((await pay(o.id, 8000, `${key}-pay`)).status).toBe(201);
  await portal();
  const labour = await lineOf(o.id, 'labour');
  const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'excessive_labour', text: '只调了一下', photoIds: [] }, customer);
  expect(raised.status).toBe(201);
  const decided = await t.post(`/fee-disputes/${raised.body.id}/review`, { version: 1, outcome: 'partly_upheld', amount: { amountFen: 3000, currency: 'CNY' }, reason: '调整类工时费应为 20 元', staffNote: '师傅承认多收' }, manager);
  expect(decided.status).toBe(200);
  return { order: o, labour, dispute: decided.body };
}

describe(`refunds of fee disputes on ${engine}`, () => {
  it('journey: quoted, accepted, paid, disputed, upheld, refunded — the receipt and the customer timeline say so', async () => {
    const { order, dispute } = await upheldAndPaid('2026-06-01', 'journey');
    expect(dispute.refunded).toEqual({ amountFen: 0, currency: 'CNY' });
    // The customer never sees the staff note, the staff do.
    expect(dispute.staffNote).toBe('师傅承认多收');
    const seen = await t.get(`/fee-disputes/${dispute.id}`, customer);
    expect(JSON.stringify(seen.body)).not.toContain('师傅承认多收');

    // A refund is the desk's, not the technician's; the order's provider gives it back.
    expect((await t.post(`/fee-disputes/${dispute.id}/refund`, { idempotencyKey: 'journey-refund', method: 'wechat_pay', reference: 'WXR-1', paidBackBy: 'provider' }, tech)).status).toBe(403);
    const tooMuch = await t.post(`/fee-disputes/${dispute.id}/refund`, { idempotencyKey: 'journey-refund-x', amountFen: 3001, method: 'wechat_pay', reference: 'WXR-1', paidBackBy: 'provider' }, agent);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details[0]).toMatchObject({ path: 'amountFen' });
    const refunded = await t.post(`/fee-disputes/${dispute.id}/refund`, { idempotencyKey: 'journey-refund', method: 'wechat_pay', reference: 'WXR-1', paidBackBy: 'provider' }, agent);
    expect(refunded.status).toBe(200);
    expect(refunded.body.refunded).toEqual({ amountFen: 3000, currency: 'CNY' });
    expect(refunded.body.refunds).toEqual([expect.objectContaining({ amountFen: 3000, method: 'wechat_pay', reference: 'WXR-1' })]);
    expect(refunded.body.history.map((h: { action: string }) => h.action)).toEqual(['raise', 'partly_upheld', 'refund']);
    // A retry with the same key records nothing more; nothing is left to refund for another key.
    const retry = await t.post(`/fee-disputes/${dispute.id}/refund`, { idempotencyKey: 'journey-refund', method: 'wechat_pay', reference: 'WXR-1', paidBackBy: 'provider' }, agent);
    expect(retry.status).toBe(200);
    expect(retry.body.refunds).toHaveLength(1);
    expect((await t.post(`/fee-disputes/${dispute.id}/refund`, { idempotencyKey: 'journey-refund-2', method: 'cash', paidBackBy: 'provider' }, agent)).status).toBe(400);

    // The payments: the refund is a negative payment linked to the dispute, with who paid it back.
    const payments = (await t.get(`/work-orders/${order.id}/payments`, agent)).body;
    expect(payments.items.at(-1)).toMatchObject({ amountFen: -3000, method: 'wechat_pay', reference: 'WXR-1', collectedBy: 'provider', source: { kind: 'dispute', id: dispute.id } });
    // The receipt adds up: lines − credits = total; paid − refunded = collected; total − collected = balance.
    const receipt = (await t.get(`/work-orders/${order.id}/receipt`, customer)).body;
    expect(receipt).toMatchObject({ linesFen: 8000, creditsFen: 3000, totalFen: 5000, paidFen: 8000, refundedFen: 3000, collectedFen: 5000, balanceFen: 0 });
    expect(receipt.lines.reduce((n: number, l: { amountFen: number }) => n + l.amountFen, 0)).toBe(receipt.totalFen);
    expect(receipt.payments.at(-1)).toMatchObject({ amountFen: -3000, refund: true, cause: 'dispute', methodZh: '微信支付' });
    // The customer's dispute tells the story in plain words, and the SMS said so.
    const mine = (await t.get(`/fee-disputes/${dispute.id}`, customer)).body;
    expect(mine.refunded).toEqual({ amountFen: 3000, currency: 'CNY' });
    expect(mine.timeline.map((e: { en: string }) => e.en)).toEqual([
      'You disputed the charge "Labour" (¥50.00)'.replace('Labour', mine.lineEn),
      'Answer: the dispute was partly upheld; ¥30.00 is taken off the charge',
      '¥30.00 refunded to you by WeChat Pay',
    ]);
    expect(mine.timeline[2].zh).toBe('已通过微信支付退还 ¥30.00');
    const sms = await t.get(`/outbox?customerId=${w.customer.id}&template=fee_dispute_refunded`);
    expect(sms.body.items.some((m: { bodyZh: string }) => m.bodyZh.includes(order.number) && m.bodyZh.includes('¥30.00'))).toBe(true);
  });

  it('never refunds a dispute more than was paid net of earlier refunds (the fees function disputes call)', async () => {
    const o = await doneOrder('2026-06-02');
    expect((await pay(o.id, 2000, 'partial-pay')).status).toBe(201);
    const { recordRefund } = await import('../fees/index.js');
    const { money } = await import('../../shared/money.js');
    const source = { kind: 'dispute' as const, id: '00000000-0000-4000-8000-000000000001' };
    const base = { orderId: o.id, reason: '七天退货', source, method: 'cash' as const, paidBackBy: 'provider' as const };
    const first = await recordRefund(t.services.fees, systemCaller, { ...base, amount: money(1500), idempotencyKey: 'return-refund-1' });
    expect(first).toMatchObject({ paidFen: 2000, refundedFen: 1500, collectedFen: 500, replayed: false });
    await expect(recordRefund(t.services.fees, systemCaller, { ...base, amount: money(501), idempotencyKey: 'return-refund-2' })).rejects.toMatchObject({ status: 422 });
    await expect(recordRefund(t.services.fees, systemCaller, { ...base, amount: money(0), idempotencyKey: 'return-refund-3' })).rejects.toMatchObject({ status: 422 });
    const replay = await recordRefund(t.services.fees, systemCaller, { ...base, amount: money(1500), idempotencyKey: 'return-refund-1' });
    expect(replay).toMatchObject({ refundedFen: 1500, replayed: true });
    const refunds = await t.services.fees.payments.refundsFor(t.services.db, 'dispute', [source.id]);
    expect(refunds.get(source.id)).toEqual([expect.objectContaining({ amountFen: 1500, method: 'cash' })]);
  });

  it('two refunds that together exceed what was paid, at once: one is recorded', async () => {
    const o = await doneOrder('2026-06-03');
    expect((await pay(o.id, 8000, 'race-pay')).status).toBe(201);
    const { recordRefund } = await import('../fees/index.js');
    const { money } = await import('../../shared/money.js');
    const tries = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => recordRefund(t.services.fees, systemCaller, { orderId: o.id, amount: money(5000), reason: '竞争退款', source: { kind: 'dispute', id: `00000000-0000-4000-8000-00000000000${i}` }, method: 'cash', paidBackBy: 'provider', idempotencyKey: `race-refund-${i}` })),
    );
    expect(tries.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const payments = (await t.get(`/work-orders/${o.id}/payments`, agent)).body;
    expect(payments).toMatchObject({ paidFen: 8000, refundedFen: 5000 });
  });

  it('keeps a dispute credit: staff cannot remove or change it, and a re-price points it at the re-priced line', async () => {
    const { order, labour, dispute } = await upheldAndPaid('2026-06-04', 'locked');
    const fees = (await t.get(`/work-orders/${order.id}/fees`, manager)).body;
    const credit = fees.lines.find((l: { id: string }) => l.id === dispute.creditLineId);
    const removed = await t.post(`/work-orders/${order.id}/fees/lines/${credit.id}/remove`, { version: credit.version, reason: '删掉' }, manager);
    const changed = await t.post(`/work-orders/${order.id}/fees/lines/${credit.id}/payer`, { version: credit.version, payer: 'provider', reason: '改' }, manager);
    for (const r of [removed, changed]) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('fee_credit_locked');
      expect(r.body.error.message).toContain('dispute');
    }
    const repriced = await t.post(`/work-orders/${order.id}/fees/reprice`, { reason: '价目调整' }, manager);
    expect(repriced.status).toBe(200);
    const newLabour = repriced.body.lines.find((l: { kind: string; code: string }) => l.kind === 'labour' && l.code !== 'credit');
    expect(newLabour.id).not.toBe(labour.id);
    const kept = repriced.body.lines.find((l: { id: string }) => l.id === credit.id);
    expect(kept).toMatchObject({ amountFen: -3000 });
    expect(repriced.body.history.filter((h: { lineId: string; action: string }) => h.lineId === credit.id && h.action === 'credit_repointed')).toEqual([
      expect.objectContaining({ changes: { creditOf: { from: labour.id, to: newLabour.id } } }),
    ]);
    // What is left to dispute of the re-priced line counts the credit that follows it.
    const left = (await t.get(`/work-orders/${order.id}/disputable-fees`, customer)).body.items.find((l: { lineId: string }) => l.lineId === newLabour.id);
    expect(left.disputableFen).toBe(2000);
    const receipt = (await t.get(`/work-orders/${order.id}/receipt`, customer)).body;
    expect(receipt.totalFen).toBe(receipt.linesFen - receipt.creditsFen);
  });

  it('lets the customer attach photos to their open dispute (checked, hashed, limited); staff see them', async () => {
    const o = await doneOrder('2026-06-05');
    await portal();
    const labour = await lineOf(o.id, 'labour');
    const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'work_not_done', text: '没修好', photoIds: [] }, customer);
    expect(raised.status).toBe(201);
    const id = raised.body.id;
    const up = (bytes: Uint8Array, type: string, who = customer) => t.app.request(`/fee-disputes/${id}/evidence`, { method: 'POST', headers: { ...who, 'content-type': type }, body: Buffer.from(bytes) });
    const bad = await up(new TextEncoder().encode('<html><script>alert(1)</script>'), 'image/png');
    expect(bad.status).toBe(400);
    expect((await up(new Uint8Array(0), 'image/png')).status).toBe(400);
    const ok = await up(realPng, 'image/png');
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { evidence: { id: string; bytes: number }[] };
    expect(body.evidence).toEqual([expect.objectContaining({ contentType: 'image/png', bytes: realPng.length })]);
    // Staff: the file with its hash and who uploaded it; and the bytes themselves.
    const staff = (await t.get(`/fee-disputes/${id}`, agent)).body;
    expect(staff.evidence[0]).toMatchObject({ uploadedByKind: 'customer', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await t.app.request(`/fee-disputes/${id}/evidence/${staff.evidence[0].id}`, { headers: agent });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    // The lists carry the files too: the desk's queue, and the customer's own list in their strict shape (thumbnails).
    expect((await t.get(`/fee-disputes?orderId=${o.id}`, agent)).body.items[0].evidence).toEqual([expect.objectContaining({ id: staff.evidence[0].id, sha256: staff.evidence[0].sha256 })]);
    const mine = (await t.get(`/fee-disputes?orderId=${o.id}`, customer)).body.items[0];
    expect(mine.evidence).toEqual([{ id: staff.evidence[0].id, contentType: 'image/png', bytes: realPng.length, uploadedAt: staff.evidence[0].uploadedAt }]);
    expect((await t.app.request(`/fee-disputes/${id}/evidence/${mine.evidence[0].id}`, { headers: customer })).status).toBe(200);
    // Only whoever raised it adds evidence; none once decided.
    expect((await up(realPng, 'image/png', providerAdmin)).status).toBe(403);
    await t.post(`/fee-disputes/${id}/review`, { version: staff.version, outcome: 'rejected', reason: '已修好' }, manager);
    expect((await up(realPng, 'image/png')).status).toBe(409);
  });

  it('shrinks a credit to its line when a re-price makes the line smaller, with history, and the refund owed follows', async () => {
    const { order, dispute } = await upheldAndPaid('2026-06-08', 'shrink');
    const repriced = await t.post(`/work-orders/${order.id}/fees/reprice`, { jobMode: 'inspection', reason: '实为检测 / it was an inspection' }, manager);
    expect(repriced.status).toBe(200);
    const labour = repriced.body.lines.find((l: { kind: string; code: string }) => l.kind === 'labour' && l.code !== 'credit');
    expect(labour.amountFen).toBe(1000);
    const credit = repriced.body.lines.find((l: { id: string }) => l.id === dispute.creditLineId);
    expect(credit).toMatchObject({ amountFen: -1000 });
    const rows = repriced.body.history.filter((h: { lineId: string }) => h.lineId === credit.id).map((h: { action: string; changes: unknown }) => [h.action, h.changes]);
    expect(rows).toEqual([
      ['added', expect.anything()],
      ['credit_repointed', { creditOf: { from: expect.any(String), to: labour.id } }],
      ['credit_shrunk', { amountFen: { from: -3000, to: -1000 } }],
    ]);
    // The receipt adds up: call-out 30 + labour 10 − credit 10 = 30; paid 80, so 50 is owed back.
    const receipt = (await t.get(`/work-orders/${order.id}/receipt`, customer)).body;
    expect(receipt).toMatchObject({ linesFen: 4000, creditsFen: 1000, totalFen: 3000, collectedFen: 8000, balanceFen: -5000 });
    // The dispute's credit, for staff and the customer, is what the credit line gives back now; the refund stops there.
    expect((await t.get(`/fee-disputes/${dispute.id}`, agent)).body.credit).toEqual({ amountFen: 1000, currency: 'CNY' });
    expect((await t.get(`/fee-disputes?orderId=${order.id}`, customer)).body.items[0].refund).toEqual({ amountFen: 1000, currency: 'CNY' });
    const tooMuch = await t.post(`/fee-disputes/${dispute.id}/refund`, { idempotencyKey: 'shrink-refund-x', amountFen: 1001, method: 'cash', paidBackBy: 'provider' }, agent);
    expect(tooMuch.status).toBe(400);
    const refunded = await t.post(`/fee-disputes/${dispute.id}/refund`, { idempotencyKey: 'shrink-refund', method: 'cash', paidBackBy: 'provider' }, agent);
    expect(refunded.status).toBe(200);
    expect(refunded.body.refunded).toEqual({ amountFen: 1000, currency: 'CNY' });
  });

  it('sets the review due time on the business calendar when one applies', async () => {
    const cal = await t.services.promises.createCalendar(systemCaller, { code: `DISP-CAL-${Date.now()}`, nameZh: '办公日历', nameEn: 'Office week', timeZone: 'Asia/Shanghai', week: cnOfficeWeek, isDefault: true, providerId: null, region: null, days: [] } as never);
    try {
      const o = await doneOrder('2026-06-12');
      clock.set(new Date('2026-06-12T09:00:00Z')); // Friday 17:00 in Shanghai
      await portal();
      const labour = await lineOf(o.id, 'labour');
      const raised = await t.post(`/work-orders/${o.id}/fee-disputes`, { lineId: labour.id, reason: 'other', text: '周五下班前', photoIds: [] }, customer);
      expect(raised.status).toBe(201);
      const due = new Date(raised.body.answerBy);
      // 48 business hours from Friday 17:00 on the office week is far beyond 48 calendar hours.
      expect(due.getTime()).toBeGreaterThan(new Date('2026-06-12T09:00:00Z').getTime() + 5 * 86_400_000);
      const queue = (await t.get(`/fee-disputes?orderId=${o.id}`, agent)).body.items[0];
      expect(queue).toMatchObject({ overdue: false, dueAt: raised.body.answerBy });
      clock.set(new Date(due.getTime() + 60_000));
      expect((await t.get(`/fee-disputes?orderId=${o.id}`, agent)).body.items[0].overdue).toBe(true);
    } finally {
      await t.services.promises.updateCalendar(systemCaller, cal.id, { version: cal.version, isDefault: false } as never).catch(() => undefined);
    }
  });
});

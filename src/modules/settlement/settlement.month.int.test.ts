import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { ok as expectStatus, onSiteOrder } from '../../../test/on-site.js';

const ok = (res: { status: number; body: any }, status = 200) => expectStatus(res, status);

// A provider's month end to end through the API: June's orders; the draft has a reward (delighted
// follow-ups), a penalty for an old part never returned and one for a complaint upheld, each
// naming its orders; an order whose old part is still on its way, and one held for fraud review,
// stay out and roll into July once their part ships / the review releases them. The provider
// disputes a line, headquarters answers, the provider agrees; whoever prepared the statement may
// not approve it (409, both languages): a second person does; then it is paid.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let admin2: Record<string, string>;
let providerAdmin: Record<string, string>;
let tech: Record<string, string>;
let pumpId: string;
let warehouse: string;
const s = () => t.services.workOrders;
const orders: Record<string, string> = {};

/** An in-warranty order done on `day` (with the pump replaced when asked), confirmed and followed up. */
async function month(day: string, opts: { pump?: boolean; satisfaction?: 'delighted' | 'neutral'; answer?: 'nobody_came' } = {}) {
  let o = await onSiteOrder(t, w, clock, day, { symptom: '不排水 / does not drain', until: '02:59' });
  if (opts.pump) await ok(await t.post(`/work-orders/${o.id}/parts-used`, { lineKey: 'pump', partId: pumpId, oldSerial: `OLD-${day}` }, tech), 201);
  clock.set(new Date(`${day}T02:40:00Z`));
  o = await s().perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
  o = await s().perform(systemCaller, o.id, 'send_acceptance_code', { version: o.version });
  o = await s().perform(systemCaller, o.id, 'confirm', { version: o.version, overrideReason: '客户电话确认 / confirmed by phone' } as never);
  const fixed = opts.answer ? { satisfaction: 'dissatisfied', attitude: 2, skill: 2, fixedFirstTime: false, answer: opts.answer } : { satisfaction: opts.satisfaction ?? 'neutral', attitude: 4, skill: 4, fixedFirstTime: true };
  o = await s().perform(systemCaller, o.id, 'follow_up', { version: o.version, repeatVisit: false, ...fixed } as never);
  return o.id;
}

type Line = { lineNo: number; kind: string; orderId: string | null; ruleCode: string | null; orderIds: string[]; amountFen: number };

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'month-manager')).headers;
  admin2 = (await tokenFor(t.services, 'admin', 'month-admin-2')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'month-provider', { providerId: w.provider.id })).headers;
  tech = (await tokenFor(t.services, 'technician', 'month-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const national = await t.services.fees.createList(systemCaller, { scope: 'national', providerId: null, nameZh: '全国', nameEn: 'National', base: null });
  const labour = [{ categoryId: null, kind: 'repair' as const, mode: 'adjustment' as const, callOutFen: 3000, labourFen: 5000 }];
  const v = await t.services.fees.createVersion(systemCaller, national.id, { effectiveFrom: '2026-01-01', content: { currency: 'CNY', labour, extras: [], distance: [], areas: [], defaultAreaType: 'city' } });
  await t.services.fees.publish(systemCaller, v.id, { version: v.version });
  warehouse = (await ok(await t.post('/stock/locations', { code: 'MONTH-WH', kind: 'regional', nameZh: '区域仓', nameEn: 'Warehouse' }, manager), 201)).id;
  const van = (await ok(await t.post('/stock/locations', { code: 'MONTH-VAN', kind: 'van', nameZh: '车载库', nameEn: 'Van', technicianId: w.technicians[0].id }, manager), 201)).id;
  pumpId = (await ok(await t.post('/parts', { number: 'MONTH-PUMP', nameZh: '排水泵', nameEn: 'Drain pump', modelIds: [w.model.id], listFen: 9000, issueFen: 5000, returnable: true, returnDays: 15 }, manager), 201)).id;
  await ok(await t.post('/stock/receipts', { locationId: van, partId: pumpId, quantity: 5 }, manager), 201);

  await ok(await t.post('/settlement/rules', { code: 'm_delighted', nameZh: '满意奖励', nameEn: 'Delighted reward', kind: 'reward', measure: 'follow_up_delighted_share', thresholdMin: 0.2, basis: 'per_order', amountFen: 1000, activeFrom: '2026-01-01' }, manager), 201);
  await ok(await t.post('/settlement/rules', { code: 'm_old_parts', nameZh: '旧件逾期扣款', nameEn: 'Old parts late or missing', kind: 'penalty', measure: 'old_parts_late_or_missing', thresholdMin: 1, basis: 'per_order', amountFen: 5000, activeFrom: '2026-01-01' }, manager), 201);
  await ok(await t.post('/settlement/rules', { code: 'm_complaint', nameZh: '投诉成立扣款', nameEn: 'Complaint upheld', kind: 'penalty', measure: 'complaint_upheld', thresholdMin: 1, basis: 'per_order', amountFen: 3000, activeFrom: '2026-01-01' }, manager), 201);

  orders.late = await month('2026-06-02', { pump: true });
  orders.delighted = await month('2026-06-03', { satisfaction: 'delighted' });
  orders.fraud = await month('2026-06-04', { answer: 'nobody_came' });
  orders.complained = await month('2026-06-05');
  // Its old part is due 1 July 02:10 UTC, after June ends in the provider's zone: awaited, not settled in June.
  orders.awaited = await month('2026-06-16', { pump: true });
  const c = await t.services.complaints.file(systemCaller, { source: 'phone', category: 'service_attitude', severity: 'normal', orderIds: [orders.complained], text: '师傅态度差 / rude technician' });
  await t.services.complaints.resolve(systemCaller, c.id, { version: (c as { version: number }).version, rootCause: 'attitude', resolution: '已道歉并培训师傅 / apologised, technician retrained' });
  clock.set(new Date('2026-07-02T01:00:00Z'));
}, 240_000);
afterAll(() => t?.close());

describe(`a provider's month, orders to paid, on ${engine}`, () => {
  let june: { id: string; version: number; lines: Line[]; totalFen: number };

  it('drafts June: a reward, the late old part and the upheld complaint as penalties naming their orders; the fraud-held and awaited orders stay out', async () => {
    expect((await ok(await t.get(`/work-orders/${orders.fraud}/fraud`, manager))).status).toBe('held');
    june = await ok(await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-06' }, manager));
    expect(june).toMatchObject({ status: 'draft', orderCount: 3, heldCount: 2 });
    const fees = new Set(june.lines.filter((l) => l.kind === 'fee').map((l) => l.orderId));
    expect(fees).toEqual(new Set([orders.late, orders.delighted, orders.complained]));
    const byRule = Object.fromEntries(june.lines.filter((l) => l.kind === 'rule').map((l) => [l.ruleCode, l]));
    expect(byRule.m_delighted).toMatchObject({ amountFen: 1000, orderIds: [orders.delighted] });
    expect(byRule.m_old_parts).toMatchObject({ amountFen: -5000, orderIds: [orders.late] });
    expect(byRule.m_complaint).toMatchObject({ amountFen: -3000, orderIds: [orders.complained] });
    // The held orders are named with what holds them, not settled anywhere yet.
    const held = (june as unknown as { held: { orderId: string; reasons: { code: string }[]; settledIn: unknown }[] }).held;
    expect(held.map((h) => [h.orderId, h.reasons.map((r) => r.code), h.settledIn]).sort()).toEqual(
      [
        [orders.fraud, ['fraud_review'], null],
        [orders.awaited, ['old_part_awaited'], null],
      ].sort(),
    );
    // Generated again from the same records, later: the same statement.
    clock.set(new Date('2026-07-03T01:00:00Z'));
    const again = await ok(await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-06' }, manager));
    expect(again.lines).toEqual(june.lines);
    june = again;
  });

  it('the provider disputes a line, it is answered and agreed; the preparer may not approve, a second person does; paid', async () => {
    const penalty = june.lines.find((l) => l.ruleCode === 'm_old_parts')!;
    let r = await ok(await t.post(`/settlement-statements/${june.id}/send`, { version: june.version }, manager));
    r = await ok(await t.post(`/settlement-statements/${june.id}/lines/${penalty.lineNo}/dispute`, { reason: 'rule_misapplied', note: '旧件已寄出 / we shipped it' }, providerAdmin));
    expect(r.status).toBe('disputed');
    r = await ok(await t.post(`/settlement-statements/${june.id}/lines/${penalty.lineNo}/answer`, { answer: '未收到旧件，扣款维持 / not received: the penalty stands', correctionFen: 0 }, manager));
    expect(r.status).toBe('answered');
    r = await ok(await t.post(`/settlement-statements/${june.id}/agree`, { version: r.version }, providerAdmin));
    const own = await t.post(`/settlement-statements/${june.id}/approve`, { version: r.version }, manager);
    expect([own.status, own.body.error.code]).toEqual([409, 'second_person_needed']);
    expect(own.body.error.message).toContain('a second person approves it');
    expect(own.body.error.message).toContain('须由另一人审批');
    r = await ok(await t.post(`/settlement-statements/${june.id}/approve`, { version: r.version }, admin2));
    expect(r).toMatchObject({ status: 'approved', approvedBy: expect.stringContaining('month-admin-2') });
    r = await ok(await t.post(`/settlement-statements/${june.id}/pay`, { version: r.version, reference: 'BANK-2026-07-06' }, manager));
    expect(r).toMatchObject({ status: 'paid', paymentReference: 'BANK-2026-07-06' });
    expect((r.history as { action: string }[]).map((h) => h.action)).toEqual(['generate', 'generate', 'send', 'dispute', 'answer', 'agree', 'approve', 'pay']);
  });

  it('rolls the released fraud order and the awaited one (its part shipped on time) into July', async () => {
    const awaited = (await ok(await t.get(`/old-parts/returns?orderId=${orders.awaited}`, providerAdmin))).items[0];
    const box = await ok(await t.post('/old-parts/shipments', { returnIds: [awaited.id], toLocationId: warehouse }, providerAdmin), 201);
    clock.set(new Date('2026-07-01T01:00:00Z'));
    await ok(await t.post(`/old-parts/shipments/${box.id}/ship`, { version: box.version }, providerAdmin));
    const review = await ok(await t.get(`/work-orders/${orders.fraud}/fraud`, manager));
    await ok(await t.post(`/work-orders/${orders.fraud}/fraud/release`, { version: review.version, reason: '客户确认师傅已上门 / the customer confirms the visit' }, manager));
    clock.set(new Date('2026-08-02T01:00:00Z'));
    const july = await ok(await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-07' }, manager));
    expect(july).toMatchObject({ orderCount: 2, heldCount: 0 });
    expect(new Set((july.lines as Line[]).filter((l) => l.kind === 'fee').map((l) => l.orderId))).toEqual(new Set([orders.fraud, orders.awaited]));
    // Shipped on time: no old-part penalty in July.
    expect((july.lines as Line[]).some((l) => l.ruleCode === 'm_old_parts')).toBe(false);
    // July names them as rolled over from June; June's page names July as where they went.
    expect(new Map((july.rolledIn as { orderId: string; heldIn: string; reasons: { code: string }[] }[]).map((r) => [r.orderId, [r.heldIn, r.reasons.map((x) => x.code)]]))).toEqual(
      new Map([
        [orders.fraud, ['2026-06', ['fraud_review']]],
        [orders.awaited, ['2026-06', ['old_part_awaited']]],
      ]),
    );
    const juneAgain = await ok(await t.get(`/settlement-statements/${june.id}`, providerAdmin));
    expect((juneAgain.held as { settledIn: { period: string } }[]).map((h) => h.settledIn?.period)).toEqual(['2026-07', '2026-07']);
  });
});

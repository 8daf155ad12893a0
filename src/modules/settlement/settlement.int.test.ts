import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// A provider's month from orders to a paid statement through the API: fee lines at the prices
// fees gave them, what the technician collected deducted, a reward and a penalty from rules as
// data, an order held by an open fee dispute rolling into the next month, a disputed line answered
// with a correction carried into the next statement; regenerating a draft gives the same statement;
// two generations at once and two approvals at once (one wins); exports; technician pay.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let admin2: Record<string, string>;
let admin3: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let oldUnitId: string;
const s = () => t.services.workOrders;

/** An order done on `day`: in warranty (the maker pays) or not (a quote accepted, the customer pays). */
async function doneOrder(day: string, opts: { inWarranty: boolean; techIndex?: number }) {
  let o = (await s().intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: opts.inWarranty ? w.unit.id : oldUnitId, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s().perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s().perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[opts.techIndex ?? 0].id });
  o = await s().perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T02:00:00Z`, to: `${day}T02:59:00Z` });
  clock.set(new Date(`${day}T02:10:00Z`));
  o = await s().perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
  if (!opts.inWarranty) {
    const q = await t.services.fees.quotes.create(systemCaller, o.id, { jobMode: 'adjustment', extras: [], parts: [] });
    await t.services.fees.quotes.offer(systemCaller, o.id, q.id, { sendSms: false });
    await t.services.fees.quotes.accept(systemCaller, o.id, q.id, { signedName: '王女士', confirmed: true });
  }
  clock.set(new Date(`${day}T02:40:00Z`));
  return s().perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
}

async function settle(o: { id: string; version: number }, satisfaction: 'dissatisfied' | 'neutral' | 'delighted') {
  let x = await s().perform(systemCaller, o.id, 'send_acceptance_code', { version: o.version });
  x = await s().perform(systemCaller, o.id, 'confirm', { version: x.version, overrideReason: '客户电话确认 / confirmed by phone' } as never);
  return s().perform(systemCaller, o.id, 'follow_up', { version: x.version, satisfaction, attitude: 4, skill: 4, fixedFirstTime: true, repeatVisit: false } as never);
}

type Line = { lineNo: number; kind: string; orderId: string | null; amountFen: number; ruleCode: string | null; measuredValue: number | null; orderIds: string[]; explain: { zh: string; en: string }; disputeStatus: string | null };
const feesOf = async (orderId: string) => ((await t.get(`/work-orders/${orderId}/fees`, manager)).body.lines as { id: string; kind: string; amountFen: number; payer: string }[]);
/** The statement without what differs by when it was made: its times, version and history. */
const stable = (d: Record<string, unknown>) => JSON.stringify({ ...d, generatedAt: null, generation: null, version: null, history: null });

const orders: Record<string, { id: string; version: number }> = {};

beforeAll(async () => {
  t = await testApp({ clock, services: { settlementApprovalThresholdFen: 3_000 } });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'settle-manager')).headers;
  admin2 = (await tokenFor(t.services, 'admin', 'settle-admin-2')).headers;
  admin3 = (await tokenFor(t.services, 'admin', 'settle-admin-3')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'settle-provider', { providerId: w.provider.id })).headers;
  const other = await t.post('/providers', { code: 'SETTLE-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998888' });
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'settle-other', { providerId: other.body.id })).headers;
  const old = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `SETTLE-OLD-${Date.now()}` }], purchaseDate: '2023-01-10', channel: 'store', invoiceNumber: 'INV-OLD', priceFen: 259900 });
  oldUnitId = old.body.id;
  const national = await t.services.fees.createList(systemCaller, { scope: 'national', providerId: null, nameZh: '全国', nameEn: 'National', base: null });
  const labour = [{ categoryId: null, kind: 'repair' as const, mode: 'adjustment' as const, callOutFen: 3000, labourFen: 5000 }];
  const v = await t.services.fees.createVersion(systemCaller, national.id, { effectiveFrom: '2026-01-01', content: { currency: 'CNY', labour, extras: [], distance: [], areas: [], defaultAreaType: 'city' } });
  await t.services.fees.publish(systemCaller, v.id, { version: v.version });

  orders.a = await settle(await doneOrder('2026-06-02', { inWarranty: true }), 'delighted');
  orders.b = await settle(await doneOrder('2026-06-03', { inWarranty: true, techIndex: 1 }), 'dissatisfied');
  const c = await doneOrder('2026-06-04', { inWarranty: false });
  // The technician took the customer's cash: the provider owes it back.
  await t.services.fees.payments.record(systemCaller, c.id, { idempotencyKey: 'settle-cash-0001', amountFen: 8000, currency: 'CNY', method: 'cash', collectedBy: 'technician' } as never);
  orders.c = await settle(c, 'neutral');
  const d = await doneOrder('2026-06-05', { inWarranty: false });
  orders.d = await settle(d, 'delighted');
  const disputed = (await feesOf(d.id)).find((l) => l.kind === 'labour')!;
  orders.dDispute = await t.services.disputes.raise(systemCaller, d.id, { lineId: disputed.id, reason: 'other', text: '收费有误', photoIds: [] } as never);
  // Done but never followed up: not settled.
  orders.e = await doneOrder('2026-06-06', { inWarranty: true });

  const rule = (body: Record<string, unknown>) => t.post('/settlement/rules', { activeFrom: '2026-01-01', activeTo: null, thresholdMax: null, ...body }, manager);
  expect((await rule({ code: 'delighted_reward', nameZh: '满意奖励', nameEn: 'Delighted reward', kind: 'reward', measure: 'follow_up_delighted_share', thresholdMin: 0.3, basis: 'per_order', amountFen: 1000 })).status).toBe(201);
  expect((await rule({ code: 'dissatisfied_penalty', nameZh: '不满意扣款', nameEn: 'Dissatisfied penalty', kind: 'penalty', measure: 'follow_up_dissatisfied', thresholdMin: 1, basis: 'per_order', amountFen: 2000 })).status).toBe(201);
  expect((await rule({ code: 'repeat_penalty', nameZh: '重复维修扣款', nameEn: 'Repeat repair', kind: 'penalty', measure: 'repeat_repair_30d', thresholdMin: 1, basis: 'fixed', amountFen: 9999 })).status).toBe(201);
  clock.set(new Date('2026-07-02T01:00:00Z'));
}, 240_000);
afterAll(() => t?.close());

describe(`settlement with providers on ${engine}`, () => {
  let june: { id: string; version: number; lines: Line[]; totalFen: number };

  it('generates a draft: fee lines, the cash collected deducted, rule lines naming their measure and orders; the disputed order held', async () => {
    const res = await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-06' }, manager);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    june = res.body;
    expect(res.body).toMatchObject({ status: 'draft', orderCount: 3, heldCount: 1, period: '2026-06', timeZone: 'Asia/Shanghai' });
    const lines = res.body.lines as Line[];
    const settled = [orders.a.id, orders.b.id, orders.c.id];
    expect(new Set(lines.filter((l) => l.kind === 'fee').map((l) => l.orderId))).toEqual(new Set(settled));
    let feeSum = 0;
    for (const id of settled) for (const f of await feesOf(id)) feeSum += f.payer === 'provider' ? -f.amountFen : f.amountFen;
    expect(lines.filter((l) => l.kind === 'fee').reduce((a, l) => a + l.amountFen, 0)).toBe(feeSum);
    expect(lines.filter((l) => l.kind === 'collected')).toMatchObject([{ orderId: orders.c.id, amountFen: -8000 }]);
    const reward = lines.find((l) => l.ruleCode === 'delighted_reward')!;
    expect(reward).toMatchObject({ kind: 'rule', measuredValue: 0.3333, orderIds: [orders.a.id], amountFen: 1000 });
    const penalty = lines.find((l) => l.ruleCode === 'dissatisfied_penalty')!;
    expect(penalty).toMatchObject({ measuredValue: 1, orderIds: [orders.b.id], amountFen: -2000 });
    expect(penalty.explain.en).toContain('dissatisfied');
    // The same unit repaired again within 30 days after a and after b (e, never followed up, still counts as the repeat).
    expect(lines.find((l) => l.ruleCode === 'repeat_penalty')).toMatchObject({ measuredValue: 2, orderIds: [orders.a.id, orders.b.id], amountFen: -9999 });
    expect(lines.some((l) => l.orderId === orders.d.id || l.orderId === orders.e.id)).toBe(false);
    expect(res.body.totalFen).toBe(lines.reduce((a, l) => a + l.amountFen, 0));
    expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i + 1));
  });

  it('regenerating the draft from the same data gives the identical statement', async () => {
    const again = await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-06' }, manager);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(june.id);
    expect(again.body.generation).toBe(2);
    expect(stable(again.body)).toBe(stable(june as never));
    june = again.body;
  });

  it('two generations of the same draft at once: serialised, the statement once, not doubled', async () => {
    const [x, y] = await Promise.all([
      t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-06' }, manager),
      t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-06' }, admin2),
    ]);
    expect([x.status, y.status]).toEqual([200, 200]);
    const now = (await t.get(`/settlement-statements/${june.id}`, manager)).body;
    expect(now.generation).toBe(4);
    expect(stable(now)).toBe(stable(june as never));
    june = now;
  });

  it('keeps providers apart, and refuses bad input naming the field', async () => {
    expect((await t.get(`/settlement-statements/${june.id}`, otherAdmin)).status).toBe(404);
    expect((await t.get('/settlement-statements', otherAdmin)).body.total).toBe(0);
    expect((await t.get(`/settlement-statements/${june.id}`, providerAdmin)).status).toBe(200);
    const bad = await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-13' }, manager);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('period');
    const future = await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-07' }, manager);
    expect([future.status, future.body.error.details[0].path]).toEqual([400, 'period']);
    const rule = await t.post('/settlement/rules', { code: 'bad_rule', nameZh: '坏', nameEn: 'Bad', kind: 'reward', measure: 'follow_up_dissatisfied', thresholdMin: 5, thresholdMax: 1, basis: 'fixed', amountFen: 1, activeFrom: '2026-01-01' }, manager);
    expect([rule.status, rule.body.error.details[0].path]).toEqual([400, 'thresholdMax']);
    const measure = await t.post('/settlement/rules', { code: 'bad_measure', nameZh: '坏', nameEn: 'Bad', kind: 'reward', measure: 'nope', thresholdMin: 1, basis: 'fixed', amountFen: 1, activeFrom: '2026-01-01' }, manager);
    expect([measure.status, measure.body.error.details[0].path]).toEqual([400, 'measure']);
    expect((await t.post(`/settlement-statements/${june.id}/send`, { version: june.version }, providerAdmin)).status).toBe(403);
  });

  it('send, the provider disputes a line, headquarters answers with a correction, agree, approve (second role above the threshold), pay', async () => {
    let r = await t.post(`/settlement-statements/${june.id}/send`, { version: june.version }, manager);
    expect([r.status, r.body.status]).toEqual([200, 'sent']);
    // Sent: never generated again.
    const regen = await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-06' }, manager);
    expect([regen.status, regen.body.error.code]).toEqual([409, 'statement_frozen']);
    const penalty = (r.body.lines as Line[]).find((l) => l.ruleCode === 'dissatisfied_penalty')!;
    r = await t.post(`/settlement-statements/${june.id}/lines/${penalty.lineNo}/dispute`, { reason: 'rule_misapplied', note: '顾客不满意是因为配件缺货，非师傅原因' }, providerAdmin);
    expect([r.status, r.body.status]).toEqual([200, 'disputed']);
    expect((await t.post(`/settlement-statements/${june.id}/agree`, { version: r.body.version }, providerAdmin)).body.error.code).toBe('statement_disputed');
    r = await t.post(`/settlement-statements/${june.id}/lines/${penalty.lineNo}/answer`, { answer: '核实属实，退还一半', correctionFen: 1000 }, manager);
    expect([r.status, r.body.status]).toEqual([200, 'answered']);
    expect((r.body.lines as Line[]).find((l) => l.lineNo === penalty.lineNo)!.disputeStatus).toBe('answered');
    // The statement itself did not change.
    expect(r.body.totalFen).toBe(june.totalFen);
    r = await t.post(`/settlement-statements/${june.id}/agree`, { version: r.body.version }, providerAdmin);
    expect([r.status, r.body.status]).toEqual([200, 'agreed']);
    expect(r.body.needsSecondRole).toBe(true);
    const refused = await t.post(`/settlement-statements/${june.id}/approve`, { version: r.body.version }, manager);
    expect([refused.status, refused.body.error.details.permission]).toEqual([403, 'settlement.approve_large']);
    // A second person approves: admin 2 generated June, so admin 3 approves it.
    const own = await t.post(`/settlement-statements/${june.id}/approve`, { version: r.body.version }, admin2);
    expect([own.status, own.body.error.code]).toEqual([409, 'second_person_needed']);
    expect(own.body.error.message).toMatch(/second person.*另一人审批/);
    r = await t.post(`/settlement-statements/${june.id}/approve`, { version: r.body.version }, admin3);
    expect([r.status, r.body.status]).toEqual([200, 'approved']);
    r = await t.post(`/settlement-statements/${june.id}/pay`, { version: r.body.version, reference: 'BANK-2026-07-001' }, manager);
    expect([r.status, r.body.status, r.body.paymentReference]).toEqual([200, 'paid', 'BANK-2026-07-001']);
    expect((r.body.history as { action: string }[]).map((h) => h.action)).toEqual(['generate', 'generate', 'generate', 'generate', 'send', 'dispute', 'answer', 'agree', 'approve', 'pay']);
  });

  it('the held order rolls into the next month once its dispute is decided, with the correction carried in; two approvals at once: one wins', async () => {
    await t.services.disputes.review(systemCaller, (orders.dDispute as unknown as { id: string }).id, { version: 1, outcome: 'rejected', reason: '收费正确' } as never);
    clock.set(new Date('2026-08-02T01:00:00Z'));
    const july = await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-07' }, manager);
    expect(july.status).toBe(200);
    expect(july.body).toMatchObject({ orderCount: 1, heldCount: 0 });
    const lines = july.body.lines as Line[];
    expect(new Set(lines.filter((l) => l.kind === 'fee').map((l) => l.orderId))).toEqual(new Set([orders.d.id]));
    expect(lines.filter((l) => l.kind === 'correction')).toMatchObject([{ amountFen: 1000 }]);
    // Generating July again carries the correction once.
    const again = await t.post('/settlement-statements/generate', { providerId: w.provider.id, period: '2026-07' }, manager);
    expect(stable(again.body)).toBe(stable(july.body));
    let r = await t.post(`/settlement-statements/${july.body.id}/send`, { version: again.body.version }, manager);
    r = await t.post(`/settlement-statements/${july.body.id}/agree`, { version: r.body.version }, providerAdmin);
    expect(r.status).toBe(200);
    const answers = await Promise.all([
      t.post(`/settlement-statements/${july.body.id}/approve`, { version: r.body.version }, admin2),
      t.post(`/settlement-statements/${july.body.id}/approve`, { version: r.body.version }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    // The loser either read the statement before the winner moved it (version) or after (already approved).
    expect(['version_conflict', 'illegal_step']).toContain(answers.find((a) => a.status === 409)!.body.error.code);
    const now = (await t.get(`/settlement-statements/${july.body.id}`, manager)).body;
    expect((now.history as { action: string }[]).filter((h) => h.action === 'approve')).toHaveLength(1);
  });

  it('exports CSV, XLSX and a printable page in both languages, the held order with its reason', async () => {
    const [held] = (await t.get(`/settlement-statements/${june.id}`, manager)).body.held as { orderNumber: string; settledIn: { period: string } | null }[];
    const csv = await t.app.request(`/settlement-statements/${june.id}/export.csv?lang=zh`, { headers: providerAdmin });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('行号');
    const rows = text.trim().split('\r\n');
    // The lines and their total, an empty row, then the held order under its own heading.
    expect(rows).toHaveLength(june.lines.length + 2 + 3);
    expect(rows.slice(-3)).toEqual(['', '暂缓结算的工单,原因,已在以下期间结算', `${held.orderNumber},费用争议处理中,${held.settledIn?.period ?? ''}`]);
    const xlsx = await t.app.request(`/settlement-statements/${june.id}/export.xlsx?lang=en`, { headers: providerAdmin });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.getWorksheet('Held back')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Order held back', 'Reasons', 'Settled since in']);
    expect(sheet.getRow(2).values).toEqual([undefined, held.orderNumber, 'Fee dispute open', held.settledIn?.period ?? '']);
    const html = await t.app.request(`/settlement-statements/${june.id}/export.html?lang=en`, { headers: providerAdmin });
    expect(await html.text()).toContain('Payment reference: BANK-2026-07-001');
    expect((await t.app.request(`/settlement-statements/${june.id}/export.csv`, { headers: otherAdmin })).status).toBe(404);
  });

  it("pays technicians by the provider's piece rates from the same orders", async () => {
    const set = await t.call('PUT', '/settlement/piece-rates', { rates: [{ jobType: 'repair', rateFen: 3500 }] }, providerAdmin);
    expect(set.status).toBe(200);
    const pay = await t.get(`/settlement-statements/${june.id}/technician-pay`, providerAdmin);
    expect(pay.status).toBe(200);
    const byTech = new Map((pay.body.technicians as { technicianId: string; totalFen: number }[]).map((p) => [p.technicianId, p.totalFen]));
    expect(byTech.get(w.technicians[0].id)).toBe(7000);
    expect(byTech.get(w.technicians[1].id)).toBe(3500);
    expect((await t.get(`/settlement-statements/${june.id}/technician-pay`, otherAdmin)).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';
import { uniquePng } from '../../../test/images.js';

// Returns and exchanges (issue 18): a case starts from the 三包 answer, goes through an appraisal
// (a panel when the policy says so), a decision, an approval by amount and its execution; the old
// unit comes back; the customer reads it all in plain words.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let desk: Record<string, string>;
let desk2: Record<string, string>;
let tech: Record<string, string>;
let manager: Record<string, string>;
let n = 0;

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  desk = (await tokenFor(t.services, 'agent', 'returns-desk')).headers;
  desk2 = (await tokenFor(t.services, 'agent', 'returns-centre')).headers;
  tech = (await tokenFor(t.services, 'technician', 'returns-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  manager = (await tokenFor(t.services, 'manager', 'returns-manager')).headers;
});
afterAll(() => t.close());

async function registerUnit(extra: Record<string, unknown>) {
  n += 1;
  const res = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `RET${n}X${Date.now()}` }], purchaseDate: '2026-05-29', channel: 'store', invoiceNumber: `INV-R${n}`, priceFen: 329900, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A return/exchange order for the unit, sent to the provider and its first technician. */
async function returnOrder(unitId: string) {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'return_exchange', customerId: w.customer.id, unitId, symptom: '退换货 / return', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  return s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
}

/** Posts a step and expects it to pass; returns the case after it. */
async function step(id: string, path: string, body: Record<string, unknown>, headers = desk) {
  const res = await t.post(`/return-cases/${id}/${path}`, body, headers);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

async function customerSession() {
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

describe(`returns and exchanges on ${engine}`, () => {
  it('a 7-day return refunded: 三包 answer, appraisal with a photo, refund, the old unit back to stock, the customer told in plain words', async () => {
    const unit = await registerUnit({ channel: 'online', receivedDate: '2026-05-29', priceFen: 329900 });
    const order = await returnOrder(unit.id);

    // The return order is not a repair: completing its visit asks no fault code.
    let o = order;
    const go = async (a: string, b: Record<string, unknown> = {}) => {
      const r = await t.post(`/work-orders/${o.id}/${a}`, { version: o.version, ...b });
      expect(r.status, `${a}: ${JSON.stringify(r.body)}`).toBe(200);
      o = r.body;
    };
    await go('book', { from: '2026-06-01T03:00:00Z', to: '2026-06-01T05:00:00Z' });
    clock.set(new Date('2026-06-01T03:30:00Z'));
    await go('check-in', { lat: 23.13, lng: 113.32 });
    const photo = await t.app.request(`/work-orders/${order.id}/photos?kind=before`, { method: 'POST', headers: { ...tech, 'content-type': 'image/png' }, body: new Blob([new Uint8Array(uniquePng())]) });
    expect(photo.status).toBe(201);
    const photoId = ((await photo.json()) as { id: string }).id;
    await go('complete', {});
    expect(o).toMatchObject({ status: 'work_done', symptomCode: null });

    const opened = await t.post('/return-cases', { orderId: order.id, lines: [{ unitId: unit.id, faultCode: 'NONE', kind: 'other', customerRequestsNoReasonReturn: true, requested: 'refund' }] }, desk);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const c = opened.body;
    expect(c).toMatchObject({ status: 'opened', version: 1, allowedActions: ['start_appraisal', 'reject'] });
    expect(c.lines[0]).toMatchObject({ sanbao: { rule: 'online.7dayNoReasonReturn', options: ['refund'] }, noReasonReturn: true, refundable: { amountFen: 329900, currency: 'CNY' }, requested: 'refund', override: null, wayBack: 'with_customer' });

    // A step out of order: 409 naming what is allowed, in both languages.
    const early = await t.post(`/return-cases/${c.id}/decision`, { version: 1, lines: [{ lineId: c.lines[0].id, decision: 'refund' }] }, desk);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'illegal_step', details: { status: 'opened', allowedActions: ['start_appraisal', 'reject'] } });
    expect(early.body.error.message).toContain('start the appraisal');
    expect(early.body.error.message).toContain('开始鉴定');
    // A second case on the same order while this one runs: refused.
    const twice = await t.post('/return-cases', { orderId: order.id, lines: [{ unitId: unit.id, faultCode: 'NONE', customerRequestsNoReasonReturn: true, requested: 'refund' }] }, desk);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'order_has_case']);

    let k = await step(c.id, 'start-appraisal', { version: 1 });
    // The technician of the order appraises, with the photo from the visit.
    k = await step(c.id, 'appraisals', { version: k.version, lineId: c.lines[0].id, by: 'technician', findings: '外观完好，包装齐全 / as new, complete in its box', photoIds: [photoId], responsibility: 'no_fault_found' }, tech);
    expect(k.status).toBe('appraised');
    expect(k.appraisals[0]).toMatchObject({ responsibility: 'no_fault_found', bearer: 'maker', signaturesNeeded: 1, complete: true, photoIds: [photoId] });
    k = await step(c.id, 'decision', { version: k.version, lines: [{ lineId: c.lines[0].id, decision: 'refund' }] });
    expect(k.lines[0]).toMatchObject({ decision: 'refund', refund: { amountFen: 329900, currency: 'CNY' } });
    expect([k.refundTotal, k.needsManager]).toEqual([{ amountFen: 329900, currency: 'CNY' }, false]);
    // ¥3,299 is under the policy's ¥5,000: the desk approves it.
    k = await step(c.id, 'approval', { version: k.version });
    // Two desks carrying it out at once: one wins, the refund is paid once.
    const both = await Promise.all([desk, desk2].map((h) => t.post(`/return-cases/${c.id}/execution`, { version: k.version, refundMethod: 'alipay', refundReference: 'ALI-REFUND-1' }, h)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    k = both.find((r) => r.status === 200)!.body;
    expect(k.status).toBe('executed');
    // The refund is paid, not only owed: a negative payment on the case's order, outside its fee balance.
    const paid = await t.get(`/work-orders/${order.id}/payments`);
    expect(paid.status).toBe(200);
    const refund = paid.body.items.find((p: any) => p.source?.kind === 'return_case');
    expect(refund).toMatchObject({ amountFen: -329900, currency: 'CNY', method: 'alipay', reference: 'ALI-REFUND-1', collectedBy: 'maker', source: { kind: 'return_case', id: c.id } });
    expect(refund.reason).toContain('Return refund');
    expect(paid.body.items.filter((p: any) => p.source)).toHaveLength(1);
    expect(paid.body.refundedFen).toBe(0);
    // Carrying it out twice is refused; the payment stays one.
    const again = await t.post(`/return-cases/${c.id}/execution`, { version: k.version }, desk);
    expect(again.status).toBe(409);
    const notYet = await t.post(`/return-cases/${c.id}/close`, { version: k.version }, desk);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.message).toContain('去向');
    k = await step(c.id, 'way-back', { version: k.version, step: 'book_pickup', lineId: c.lines[0].id, from: '2026-06-03T01:00:00Z', to: '2026-06-03T03:00:00Z' });
    const fateTooSoon = await t.post(`/return-cases/${c.id}/way-back`, { version: k.version, step: 'fate', lineId: c.lines[0].id, fate: 'stock' }, desk);
    expect([fateTooSoon.status, fateTooSoon.body.error.details.allowedSteps]).toEqual([409, ['picked_up', 'receive']]);

    // The pickup is a visit of its own (kind `return`), dispatched and booked like any other, asking no fault code.
    const pickupId = k.lines[0].pickupOrderId;
    expect(pickupId).toBeTruthy();
    let p = (await t.get(`/work-orders/${pickupId}`)).body;
    expect(p).toMatchObject({ kind: 'return', status: 'awaiting_dispatch', unitId: unit.id, customerId: w.customer.id, wishedFrom: '2026-06-03T01:00:00.000Z' });
    const visit = async (a: string, b: Record<string, unknown> = {}) => {
      const r = await t.post(`/work-orders/${pickupId}/${a}`, { version: p.version, ...b });
      expect(r.status, `${a}: ${JSON.stringify(r.body)}`).toBe(200);
      p = r.body;
    };
    await visit('dispatch', { providerId: w.provider.id });
    await visit('assign', { technicianId: w.technicians[0].id, date: '2026-06-03' });
    await visit('book', { from: '2026-06-03T01:00:00Z', to: '2026-06-03T03:00:00Z' });
    expect((await t.get(`/return-cases/${c.id}`, desk)).body.lines[0].wayBack).toBe('pickup_booked');
    clock.set(new Date('2026-06-03T01:20:00Z'));
    await visit('check-in', { lat: 23.13, lng: 113.32 });
    await visit('complete', {});
    expect(p).toMatchObject({ status: 'work_done', symptomCode: null });
    k = (await t.get(`/return-cases/${c.id}`, desk)).body;
    expect(k.lines[0].wayBack).toBe('picked_up');
    expect(k.history.at(-1)).toMatchObject({ action: 'picked_up', details: { from: 'pickup_booked', to: 'picked_up', pickupOrderId: pickupId } });
    k = await step(c.id, 'way-back', { version: k.version, step: 'receive', lineId: c.lines[0].id, warehouse: 'WH-GZ-01' });
    k = await step(c.id, 'way-back', { version: k.version, step: 'fate', lineId: c.lines[0].id, fate: 'stock' });
    expect(k.lines[0]).toMatchObject({ wayBack: 'stock', warehouse: 'WH-GZ-01', pickup: { from: '2026-06-03T01:00:00.000Z', to: '2026-06-03T03:00:00.000Z' } });
    k = await step(c.id, 'close', { version: k.version });
    expect(k.status).toBe('closed');
    expect(k.history.map((h: any) => h.action)).toEqual(['open', 'start_appraisal', 'appraise', 'decide', 'approve', 'execute', 'book_pickup', 'picked_up', 'receive', 'fate', 'close']);
    expect(k.history.every((h: any) => h.actor.startsWith('token:'))).toBe(true);

    // The portal: the case and its money in plain words; no staff, no findings, no warehouse.
    const s = await customerSession();
    const res = await t.app.request('/return-timelines', { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    const mine = body.items.find((i: any) => i.caseId === c.id);
    expect(mine).toMatchObject({ status: 'closed', statusText: { zh: '已完结', en: 'Closed' }, lines: [{ decision: 'refund', refund: { amountFen: 329900, currency: 'CNY' } }] });
    const words = mine.entries.map((e: any) => `${e.text.zh} | ${e.text.en}`);
    expect(words).toContain('处理方案：退货退款 ¥3299.00 | Our decision: a refund of ¥3299.00');
    expect(words).toContain('已办理：退款 ¥3299.00 已通过支付宝退还 | Done: refund of ¥3299.00 paid back by Alipay');
    expect(words).toContain('旧机已上门取回 | We picked up the old unit');
    expect(words.some((x: string) => x.includes('6月3日 09:00–11:00'))).toBe(true);
    const raw = JSON.stringify(body);
    for (const secret of ['returns-desk', 'returns-tech', 'token:', 'WH-GZ-01', '外观完好', '王师傅']) expect(raw).not.toContain(secret);
    // A customer reaches no staff route of the module.
    expect((await t.app.request(`/return-cases/${c.id}`, { headers: { cookie: s.cookie } })).status).toBe(403);
  });

  it('a two-failed-repairs exchange: a panel appraisal, another model with the price difference, the replacement linked and its 三包 restarted', async () => {
    // Dear enough (¥12,000) that the policy asks for a panel.
    const unit = await registerUnit({ purchaseDate: '2026-01-10', priceFen: 1_200_000 });
    for (let i = 0; i < 2; i++) {
      let o = (await t.post('/work-orders', { kind: 'repair', customerId: w.customer.id, unitId: unit.id, symptom: '漏水', accept: true })).body;
      const go = async (a: string, b: Record<string, unknown> = {}) => {
        const r = await t.post(`/work-orders/${o.id}/${a}`, { version: o.version, ...b });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        o = r.body;
      };
      await go('dispatch', { providerId: w.provider.id });
      await go('assign', { technicianId: w.technicians[1].id });
      clock.set(new Date('2026-06-02T00:00:00Z'));
      await go('book', { from: '2026-06-02T01:00:00Z', to: '2026-06-02T03:00:00Z' });
      clock.set(new Date('2026-06-02T01:30:00Z'));
      await go('check-in', { lat: 23.13, lng: 113.32 });
      clock.advance(86_400_000);
      await go('complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' });
    }
    const order = await returnOrder(unit.id);
    const opened = await t.post('/return-cases', { orderId: order.id, lines: [{ unitId: unit.id, faultCode: 'S01', kind: 'other', requested: 'exchange' }] }, desk);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const c = opened.body;
    expect(c.lines[0].sanbao).toMatchObject({ rule: 'sanbao.twoFailedRepairs', options: ['replace', 'refund'] });
    expect(c.lines[0].refundable.amountFen).toBeLessThan(1_200_000);
    const lineId = c.lines[0].id;

    let k = await step(c.id, 'start-appraisal', { version: 1 });
    k = await step(c.id, 'appraisals', { version: k.version, lineId, by: 'technician', findings: '压缩机异响，同一故障第三次 / compressor noise, third time', responsibility: 'product_quality' }, tech);
    expect(k.status).toBe('appraising');
    expect(k.appraisals[0]).toMatchObject({ signaturesNeeded: 2, complete: false, bearer: 'maker' });
    const again = await t.post(`/return-cases/${c.id}/appraisals`, { version: k.version, lineId, by: 'centre', findings: 'x', responsibility: 'installation' }, desk2);
    expect([again.status, again.body.error.code]).toEqual([409, 'already_appraised']);
    // The panel needs two distinct people: the appraiser cannot sign twice.
    const self = await t.post(`/return-cases/${c.id}/signatures`, { version: k.version, appraisalId: k.appraisals[0].id }, tech);
    expect([self.status, self.body.error.code]).toEqual([409, 'already_signed']);
    // A drawn signature must be a small PNG: anything else is refused naming the field.
    const notPng = await t.post(`/return-cases/${c.id}/signatures`, { version: k.version, appraisalId: k.appraisals[0].id, signature: 'data:image/png;base64,PHN2Zz48L3N2Zz4=' }, desk2);
    expect([notPng.status, notPng.body.error.details[0].path]).toEqual([400, 'signature']);
    const huge = `data:image/png;base64,${Buffer.from(new Uint8Array(120_000)).toString('base64')}`;
    expect((await t.post(`/return-cases/${c.id}/signatures`, { version: k.version, appraisalId: k.appraisals[0].id, signature: huge }, desk2)).status).toBe(400);
    const drawn = `data:image/png;base64,${Buffer.from(uniquePng()).toString('base64')}`;
    k = await step(c.id, 'signatures', { version: k.version, appraisalId: k.appraisals[0].id, signature: drawn }, desk2);
    expect(k.status).toBe('appraised');
    expect(k.appraisals[0].signatures).toHaveLength(2);
    expect(k.appraisals[0].signatures.map((s: any) => s.image)).toEqual([null, drawn]);

    // Exchange for another (dearer) model: the price difference is money on the line.
    const model2 = (await t.post('/catalog/models', { categoryId: w.category.id, code: `KFR-50LW-${Date.now()}`, nameZh: '柜式空调 2匹', nameEn: 'Floor AC 2 HP', wholeUnitMonths: 12, mainPartsMonths: 72, dailyDepreciationRate: 0.0005 })).body;
    const misuse = await t.post(`/return-cases/${c.id}/decision`, { version: k.version, lines: [{ lineId, decision: 'repair' }] }, desk);
    expect([misuse.status, misuse.body.error.details[0].path]).toEqual([422, 'lines.0.decision']);
    const decision = { lines: [{ lineId, decision: 'exchange', replacementModelId: model2.id, priceDifference: { amountFen: 150_000, currency: 'CNY' } }] };
    // Two desks deciding at once: one wins, the other is told to reload.
    const both = await Promise.all([desk, desk2].map((h) => t.post(`/return-cases/${c.id}/decision`, { version: k.version, ...decision }, h)));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('version_conflict');
    k = (await t.get(`/return-cases/${c.id}`, desk)).body;
    expect(k.history.filter((h: any) => h.action === 'decide')).toHaveLength(1);
    expect(k.lines[0]).toMatchObject({ decision: 'exchange', replacementModelId: model2.id, priceDifference: { amountFen: 150_000, currency: 'CNY' }, refund: null });

    k = await step(c.id, 'approval', { version: k.version });
    const noSerials = await t.post(`/return-cases/${c.id}/execution`, { version: k.version, onDate: '2026-06-03' }, desk);
    expect([noSerials.status, noSerials.body.error.details[0].path]).toEqual([400, 'replacements.0.serials']);
    k = await step(c.id, 'execution', { version: k.version, onDate: '2026-06-03', replacements: [{ lineId, serials: [{ role: 'main', serial: `NEW${Date.now()}` }] }] });
    const newId = k.lines[0].replacementUnitId;
    expect(newId).toBeTruthy();

    // The units module shows both, and the replacement's 三包 period runs from the exchange date.
    const fresh = (await t.get(`/units/${newId}`, desk)).body;
    expect(fresh).toMatchObject({ replacesUnitId: unit.id, modelId: model2.id, replacedOn: '2026-06-03', priceFen: 1_350_000, ownerId: w.customer.id });
    expect(fresh.warranty).toMatchObject({ periodStart: '2026-06-03', restartedByReplacement: true });
    expect(fresh.warranty.wholeUnit.nominalEndsOn).toBe('2027-06-03');
    const old = (await t.get(`/units/${unit.id}`, desk)).body;
    expect(old.replacedByUnitId).toBe(newId);
    // The owner's list says the same (its page reads serials and replacements with the units).
    const listed = (await t.get(`/units?ownerId=${old.ownerId}&limit=100`, desk)).body.items.find((i: { id: string }) => i.id === unit.id);
    expect({ replacedByUnitId: listed.replacedByUnitId, serials: listed.serials }).toEqual({ replacedByUnitId: newId, serials: old.serials });

    k = await step(c.id, 'way-back', { version: k.version, step: 'receive', lineId, warehouse: 'WH-FACTORY-RETURN' });
    k = await step(c.id, 'way-back', { version: k.version, step: 'fate', lineId, fate: 'back_to_factory' });
    k = await step(c.id, 'close', { version: k.version });
    expect(k.status).toBe('closed');
  });

  it('a remedy the rules do not allow needs a manager override with a reason (audited); refunds over ¥5,000 need a manager to approve', async () => {
    // In warranty, no repeated fault: the rules give a repair only.
    const unit = await registerUnit({ purchaseDate: '2026-03-01', priceFen: 900_000 });
    const order = await returnOrder(unit.id);
    const ask = (headers: Record<string, string>, override?: { reason: string }) => t.post('/return-cases', { orderId: order.id, lines: [{ unitId: unit.id, faultCode: 'S01', requested: 'refund', override }] }, headers);
    const plain = await ask(desk);
    expect(plain.status).toBe(422);
    expect(plain.body.error).toMatchObject({ code: 'remedy_not_allowed', details: [{ path: 'lines.0.requested', allowed: ['repair'] }] });
    expect(plain.body.error.message).toContain('须经理批准');
    const byDesk = await ask(desk, { reason: '顾客强烈要求' });
    expect(byDesk.status).toBe(403);
    const byManager = await ask(manager, { reason: '同批次质量问题，厂家同意退货 / batch fault, the maker agrees' });
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(201);
    const c = byManager.body;
    expect(c.lines[0]).toMatchObject({ sanbao: { rule: 'sanbao.inWarrantyRepair' }, requested: 'refund', override: { reason: '同批次质量问题，厂家同意退货 / batch fault, the maker agrees' } });
    // Refund less depreciation: ¥9,000 less 0.05 % a day since 2026-03-01.
    const daysUsed = (Date.parse(c.lines[0].reportedOn) - Date.parse('2026-03-01')) / 86_400_000;
    expect(c.lines[0].refundable.amountFen).toBe(900_000 - Math.round((900_000 * 500 * daysUsed) / 1_000_000));
    const audit = await t.get(`/audit?action=return_remedy_override&subjectId=${c.id}`, manager);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toMatchObject({ requested: 'refund', allowed: ['repair'], rule: 'sanbao.inWarrantyRepair' });

    let k = await step(c.id, 'start-appraisal', { version: 1 });
    k = await step(c.id, 'appraisals', { version: k.version, lineId: c.lines[0].id, by: 'centre', findings: '主板批次缺陷 / board batch defect', responsibility: 'product_quality' }, desk2);
    k = await step(c.id, 'decision', { version: k.version, lines: [{ lineId: c.lines[0].id, decision: 'refund' }] });
    expect(k.needsManager).toBe(true);
    const deskApproves = await t.post(`/return-cases/${c.id}/approval`, { version: k.version }, desk);
    expect(deskApproves.status).toBe(403);
    expect(deskApproves.body.error.message).toContain('须经理批准');
    // The technician may appraise but not decide.
    expect((await t.post(`/return-cases/${c.id}/decision`, { version: k.version, lines: [{ lineId: c.lines[0].id, decision: 'refund' }] }, tech)).status).toBe(403);
    k = await step(c.id, 'approval', { version: k.version, note: '同意' }, manager);
    expect(k.status).toBe('approved');
    expect((await t.get(`/audit?action=return_approved_above_threshold&subjectId=${c.id}`, manager)).body.items).toHaveLength(1);
    k = await step(c.id, 'execution', { version: k.version });

    // Statistics: by responsibility, decision and provider, refunds paid.
    const stats = await t.get('/return-statistics?from=2026-01-01&to=2027-01-01', manager);
    expect(stats.status).toBe(200);
    const refunded = stats.body.refunded.find((m: any) => m.currency === 'CNY').amountFen;
    expect(refunded).toBe(329900 + k.lines[0].refund.amountFen);
    expect(stats.body.byDecision.find((g: any) => g.key === 'exchange')).toMatchObject({ lines: 1, refunded: { amountFen: 0 } });
    expect(stats.body.byResponsibility.find((g: any) => g.key === 'product_quality').lines).toBe(2);
    expect(stats.body.byProvider.find((g: any) => g.key === w.provider.id)).toMatchObject({ name: w.provider.name, lines: 3 });
    expect((await t.get('/return-statistics?from=2026-01-01&to=2027-01-01', desk)).status).toBe(403);
  });

  it('refuses bad input naming the field, and keeps the policy as data a manager changes', async () => {
    const unit = await registerUnit({ purchaseDate: '2026-05-30' });
    const order = await returnOrder(unit.id);
    const bad = async (body: unknown, path: string, headers = desk, url = '/return-cases') => {
      const r = await t.post(url, body, headers);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.details.map((d: any) => d.path)).toContain(path);
      return r;
    };
    await bad({ orderId: order.id, lines: [] }, 'lines');
    await bad({ orderId: order.id, lines: [{ unitId: unit.id, faultCode: 'S01', requested: 'swap' }] }, 'lines.0.requested');
    const repair = (await t.services.workOrders.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: unit.id, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
    const notReturn = await bad({ orderId: repair.id, lines: [{ unitId: unit.id, faultCode: 'S01', requested: 'exchange' }] }, 'orderId');
    expect(notReturn.body.error.message).toContain('退换货工单');
    const stranger = (await t.post('/customers', { name: '路人', phones: [{ phone: uniquePhone() }] })).body;
    const theirs = (await t.post('/units', { modelId: w.model.id, ownerId: stranger.id, serials: [{ serial: `OTHER${Date.now()}` }], purchaseDate: '2026-05-30', channel: 'store', invoiceNumber: 'X', priceFen: 100 })).body;
    await bad({ orderId: order.id, lines: [{ unitId: theirs.id, faultCode: 'S01', requested: 'exchange' }] }, 'lines.0.unitId');
    await bad({ orderId: order.id, lines: [{ unitId: unit.id, faultCode: 'S01', requested: 'exchange' }, { unitId: unit.id, faultCode: 'S01', requested: 'exchange' }] }, 'lines.1.unitId');
    // Nothing was half-written.
    expect((await t.get(`/return-cases?customerId=${stranger.id}`, desk)).body.total).toBe(0);

    // Two desks opening a case on one order at once: one case.
    const racing = await Promise.all([desk, desk2].map((h) => t.post('/return-cases', { orderId: order.id, lines: [{ unitId: unit.id, faultCode: 'S01', requested: 'exchange' }] }, h)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    const c = racing.find((r) => r.status === 201)!.body;
    let k = await step(c.id, 'start-appraisal', { version: 1 });
    const stale = await t.post(`/return-cases/${c.id}/start-appraisal`, { version: 1 }, desk);
    expect(stale.status).toBe(409);
    // A photo of another order is not this case's evidence.
    const other = await returnOrder(w.unit.id);
    const otherPhoto = await t.services.photos.add(systemCaller, other.id, 'before', 'image/png', uniquePng());
    await bad({ version: k.version, lineId: c.lines[0].id, by: 'technician', findings: 'x', photoIds: [otherPhoto.id], responsibility: 'transport' }, 'photoIds.0', tech, `/return-cases/${c.id}/appraisals`);
    await bad({ version: k.version, lineId: c.lines[0].id, by: 'technician', findings: 'x', responsibility: 'gremlins' }, 'responsibility', tech, `/return-cases/${c.id}/appraisals`);
    await bad({ version: k.version, lineId: '00000000-0000-4000-8000-000000000000', by: 'technician', findings: 'x', responsibility: 'transport' }, 'lineId', tech, `/return-cases/${c.id}/appraisals`);
    k = await step(c.id, 'appraisals', { version: k.version, lineId: c.lines[0].id, by: 'technician', findings: '运输磕碰 / dented in transit', responsibility: 'transport' }, tech);
    expect(k.appraisals[0].bearer).toBe('carrier');
    await bad({ version: k.version, lines: [{ lineId: c.lines[0].id, decision: 'exchange', priceDifference: { amountFen: 12.5, currency: 'CNY' } }] }, 'lines.0.priceDifference.amountFen', desk, `/return-cases/${c.id}/decision`);
    await bad({ version: k.version, lines: [{ lineId: c.lines[0].id, decision: 'exchange', priceDifference: { amountFen: 100, currency: 'CNY' } }] }, 'lines.0.priceDifference', desk, `/return-cases/${c.id}/decision`);
    // Rejected: no step after it.
    k = await step(c.id, 'reject', { version: k.version, reason: '承运方赔付 / the carrier pays' });
    const after = await t.post(`/return-cases/${c.id}/decision`, { version: k.version, lines: [{ lineId: c.lines[0].id, decision: 'exchange' }] }, desk);
    expect([after.status, after.body.error.details.allowedActions]).toEqual([409, []]);
    // Another provider's staff do not see the case at all.
    const otherProvider = (await t.post('/providers', { code: `PX${Date.now()}`, name: '别家网点', kind: 'contractor', contactName: '钱', contactPhone: '02011112222' })).body;
    const outsider = (await tokenFor(t.services, 'agent', 'returns-outsider', { providerId: otherProvider.id })).headers;
    expect((await t.get(`/return-cases/${c.id}`, outsider)).status).toBe(404);

    const policy = (await t.get('/return-policy', desk)).body;
    expect(policy).toMatchObject({ panelAboveFen: 1_000_000, panelForRefunds: false, panelSize: 2, managerApprovalAboveFen: 500_000, version: 1 });
    expect((await t.call('PUT', '/return-policy', { ...policy, panelForRefunds: true }, desk)).status).toBe(403);
    const tooSmall = await t.call('PUT', '/return-policy', { version: 1, panelAboveFen: 1, panelForRefunds: true, panelSize: 1, managerApprovalAboveFen: 100 }, manager);
    expect([tooSmall.status, tooSmall.body.error.details[0].path]).toEqual([400, 'panelSize']);
    const changed = await t.call('PUT', '/return-policy', { version: 1, panelAboveFen: 2_000_000, panelForRefunds: true, panelSize: 3, managerApprovalAboveFen: 300_000 }, manager);
    expect(changed.body).toMatchObject({ panelForRefunds: true, panelSize: 3, version: 2 });
    expect((await t.call('PUT', '/return-policy', { version: 1, panelAboveFen: 1, panelForRefunds: false, panelSize: 2, managerApprovalAboveFen: 1 }, manager)).status).toBe(409);
    // A case opened now takes the new policy: a refund needs a panel of three.
    const u2 = await registerUnit({ channel: 'online', receivedDate: '2026-05-30', purchaseDate: '2026-05-30' });
    const o2 = await returnOrder(u2.id);
    const c2 = (await t.post('/return-cases', { orderId: o2.id, lines: [{ unitId: u2.id, faultCode: 'NONE', customerRequestsNoReasonReturn: true, requested: 'refund' }] }, desk)).body;
    let k2 = await step(c2.id, 'start-appraisal', { version: 1 });
    k2 = await step(c2.id, 'appraisals', { version: k2.version, lineId: c2.lines[0].id, by: 'centre', findings: '完好', responsibility: 'no_fault_found' }, desk);
    expect(k2.appraisals[0].signaturesNeeded).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, signIn, shoot, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { createModelRequest } from '../../src/modules/catalog/catalog.contract.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// The desk takes a 7-day no-reason return from opening to closing in the console: the 三包 answer
// on screen, the appraisal form, the refund decided, approved, carried out (paid as a negative
// payment, the customer's timeline saying so), the old unit received and put back into stock.
// And a two-failed-repairs exchange opened from the order page: an appraisal with responsibility
// signed by a panel with drawn signatures, the exchange decided and carried out, the replacement
// linked to the old unit both ways.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000); // a loaded machine builds the console slowly
afterAll(async () => stage?.close());

/** A demo customer's online purchase delivered two days ago, and a return order for it. */
async function returnOrder(n: number) {
  const s = stage.services;
  // A demo customer who owns a unit (so has an address on record).
  const { ownerId, categoryId } = (await s.units.list(systemCaller, { limit: 1, offset: n } as never)).items[0];
  // A model of its own, without the demo's serial patterns.
  const modelId = (await s.catalog.createModel(systemCaller, createModelRequest.parse({ categoryId, code: `E2E-RET-${n}-${Date.now()}`, nameZh: '退货测试机', nameEn: 'Return test model', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005 }))).id;
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const unit = await s.units.register(systemCaller, { modelId, ownerId, serials: [{ role: 'main', serial: `E2ERET${n}X${Date.now()}` }], purchaseDate: day, receivedDate: day, channel: 'online', invoiceNumber: `E2E-${n}`, priceFen: 259900 } as never);
  const order = (await s.workOrders.intake(systemCaller, { kind: 'return_exchange', customerId: ownerId, unitId: unit.id, symptom: '七天无理由退货 / 7-day return', accept: true, priority: 'normal', channel: 'phone' })).order;
  return { unit, order };
}

/** A unit in its first months with two completed repairs of one fault, and a return order for it. */
async function twiceRepaired(n: number) {
  const s = stage.services;
  const { ownerId, categoryId } = (await s.units.list(systemCaller, { limit: 1, offset: n } as never)).items[0];
  const modelId = (await s.catalog.createModel(systemCaller, createModelRequest.parse({ categoryId, code: `E2E-EXC-${n}-${Date.now()}`, nameZh: '换货测试机', nameEn: 'Exchange test model', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005 }))).id;
  const day = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const unit = await s.units.register(systemCaller, { modelId, ownerId, serials: [{ role: 'main', serial: `E2EEXC${n}X${Date.now()}` }], purchaseDate: day, channel: 'store', invoiceNumber: `E2E-X${n}`, priceFen: 1_200_000 } as never);
  const tree = (await s.catalog.faultTree(systemCaller, categoryId)) as { code: string; children: { code: string; children: { code: string }[] }[] }[];
  const symptom = tree.find((x) => x.children.some((c) => c.children.length > 0))!;
  const cause = symptom.children.find((c) => c.children.length > 0)!;
  const codes = { symptomCode: symptom.code, causeCode: cause.code, remedyCode: cause.children[0].code };
  const users = await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'technician' });
  const tech = await s.network.getTechnician(systemCaller, users.items.find((u) => u.username === 'technician')!.technicianId!);
  for (let i = 0; i < 2; i++) {
    let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: ownerId, unitId: unit.id, symptom: '同一故障 / the same fault', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: tech.providerId, reason: '演示 / demo' });
    o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: tech.id, overrideReason: '演示 / demo' });
    const from = new Date(Date.now() - 3600_000);
    o = await s.workOrders.perform(systemCaller, o.id, 'book', { version: o.version, from: from.toISOString(), to: new Date(from.getTime() + 2 * 3600_000).toISOString(), overrideReason: '演示 / demo' });
    o = await s.workOrders.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 31.23, lng: 121.47 });
    await s.workOrders.perform(systemCaller, o.id, 'complete', { version: o.version, ...codes });
  }
  const order = (await s.workOrders.intake(systemCaller, { kind: 'return_exchange', customerId: ownerId, unitId: unit.id, symptom: '修了两次仍坏，要求换货 / twice repaired, asks for an exchange', accept: true, priority: 'normal', channel: 'phone' })).order;
  return { unit, order, faultCode: codes.symptomCode };
}

/** Draws a stroke on a signature pad, as a finger would. */
async function draw(page: import('playwright-core').Page, selector: string) {
  const pad = page.locator(selector);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -20 : 20));
  await page.mouse.up();
}

run('returns and exchanges in a real browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`a 7-day return refunded, from the desk's case list to closed (${lang})`, async () => {
      const { unit, order } = await returnOrder(lang === 'zh' ? 1 : 2);
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'agent');
      await page.goto(`/app/returns?orderId=${order.id}&unitId=${unit.id}`);
      const open = page.getByRole('form', { name: t.returns.openTitle });
      await open.getByLabel(t.returns.noReason).check();
      await open.getByLabel(t.returns.requested).selectOption('refund');
      await open.getByRole('button', { name: t.returns.openButton }).click();
      const heading = page.getByRole('heading', { level: 1 });
      await heading.getByText(t.returnStatus.opened).waitFor();
      // The 三包 answer in the reader's language, with the full refund.
      await page.getByText(lang === 'zh' ? '网购七日无理由退货' : 'Online 7-day no-reason return').waitFor();

      const press = async (name: string) => {
        await page.getByRole('button', { name, exact: true }).click();
      };
      await press(t.returns.startAppraisal);
      await heading.getByText(t.returnStatus.appraising).waitFor();
      const appraisal = page.getByRole('form', { name: t.returns.appraise });
      await appraisal.getByLabel(t.returns.findings).fill(lang === 'zh' ? '外观完好，配件齐全' : 'As new, complete in its box');
      await appraisal.getByLabel(t.returns.responsibility).selectOption('no_fault_found');
      await press(t.returns.appraise);
      await heading.getByText(t.returnStatus.appraised).waitFor();
      await page.getByText(`${t.bearer.maker}`).first().waitFor();
      await press(t.returns.decide);
      await heading.getByText(t.returnStatus.decided).waitFor();
      // The decision with its money, as the console formats it (the price paid, refundable, the refund).
      await page.getByText(new RegExp(`^${t.returnDecision.refund} · \\D*2,599\\.00$`)).waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await press(t.returns.approve);
      await heading.getByText(t.returnStatus.approved).waitFor();
      await press(t.returns.execute);
      await heading.getByText(t.returnStatus.executed).waitFor();
      await page.getByRole('form', { name: t.returns.receive }).getByLabel(t.returns.warehouse).fill('WH-SH-01');
      await press(t.returns.receive);
      await page.getByText(`${t.wayBackState.received} · WH-SH-01`).waitFor();
      await page.getByRole('form', { name: t.returns.setFate }).getByLabel(t.returns.fate).selectOption('stock');
      await press(t.returns.setFate);
      await page.getByText(`${t.wayBackState.stock} · WH-SH-01`).waitFor();
      await press(t.returns.close);
      await heading.getByText(t.returnStatus.closed).waitFor();
      await shoot(page, `returns-closed-${lang}`);

      // The server agrees: closed, refunded, the old unit in stock.
      const cases = await stage.services.returns.list(systemCaller, { customerId: order.customerId, limit: 10, offset: 0 });
      const done = cases.items.find((c) => c.orderId === order.id)!;
      expect(done).toMatchObject({ status: 'closed', lines: [{ decision: 'refund', refund: { amountFen: 259900, currency: 'CNY' }, wayBack: 'stock', warehouse: 'WH-SH-01' }] });
      // The refund was paid: a negative payment on the order, and the customer's timeline says so.
      const paid = await stage.services.fees.payments.list(systemCaller, order.id);
      expect(paid.items.filter((p) => p.source?.kind === 'return_case')).toMatchObject([{ amountFen: -259900, method: 'bank_transfer', source: { id: done.id } }]);
      const timeline = (await stage.services.returns.timelines(systemCaller, order.customerId)).items.find((i) => i.caseId === done.id)!;
      expect(timeline.entries.map((e) => e.text.zh)).toContain('已办理：退款 ¥2599.00 已通过银行转账退还');
      expect(timeline.entries.map((e) => e.text.en)).toContain('Done: refund of ¥2599.00 paid back by bank transfer');
      await context.close();
    }, 120_000);
  }

  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`a two-failed-repairs exchange with appraisal and the replacement linked, opened from the order page (${lang})`, async () => {
      const { unit, order, faultCode } = await twiceRepaired(lang === 'zh' ? 5 : 6);
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'agent');
      // The order page asks the 三包 rules and offers the case only because they allow an exchange.
      await page.goto(`/app/orders/${order.id}`);
      const fromOrder = page.locator('section[aria-labelledby="order-return-title"]');
      await fromOrder.getByRole('heading', { name: t.returns.fromOrder }).waitFor();
      await fromOrder.getByRole('link').click();
      const open = page.getByRole('form', { name: t.returns.openTitle });
      // The customer's units are listed; this one is picked already, its line asks the rules again with the fault.
      await open.locator(`fieldset[data-unit="${unit.id}"]`).waitFor();
      await open.getByLabel(t.returns.faultCode).fill(faultCode);
      // Only what the rules allow is offered: an exchange or a refund, no repair.
      await open.getByLabel(t.returns.requested).selectOption('exchange');
      expect(await open.getByLabel(t.returns.requested).locator('option').allTextContents()).not.toContain(t.returnDecision.repair);
      await open.getByRole('button', { name: t.returns.openButton }).click();
      const heading = page.getByRole('heading', { level: 1 });
      await heading.getByText(t.returnStatus.opened).waitFor();
      const press = async (p: typeof page, name: string) => {
        await p.getByRole('button', { name, exact: true }).click();
      };
      await press(page, t.returns.startAppraisal);
      await heading.getByText(t.returnStatus.appraising).waitFor();
      const appraisal = page.getByRole('form', { name: t.returns.appraise });
      await appraisal.getByLabel(t.returns.findings).fill(lang === 'zh' ? '同一故障第三次，压缩机异响' : 'The same fault a third time: compressor noise');
      await appraisal.getByLabel(t.returns.responsibility).selectOption('product_quality');
      await draw(page, '#appraisal-signature');
      await press(page, t.returns.appraise);
      // ¥12,000: the policy asks for a panel; one signature of two so far.
      await page.getByText(t.returns.signatures.replace('{{n}}', '1').replace('{{needed}}', '2'), { exact: false }).waitFor();

      // A second person of the panel signs on their own screen, with a drawn signature.
      const other = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', baseURL: stage.baseUrl });
      const panel = await other.newPage();
      await signIn(panel, lang, 'manager');
      const caseUrl = new URL(page.url()).pathname;
      await panel.goto(caseUrl);
      await draw(panel, '#panel-signature');
      await press(panel, t.returns.sign);
      await panel.getByRole('heading', { level: 1 }).getByText(t.returnStatus.appraised).waitFor();
      await expect.poll(() => panel.locator('dd.signatures img').count()).toBe(2);
      expect(await accessibilityProblems(panel)).toEqual([]);
      await shoot(panel, `returns-panel-signed-${lang}`);
      await other.close();

      await page.reload();
      await heading.getByText(t.returnStatus.appraised).waitFor();
      await press(page, t.returns.decide);
      await heading.getByText(t.returnStatus.decided).waitFor();
      await press(page, t.returns.approve);
      await heading.getByText(t.returnStatus.approved).waitFor();
      const serial = `E2ENEW${lang}${Date.now()}`;
      await page.getByRole('form', { name: t.returns.execute }).getByLabel(t.returns.serials).fill(serial);
      await press(page, t.returns.execute);
      await heading.getByText(t.returnStatus.executed).waitFor();
      await page.getByText(t.returns.replacement, { exact: true }).waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `returns-exchanged-${lang}`);

      // The replacement is on the unit's history both ways.
      const s = stage.services;
      const c = (await s.returns.list(systemCaller, { customerId: order.customerId, limit: 10, offset: 0 })).items.find((x) => x.orderId === order.id)!;
      expect(c).toMatchObject({ status: 'executed', lines: [{ decision: 'exchange', sanbao: { rule: 'sanbao.twoFailedRepairs' } }] });
      const detail = await s.returns.get(systemCaller, c.id);
      expect(detail.appraisals[0]).toMatchObject({ responsibility: 'product_quality', bearer: 'maker', signaturesNeeded: 2, complete: true });
      expect(detail.appraisals[0].signatures.every((x) => x.image?.startsWith('data:image/png;base64,'))).toBe(true);
      const newUnit = await s.units.get(systemCaller, c.lines[0].replacementUnitId!);
      expect(newUnit).toMatchObject({ replacesUnitId: unit.id, ownerId: order.customerId });
      expect((await s.units.get(systemCaller, unit.id)).replacedByUnitId).toBe(newUnit.id);
      await context.close();
    }, 180_000);
  }
});

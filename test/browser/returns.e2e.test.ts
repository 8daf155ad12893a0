import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, signIn, shoot, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { createModelRequest } from '../../src/modules/catalog/catalog.contract.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// The desk takes a 7-day no-reason return from opening to closing in the console: the 三包 answer
// on screen, the appraisal form, the refund decided, approved, carried out, the old unit received
// and put back into stock.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 240_000);
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
      await context.close();
    }, 120_000);
  }
});

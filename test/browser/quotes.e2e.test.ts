import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, signIn, shoot, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// Money at the door on the technician's phone: an out-of-warranty repair is quoted, the customer
// signs for it on the phone (typed name, confirmation and a drawn signature), the work is completed, the technician
// takes the payment and shows the printable receipt, which adds up to its lines.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;
const phone = { width: 390, height: 844 };

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000); // a loaded machine builds the console slowly
afterAll(async () => stage?.close());

/** An out-of-warranty unit of a demo customer, its repair booked for now with the demo technician, who is on site. */
async function onSiteOrder(n: number) {
  const s = stage.services;
  const units = await s.units.list(systemCaller, { limit: 20, offset: 40 + n * 20 } as never);
  const base = units.items[0];
  const model = await s.catalog.getModel(systemCaller, base.modelId);
  // A serial of the model's own pattern (prefix, role letter, eleven digits).
  const serial = (model.serialPattern ?? 'E2E[IO][0-9]{11}').replace(/\[[A-Z]+\]/, (m) => m[1]).replace('[0-9]{11}', String(Date.now() + n).slice(-11));
  const unit = await s.units.register(systemCaller, { modelId: base.modelId, ownerId: base.ownerId, serials: [{ role: 'main', serial }], purchaseDate: '2019-03-01', channel: 'store', priceFen: 300000 } as never);
  const users = await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'technician' });
  const tech = await s.network.getTechnician(systemCaller, users.items.find((u) => u.username === 'technician')!.technicianId!);
  let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: base.ownerId, unitId: unit.id, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: tech.providerId, reason: '演示 / demo' });
  o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: tech.id, overrideReason: '演示 / demo' });
  const from = new Date(Date.now() - 3600_000);
  o = await s.workOrders.perform(systemCaller, o.id, 'book', { version: o.version, from: from.toISOString(), to: new Date(from.getTime() + 2 * 3600_000).toISOString(), overrideReason: '演示：现在上门 / demo: a visit now' });
  o = await s.workOrders.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 31.23, lng: 121.47 });
  return { order: o, unit };
}

async function faultChain(categoryId: string) {
  const tree = (await stage.services.catalog.faultTree(systemCaller, categoryId)) as { code: string; children: { code: string; children: { code: string }[] }[] }[];
  const symptom = tree.find((x) => x.children.some((c) => c.children.length > 0))!;
  const cause = symptom.children.find((c) => c.children.length > 0)!;
  return { symptomCode: symptom.code, causeCode: cause.code, remedyCode: cause.children[0].code };
}

run('quote, signature, payment and receipt on the technician’s phone', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`quoted, signed for on the phone, completed, paid, receipt shown (${lang})`, async () => {
      const { order, unit } = await onSiteOrder(i);
      const s = stage.services;
      // Not completed before the customer accepts a quote.
      await expect(s.workOrders.perform(systemCaller, order.id, 'complete', { version: order.version, ...(await faultChain(unit.categoryId)) })).rejects.toMatchObject({ code: 'quote_not_accepted' });

      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: phone, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'technician');
      await page.goto(`/app/orders/${order.id}`);
      const card = page.locator('section.money');
      await card.getByRole('heading', { name: t.money.title }).waitFor();
      await card.getByText(t.money.noQuote).waitFor();
      // On the phone the new quote's form is folded behind its heading.
      await card.locator('summary', { hasText: t.money.newQuote }).click();
      await card.getByLabel(`${t.fees.jobMode} *`).selectOption('adjustment');
      await card.getByRole('button', { name: t.money.makeQuote }).click();
      await card.getByRole('button', { name: t.money.offer, exact: true }).click();
      // Signing without the confirmation is refused, naming the field; with it, accepted.
      await card.getByLabel(`${t.money.signedName} *`).fill('王女士');
      await card.getByRole('button', { name: t.money.accept }).click();
      await card.locator('.field-error, .form-error').first().waitFor();
      await card.getByRole('checkbox').check();
      // On the phone the customer also draws their signature: without it the form says so.
      await card.getByRole('button', { name: t.money.accept }).click();
      await card.getByText(t.money.signatureNeeded).waitFor();
      const pad = card.locator('canvas');
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + box.height / 2);
      await page.mouse.down();
      for (let k = 1; k <= 8; k++) await page.mouse.move(box.x + 20 + k * 25, box.y + box.height / 2 + (k % 2 ? -15 : 15));
      await page.mouse.up();
      await card.getByRole('button', { name: t.money.accept }).click();
      await card.locator('.quote[data-status="accepted"]').waitFor();
      await card.locator('img.signature').waitFor();
      expect((await s.fees.quotes.list(systemCaller, order.id)).items.find((q) => q.status === 'accepted')).toMatchObject({ signature: expect.stringMatching(/^data:image\/png;base64,/) });
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `quote-signed-${lang}`);

      // The work is completed (through the API here), priced as quoted.
      const now = await s.workOrders.get(systemCaller, order.id);
      await s.workOrders.perform(systemCaller, order.id, 'complete', { version: now.version, ...(await faultChain(unit.categoryId)) });
      const receipt = await s.fees.payments.receipt(systemCaller, order.id);
      expect(receipt.totalFen).toBeGreaterThan(0);
      expect(receipt.totalFen).toBe(receipt.lines.reduce((n, l) => n + l.amountFen, 0));

      await page.reload();
      await card.getByText(t.money.noPayments).waitFor();
      const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
      await card.getByLabel(`${t.money.amount} *`).fill(yuan(receipt.totalFen));
      await card.getByLabel(`${t.money.methodLabel} *`).selectOption('wechat_pay');
      await card.getByLabel(t.money.reference).fill(`WX-E2E-${i}`);
      await card.getByRole('button', { name: t.money.record }).click();
      await expect.poll(async () => (await s.fees.payments.list(systemCaller, order.id)).balanceFen).toBe(0);
      await card.getByRole('button', { name: t.money.receipt, exact: true }).click();
      const shown = card.locator('.receipt');
      await expect.poll(() => shown.getByTestId('receipt-total').textContent()).toContain(yuan(receipt.totalFen));
      expect(await shown.locator('tbody tr').count()).toBe(receipt.lines.length);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `quote-paid-receipt-${lang}`);
      await context.close();
    });
  }
});

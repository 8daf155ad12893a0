import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// On a customer's page a manager asks the 三包 question for an out-of-warranty unit (a paid
// repair), sells an extended warranty on it, and asks again: the same answer the fees read now
// makes the repair free, by the contract. (The fees lines themselves are proven through the API,
// both engines, in src/modules/contracts/contracts.int.test.ts.)
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

/** A demo customer's extra unit, bought in 2020 (long out of warranty), of a model with one serial ("<prefix>M" + 11 digits in the demo). */
async function oldUnit(lang: string) {
  const owner = (await stage.services.units.list(systemCaller, { limit: 1, offset: 0 } as never)).items[0].ownerId;
  const models = (await stage.services.catalog.listModels(systemCaller, { limit: 100, offset: 0, sort: 'code' } as never)).items;
  const model = models.find((m) => m.serialPattern?.endsWith('M[0-9]{11}'))!;
  const serial = `${model.serialPattern!.replace('M[0-9]{11}', '')}M${String(Date.now()).slice(-10)}${lang === 'zh' ? 1 : 2}`;
  await stage.services.units.register(systemCaller, { modelId: model.id, ownerId: owner, serials: [{ role: 'main', serial }], purchaseDate: '2020-03-01', channel: 'store', invoiceNumber: `INV-${serial}`, priceFen: 329900 } as never);
  return { ownerId: owner, serial };
}

run('service contracts in a real browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`an extended warranty sold on the unit card turns a paid repair into a free one (${lang})`, async () => {
      const { ownerId, serial } = await oldUnit(lang);
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'manager');
      await page.goto(`/app/customers/${ownerId}`);
      const card = page.locator('div.unit', { hasText: serial });
      await card.waitFor();
      const ask = async () => {
        const form = card.locator('form.sanbao');
        if (!(await form.isVisible())) await card.getByRole('button', { name: t.sanbao.ask }).click();
        await form.getByLabel(`${t.sanbao.faultCode} *`).fill('S01');
        await form.getByLabel(t.sanbao.kind).selectOption('other');
        await form.getByRole('button', { name: t.sanbao.submit }).click();
        return form.getByRole('status');
      };

      // Before: out of warranty, a paid repair.
      await expect.poll(async () => (await ask()).textContent()).toContain(t.sanbao.paid);

      // Sell a year's extended warranty (labour and parts) for ¥365; a bad price is named first.
      const panel = card.locator('section.contracts');
      await panel.getByText(t.contracts.none).waitFor();
      await panel.getByRole('button', { name: t.contracts.sell }).click();
      const sell = panel.locator('form.sell-contract');
      await sell.getByLabel(`${t.contracts.price} *`).fill('3.655');
      await sell.getByRole('button', { name: t.contracts.submit }).click();
      await sell.locator('.field-error').first().waitFor();
      await sell.getByLabel(`${t.contracts.price} *`).fill('365.00');
      await sell.getByRole('button', { name: t.contracts.submit }).click();
      const row = panel.locator('li.contract');
      await expect.poll(() => row.textContent()).toContain(t.contracts.kindName.extended_warranty);
      expect(await row.textContent()).toContain(t.contracts.status.active);

      // After: the same fault is a free repair, by the contract.
      const answer = await ask();
      await expect.poll(() => answer.textContent()).toContain(t.sanbao.free);
      expect(await answer.textContent()).toContain('contract.extendedWarranty');
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `contracts-unit-${lang}`);
      await context.close();
    }, 120_000);
  }
});

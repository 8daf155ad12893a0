import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A manager edits the demo's draft price list, previews an order under it, and on the order page
// adds 3 m of pipe to its fees: the line and the totals show with who pays.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

/** Demo orders priced at completion by their price list alone, whose list has the pipe extension, still open to changes. */
async function pricedOrders(count: number) {
  const s = stage.services;
  const found: { id: string; number: string; total: number }[] = [];
  const page = await s.workOrders.list(systemCaller, { status: ['work_done', 'confirmed'], limit: 100, offset: 0, sort: '-createdAt' } as never);
  for (const o of page.items) {
    const fees = await s.fees.forOrder(systemCaller, o.id);
    // The preview prices what the list prices (call-out, labour, remote); a part is the catalogue's.
    if (fees.lines.length > 0 && fees.lines.every((l) => l.kind !== 'part')) found.push({ id: o.id, number: o.number, total: fees.totals.amountFen });
    if (found.length === count) return found;
  }
  throw new Error('not enough priced demo orders');
}

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
const yuan = (fen: number) => (fen / 100).toFixed(2);

run('fees in a real browser', () => {
  let orders: { id: string; number: string; total: number }[];
  beforeAll(async () => {
    orders = await pricedOrders(2);
  });

  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`a manager edits the draft, previews an order under it, and adds pipe on the order's fees card (${lang})`, async () => {
      const order = orders[i];
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'manager');
      await openFromBar(page, t.nav.priceLists);
      await page.getByRole('heading', { level: 1, name: t.priceLists.title }).waitFor();

      // The national list's draft (v2): a bad amount is refused naming the row, a good one saved.
      await page.getByRole('button', { name: fill(t.priceLists.edit, { number: 2 }) }).click();
      const editor = page.locator('section[aria-labelledby="draft-title"]');
      await editor.getByRole('heading', { name: fill(t.priceLists.editTitle, { number: 2 }) }).waitFor();
      const labour = editor.getByLabel(new RegExp(`^${fill(t.priceLists.rowLabour, { row: 1, category: '.*' }).replace(/[()（）]/g, '.')}$`));
      await labour.fill('12.345');
      await editor.getByRole('button', { name: t.priceLists.save }).click();
      await editor.locator('.field-error').first().waitFor();
      await labour.fill('999.00');
      await editor.getByRole('button', { name: t.priceLists.save }).click();
      await editor.getByRole('status').getByText(t.priceLists.saved).waitFor();

      // The preview: what an order costs under the draft, beside what it costs now.
      await editor.getByLabel(`${t.priceLists.orderNumber} *`).fill(order.number);
      await editor.getByRole('button', { name: t.priceLists.preview, exact: true }).click();
      const totals = editor.locator('.preview-totals');
      await expect.poll(() => totals.textContent()).toContain(yuan(order.total));
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `fees-preview-${lang}`);

      // The order's fees card: lines with who pays; add 3 m of pipe from the list.
      await page.goto(`/app/orders/${order.id}`);
      const card = page.locator('section.fees');
      await card.getByRole('heading', { name: t.fees.title }).waitFor();
      await expect.poll(() => card.locator('.fees-total').textContent()).toContain(yuan(order.total));
      await card.getByRole('button', { name: t.fees.addExtra }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(`${t.fees.extra} *`).selectOption('pipe_m');
      await dialog.getByLabel(`${t.fees.quantity} *`).fill('3');
      await dialog.getByRole('button', { name: t.fees.save }).click();
      await expect.poll(() => card.locator('.fees-total').textContent()).toContain(yuan(order.total + 19500));
      await expect.poll(() => card.locator('tbody tr').last().textContent()).toContain(t.payer.customer);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `fees-order-${lang}`);
      await context.close();
    });
  }
});

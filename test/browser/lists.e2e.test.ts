import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A dispatcher works the order list: filters by provider and promise state (three orders of one
// provider whose promises broke), saves the view and finds it again after a reload, ticks the three
// and assigns them to a technician at once (one is on hold: refused, and the summary says why),
// exports the list and finds the three in the file, and moves through the rows by keyboard.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 480_000);
afterAll(async () => stage?.close());

async function open(lang: 'zh' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

/** Three orders of the demo technician's provider with `marker` in the symptom, their promises broken; the third on hold. */
async function brokenOrders(marker: string) {
  const s = stage.services;
  const customers = await s.customers.search(systemCaller, { limit: 20, offset: 0, sort: '-createdAt' } as never);
  let customer: { id: string } | undefined;
  for (const c of customers.items) {
    const full = await s.customers.get(systemCaller, c.id);
    if (full.phones.length > 0 && full.addresses.length > 0) {
      customer = full;
      break;
    }
  }
  if (!customer) throw new Error('no demo customer with a phone and an address');
  const users = await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'technician' });
  const home = await s.network.getTechnician(systemCaller, users.items.find((u) => u.username === 'technician')!.technicianId!);
  const orders = [];
  for (const i of [1, 2, 3]) {
    let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: customer.id, symptom: `${marker} ${i}`, accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: home.providerId, reason: '演示 / demo' });
    orders.push(o);
  }
  orders[2] = await s.workOrders.perform(systemCaller, orders[2].id, 'hold', { version: orders[2].version, reason: 'waiting_for_customer' });
  // Their clocks ran out and the breach job marked them (the demo's policy gives every order a promise); the hold came later.
  const ids = orders.map((o) => o.id);
  const moved = await s.database.db.execute(sql`update promise_clocks set due_at = now() - interval '1 minute', breached_at = now() - interval '1 minute' where order_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and status in ('running', 'paused')`);
  expect((moved as unknown as { affectedRows?: number; rowCount?: number }).affectedRows ?? (moved as unknown as { rowCount: number }).rowCount).toBeGreaterThan(0);
  // A technician of the provider free to take the first order today (the same holds for the second: no unit, no category).
  const technicians = await s.network.activeTechniciansOf(s.database.db, [home.providerId!]);
  const refusals = await s.workOrders.assignRefusals(systemCaller, orders[0].id, technicians.map((te: { id: string }) => te.id));
  const free = technicians.find((te: { id: string }) => refusals.get(te.id)?.refusals.length === 0) as { id: string; name: string } | undefined;
  if (!free) throw new Error('no technician of the provider free today');
  return { providerId: home.providerId!, orders, technician: free };
}

run('the order list in a real browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`filters by provider and promise state, saves a view, assigns in bulk with a refusal explained, exports (${lang})`, async () => {
      const marker = `lists-e2e-${lang}-${Date.now()}`;
      const { providerId, orders, technician } = await brokenOrders(marker);
      const numbers = orders.map((o) => o.number).sort();
      const { context, page } = await open(lang);
      await signIn(page, lang, 'dispatcher');
      await page.goto('/app/orders');
      await page.getByRole('heading', { level: 1, name: t.orders.title }).waitFor();

      // Filters: the provider, the broken promise, and the marker's words; each goes into the address.
      await page.getByLabel(t.lists.provider, { exact: true }).selectOption(providerId);
      await page.waitForURL(/providerId=/);
      await page.getByLabel(t.lists.promise, { exact: true }).selectOption('broken');
      await page.waitForURL(/promise=broken/);
      await page.getByLabel(t.orders.q, { exact: true }).fill(marker);
      await page.getByLabel(t.orders.q, { exact: true }).press('Enter');
      const rows = page.getByTestId('order-row');
      await expect.poll(async () => (await rows.allTextContents()).length, { timeout: 20_000 }).toBe(3);
      expect((await rows.allTextContents()).map((r) => numbers.find((n) => r.includes(n))).sort()).toEqual(numbers);
      expect(await accessibilityProblems(page)).toEqual([]);

      // Saved as a view; after a reload on the plain list, the view brings the same three back.
      const viewName = lang === 'zh' ? `超时 ${marker}` : `Broken ${marker}`;
      await page.getByRole('button', { name: t.lists.saveView }).click();
      const saveDialog = page.getByRole('dialog', { name: t.lists.saveView });
      await saveDialog.getByLabel(`${t.lists.viewName} *`).fill(viewName);
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveDialog.getByRole('button', { name: t.lists.save }).click();
      await page.getByRole('button', { name: viewName }).waitFor();
      await page.goto('/app/orders');
      await page.reload();
      await page.getByRole('button', { name: viewName }).click();
      await page.waitForURL(/promise=broken/);
      await expect.poll(async () => (await rows.allTextContents()).length, { timeout: 20_000 }).toBe(3);
      expect(await page.getByRole('button', { name: viewName }).getAttribute('aria-pressed')).toBe('true');

      // All three ticked, assigned at once: two done, the one on hold refused with its reason.
      await page.getByLabel(t.lists.selectAll).check();
      await page.getByRole('group', { name: t.lists.bulk }).getByRole('button', { name: t.lists.bulkAssign }).click();
      const dialog = page.getByRole('dialog', { name: t.lists.bulkAssign });
      await dialog.getByLabel(`${t.lists.toTechnician} *`).selectOption(technician.id);
      expect(await accessibilityProblems(page)).toEqual([]);
      await dialog.getByRole('button', { name: t.lists.apply.replace('{{count}}', '3') }).click();
      const result = page.getByRole('status', { name: t.lists.bulk });
      await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain(t.lists.summary.replace('{{done}}', '2').replace('{{unchanged}}', '0').replace('{{refused}}', '1'));
      const refusal = await result.getByRole('list', { name: t.lists.refusals }).textContent();
      expect(refusal).toContain(orders[2].number);
      // The reason in the page's language: the state it is in, and nothing of the other language.
      expect(refusal).toMatch(lang === 'zh' ? /[\u4e00-\u9fff]/ : /on_hold|hold/i);
      if (lang === 'en') expect(refusal).not.toMatch(/[\u4e00-\u9fff]/);
      for (const o of orders.slice(0, 2)) expect((await stage.services.workOrders.get(systemCaller, o.id)).technicianId).toBe(technician.id);
      expect((await stage.services.workOrders.get(systemCaller, orders[2].id)).status).toBe('on_hold');
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `lists-bulk-${lang}`);

      // The export of the same filtered list: its header in both languages, the three orders its rows.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t.lists.exportCsv }).click()]);
      const file = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(file[0]).toContain('Number 工单号');
      expect(file.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(numbers);

      // The keyboard: j moves down, x ticks, Enter opens the order.
      await rows.first().focus();
      await page.keyboard.press('j');
      await page.keyboard.press('x');
      const second = (await rows.nth(1).textContent())!;
      expect(await rows.nth(1).getByRole('checkbox').isChecked()).toBe(true);
      await page.keyboard.press('Enter');
      const opened = numbers.find((n) => second.includes(n))!;
      await page.getByRole('heading', { level: 1, name: t.order.title.replace('{{number}}', opened) }).waitFor();
      await context.close();
    }, 180_000);
  }
});

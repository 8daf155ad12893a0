import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityProblems, browserAvailable, shoot, signIn, signInCustomer, startStage, type Stage, openPage, openFromBar } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// The agent's workspace in a real browser, in both languages: a manager adds a symptom template for
// a demo unit's category; the agent lands on the workspace, opens the customer from the command
// palette (Ctrl+K, typed name, arrow keys, Enter), opens an order with the template filling the
// symptom, writes an internal note on it, and finds the order in their queue ("g q"). The customer,
// signed in to the portal, reads the order and never the note.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

const open = (lang: 'zh' | 'en') => openPage(stage, lang);

async function expectAccessible(page: Page) {
  expect(await accessibilityProblems(page)).toEqual([]);
}

/** A demo customer with a unit, a phone and an address, a different one per language. */
async function demoCustomer(skip: number) {
  const s = stage.services;
  const units = await s.units.list(systemCaller, { limit: 20, offset: 100 + skip * 20 } as never);
  for (const u of units.items) {
    const c = await s.customers.get(systemCaller, u.ownerId);
    if (c.addresses.length > 0 && c.phones.length > 0) return { customer: c, unit: u as { id: string; categoryId: string } };
  }
  throw new Error('no demo customer with a unit and an address');
}

run('the agent workspace in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`a template from the manager, the palette, an order from the template, a note the customer never sees, the queue (${lang})`, async () => {
      const { customer, unit } = await demoCustomer(i);
      const title = lang === 'zh' ? `外机不转-${i}` : `Fan stopped ${i}`;
      const symptom = lang === 'zh' ? `外机风扇不转，室内不制冷 ${i}` : `Outdoor fan does not turn, no cooling ${i}`;

      // The manager keeps the category's templates.
      const boss = await open(lang);
      await signIn(boss.page, lang, 'manager');
      await openFromBar(boss.page, t.templates.nav);
      await boss.page.getByRole('heading', { level: 1, name: t.templates.title }).waitFor();
      await boss.page.getByLabel(t.templates.category).selectOption(unit.categoryId);
      await boss.page.getByLabel(`${t.templates.titleZh} *`).fill(title);
      await boss.page.getByLabel(`${t.templates.titleEn} *`).fill(title);
      await boss.page.getByLabel(`${t.templates.symptom} *`).fill(symptom);
      await boss.page.getByRole('button', { name: t.templates.add, exact: true }).click();
      await boss.page.getByRole('cell', { name: symptom }).waitFor();
      await expectAccessible(boss.page);
      await shoot(boss.page, `symptom-templates-${lang}`);
      await boss.context.close();

      // The agent lands on the workspace: the search box, the queue, recent customers.
      const { context, page } = await open(lang);
      await signIn(page, lang, 'agent');
      expect(page.url()).toContain('/app/workspace');
      await page.getByRole('heading', { level: 2, name: t.workspace.queue }).waitFor();
      await expectAccessible(page);

      // Ctrl+K: the palette; the customer's name; the customer is an option; arrows and Enter open it.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: t.palette.title });
      await dialog.waitFor();
      const box = dialog.getByRole('combobox');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
      await box.fill(customer.name);
      const option = dialog.getByRole('option', { name: new RegExp(customer.number) });
      await option.first().waitFor();
      await expectAccessible(page);
      await shoot(page, `command-palette-${lang}`, false);
      // The customer's option is among the first ones: walk to it with the arrows.
      const options = await dialog.getByRole('option').allTextContents();
      const at = options.findIndex((o) => o.includes(customer.number));
      expect(at).toBeGreaterThanOrEqual(0);
      for (let k = 0; k < at; k += 1) await page.keyboard.press('ArrowDown');
      await expect.poll(async () => (await dialog.getByRole('option', { selected: true }).textContent()) ?? '').toContain(customer.number);
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/app/customers/${customer.id}$`));
      await page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
      // Esc closes the palette without going anywhere.
      await page.keyboard.press('Control+k');
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(page.url()).toContain(`/app/customers/${customer.id}`);

      // A new order: the unit, then the template fills the symptom.
      await page.getByRole('link', { name: t.customer.newOrder }).click();
      await page.waitForURL(/\/new-order$/);
      await page.getByLabel(t.order.unit, { exact: true }).selectOption(unit.id);
      const picker = page.getByLabel(t.templates.pick);
      await expect.poll(() => picker.isEnabled()).toBe(true);
      await picker.selectOption({ label: title });
      await expect.poll(() => page.getByLabel(`${t.order.symptom} *`).inputValue()).toBe(symptom);
      await expectAccessible(page);
      await shoot(page, `intake-template-${lang}`);
      await page.keyboard.press('Control+Enter');
      await page.waitForURL(/\/app\/orders\/[0-9a-f-]{36}$/);
      const orderId = page.url().split('/').pop()!;
      const order = await stage.services.workOrders.get(systemCaller, orderId);
      expect(order).toMatchObject({ customerId: customer.id, unitId: unit.id, symptom, status: 'awaiting_dispatch' });

      // An internal note: in the thread, and a history row.
      const secret = lang === 'zh' ? `内部：客户要求先来电-${i}` : `Internal: call before coming ${i}`;
      await page.getByLabel(`${t.notes.text} *`).fill(secret);
      await page.getByRole('button', { name: t.notes.add }).click();
      await page.locator('.notes-thread li').getByText(secret).waitFor();
      await page.locator('.timeline').getByText(t.history.note).waitFor();
      await expectAccessible(page);
      await shoot(page, `order-notes-${lang}`);

      // "g q": my queue holds the order, not dispatched yet.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('g');
      await page.keyboard.press('q');
      await page.waitForURL(/\/app\/workspace$/);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: order.number }) });
      await row.waitFor();
      expect(await row.textContent()).toContain(lang === 'zh' ? '尚未派单' : 'Not dispatched yet');
      await page.getByRole('region', { name: t.workspace.recent }).getByRole('link', { name: new RegExp(customer.name) }).waitFor();
      // "?" shows the shortcuts.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: t.shortcuts.title }).waitFor();
      await expectAccessible(page);
      await shoot(page, `agent-workspace-${lang}`);
      await page.keyboard.press('Escape');
      await context.close();

      // The customer reads the order in the portal, never the note.
      const portal = await open(lang);
      await signInCustomer(stage, portal.page, lang, customer.id);
      await portal.page.goto(`/my/orders/${orderId}`);
      await portal.page.getByText(order.number).first().waitFor();
      await portal.page.waitForLoadState('networkidle');
      expect(await portal.page.locator('body').textContent()).not.toContain(secret);
      await expectAccessible(portal.page);
      await portal.context.close();
    }, 300_000);
  }
});

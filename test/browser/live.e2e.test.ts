import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage, openPage } from './browser.js';
import { sql } from 'drizzle-orm';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// Live news in a second browser: the provider's admin has an order's page open and the technician
// the console; the order is assigned elsewhere; the admin's page shows it assigned and both bells
// count it, without a reload. The technician opens it from the bell; marks all read; a reload keeps
// that. The second provider's admin never hears of it. A promise's warning, delivered by the
// at-risk job, reaches the dispatcher's bell the same way.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 420_000);
afterAll(async () => stage?.close());

const open = (lang: 'zh' | 'en') => openPage(stage, lang);

/** A demo customer's order dispatched to the demo technician's provider; returns it and the technician. */
async function dispatchedOrder() {
  const s = stage.services;
  const tech = (await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'technician' })).items.find((u) => u.username === 'technician')!;
  const techRecord = await s.network.getTechnician(systemCaller, tech.technicianId!);
  const units = await s.units.list(systemCaller, { limit: 20, offset: 0 } as never);
  const unit = (units.items as { id: string; ownerId: string }[])[0];
  let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: unit.ownerId, unitId: unit.id, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: techRecord.providerId, reason: '演示 / demo' });
  return { order: o, technicianId: techRecord.id };
}

const bell = (page: Page, _t: typeof en) => page.locator('.bell > button');
const unread = async (page: Page) => Number((await page.locator('.bell > button').getAttribute('data-unread')) ?? '0');

run('live news in a second browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`an assignment reaches the provider's open order page and the technician's bell without reload, never the other provider (${lang})`, async () => {
      const { order, technicianId } = await dispatchedOrder();

      const admin = await open(lang);
      await signIn(admin.page, lang, 'provider');
      await admin.page.goto(`/app/orders/${order.id}`);
      await admin.page.getByRole('heading', { level: 1 }).getByText(t.status.dispatched).waitFor();
      await bell(admin.page, t).waitFor();

      const tech = await open(lang);
      await signIn(tech.page, lang, 'technician');
      await bell(tech.page, t).waitFor();
      
      const other = await open(lang);
      await signIn(other.page, lang, 'provider2');
      await bell(other.page, t).waitFor();

      // The pages are not reloaded from here on: a mark on the window would be gone.
      for (const p of [admin.page, tech.page, other.page]) await p.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
      // Give each console's stream a moment to connect before the news is made.
      for (const p of [admin.page, tech.page, other.page]) await expect.poll(() => bell(p, t).getAttribute('data-live'), { timeout: 10_000 }).toBe('open');
      const adminBefore = await unread(admin.page);
      const techBefore = await unread(tech.page);
      const otherBefore = await unread(other.page);

      process.stdout.write(`live e2e ${lang}: consoles connected\n`);
      // Assigned elsewhere (the dispatcher's desk).
      await stage.services.workOrders.perform(systemCaller, order.id, 'assign', { version: order.version, technicianId, overrideReason: '演示 / demo' });

      await admin.page.getByRole('heading', { level: 1 }).getByText(t.status.assigned).waitFor({ timeout: 10_000 });
      await expect.poll(() => unread(admin.page), { timeout: 10_000 }).toBe(adminBefore + 1);
      await expect.poll(() => unread(tech.page), { timeout: 10_000 }).toBe(techBefore + 1);
      expect(await admin.page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
      expect(await tech.page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
      expect(await bell(tech.page, t).textContent()).toContain(`${techBefore + 1} ${t.live.unreadSuffix}`);

      process.stdout.write(`live e2e ${lang}: news arrived\n`);
      // The technician opens the bell: the assignment, unread, first.
      await bell(tech.page, t).click();
      const panel = tech.page.getByRole('region', { name: t.live.title });
      const item = panel.getByRole('link', { name: new RegExp(`${t.liveKind.assigned}.*${order.number}`) });
      await item.waitFor();
      expect(await panel.locator('li').first().getAttribute('class')).toBe('unread');
      expect(await accessibilityProblems(tech.page)).toEqual([]);
      await shoot(tech.page, `live-bell-${lang}`, false);
      await item.click();
      await tech.page.waitForURL(new RegExp(`/app/orders/${order.id}$`));
      await tech.page.getByRole('heading', { level: 1 }).getByText(t.status.assigned).waitFor();
      await expect.poll(() => unread(tech.page)).toBe(techBefore);

      // Mark all read; a reload keeps it (the marks are the server's).
      if (techBefore > 0) {
        await bell(tech.page, t).click();
        await tech.page.getByRole('region', { name: t.live.title }).getByRole('button', { name: t.live.markAll }).click();
        await expect.poll(() => unread(tech.page)).toBe(0);
      }
      await tech.page.reload();
      await bell(tech.page, t).waitFor();
      await expect.poll(() => bell(tech.page, t).getAttribute('data-live')).toBe('open');
      expect(await unread(tech.page)).toBe(0);

      // The second provider's admin heard nothing of it.
      expect(await unread(other.page)).toBe(otherBefore);
      await bell(other.page, t).click();
      const otherPanel = other.page.getByRole('region', { name: t.live.title });
      await otherPanel.getByRole('heading', { name: t.live.title }).waitFor();
      expect(await otherPanel.textContent()).not.toContain(order.number);
      expect(await accessibilityProblems(admin.page)).toEqual([]);
      await shoot(admin.page, `live-order-assigned-${lang}`, false);
      for (const c of [admin, tech, other]) await c.context.close();
    }, 300_000);
  }

  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`a promise's warning, delivered by the at-risk job, reaches the dispatcher's bell without reload (${lang})`, async () => {
      const { order } = await dispatchedOrder();
      const dispatcher = await open(lang);
      await signIn(dispatcher.page, lang, 'dispatcher');
      await bell(dispatcher.page, t).waitFor();
      await expect.poll(() => bell(dispatcher.page, t).getAttribute('data-live'), { timeout: 10_000 }).toBe('open');
      await dispatcher.page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
      const before = await unread(dispatcher.page);

      // One of the order's promises passes its warning point (set so: the demo's targets are hours
      // away; each promise warns on its own), and the at-risk job for it runs, as the queue would run it then.
      await stage.database.db.execute(sql`update promise_clocks set warn_at = now() - interval '1 minute'
        where order_id = ${order.id} and (milestone, cycle) = (select milestone, cycle from promise_clocks where order_id = ${order.id} and status = 'running' and warned_at is null order by warn_at limit 1)`);
      expect(await stage.services.promises.deliverDue(order.id)).toBeGreaterThan(0);

      await expect.poll(() => unread(dispatcher.page), { timeout: 10_000 }).toBeGreaterThan(before);
      expect(await dispatcher.page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
      await bell(dispatcher.page, t).click();
      const panel = dispatcher.page.getByRole('region', { name: t.live.title });
      const item = panel.getByRole('link', { name: new RegExp(`${t.liveKind.promise_warning}.*${order.number}`) });
      await item.waitFor();
      expect(await accessibilityProblems(dispatcher.page)).toEqual([]);
      await item.click();
      await dispatcher.page.waitForURL(new RegExp(`/app/orders/${order.id}$`));
      await dispatcher.context.close();
    }, 300_000);
  }
});

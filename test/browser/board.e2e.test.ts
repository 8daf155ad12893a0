import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import { addDays, localDate } from '../../src/shared/zoned.js';

// A dispatcher acts on the board: drags an unplanned order onto a technician's row and sees it
// planned; a drop the rules refuse shows why and changes nothing; undo; the board remembers the
// providers chosen after a reload; plan-the-day is stopped early and keeps its best plan so far.
const texts = { zh, en } as const;
type Lang = keyof typeof texts;
const locales = { zh: 'zh-CN', en: 'en-US' } as const;

let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  // The optimizer would take two minutes: the journey stops it.
  if (run === describe) stage = await startStage({ planBudget: { objective: 'travel', timeLimitMs: 120_000, iterations: 1e9 } });
}, 480_000);
afterAll(async () => stage?.close());

/** A new order of one of the provider's customers, dispatched to it and nobody assigned: the unplanned pane's. */
async function unplannedOrder(providerId: string, symptom: string) {
  const s = stage.services;
  const some = (await s.workOrders.list(systemCaller, { providerId, limit: 50, sort: '-createdAt' } as never)).items.find((o) => o.unitId)!;
  let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: some.customerId, unitId: some.unitId, symptom, accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId, reason: '看板旅程 / board journey' });
  return o;
}

/** A coming day on which a technician who can take the order works and has no visit yet. */
async function freeDay(providerId: string, orderId: string) {
  let date = addDays(localDate(new Date(), 'Asia/Shanghai'), 9);
  for (let k = 0; k < 14; k++, date = addDays(date, 1)) {
    const board = await stage.services.dispatch.board(systemCaller, { providerId, date });
    const candidates = await stage.services.dispatch.assignCandidates(systemCaller, orderId, { date });
    const tech = board.technicians.find((x) => x.shifts.length > 0 && candidates.items.some((c) => c.technicianId === x.id && c.canTake) && !board.visits.some((v) => v.technicianId === x.id));
    if (tech) return { date, tech, board };
  }
  throw new Error('no free day');
}

/**
 * A drag and drop as the browser delivers it to the page: dragstart on the order, dragover and drop
 * on the technician's row at a fraction of its width (the start time), sharing one DataTransfer.
 */
async function drag(page: Page, source: Locator, target: Locator, fraction: number) {
  const box = (await target.boundingBox())!;
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  const at = { dataTransfer, clientX: box.x + box.width * fraction, clientY: box.y + box.height / 2, bubbles: true };
  await source.dispatchEvent('dragstart', { dataTransfer, bubbles: true });
  await target.dispatchEvent('dragover', at);
  await target.dispatchEvent('drop', at);
}

const row = (page: Page, technicianId: string) => page.locator(`section.board-day .track[data-technician="${technicianId}"]`);

run('the dispatch board to act on', () => {
  for (const lang of ['zh', 'en'] as Lang[]) {
    it(`a dispatcher drags an unplanned order onto a technician, sees a refused drop and why, undoes, finds the providers remembered and stops plan-the-day early (${lang})`, async () => {
      const t = texts[lang];
      const providers = (await stage.services.network.listProviders(systemCaller)).filter((p) => p.active);
      const provider = providers.find((p) => p.code === 'SH-BRANCH')!;
      const second = providers.find((p) => p.id !== provider.id)!;
      const order = await unplannedOrder(provider.id, `看板拖放 ${lang}`);
      const { date, tech } = await freeDay(provider.id, order.id);
      // The plot needs a place to draw (an order's location or a technician's home); the new order's address is geocoded by a job.
      await expect.poll(async () => {
        const b = await stage.services.dispatch.board(systemCaller, { providerId: provider.id, date });
        return b.orders.some((o) => o.location) || b.technicians.some((x) => x.home);
      }, { timeout: 30_000 }).toBe(true);
      const context = await stage.browser.newContext({ locale: locales[lang], viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'dispatcher');
      await openFromBar(page, t.nav.dispatch);
      await page.waitForURL(/\/app\/dispatch/);
      await page.getByLabel(t.board.provider, { exact: true }).selectOption(provider.id);
      await page.getByLabel(t.board.date, { exact: true }).fill(date);
      const pane = page.locator('section.board-day .unplanned-pane');
      const item = pane.locator(`li[data-order="${order.id}"]`);
      await item.waitFor();
      // No tile server set (AFTERCARE_MAP_TILES): the board's own plot, no map (map.e2e.test.ts has the map).
      await expect.poll(() => page.locator('section.board-day figure.plot svg[role="img"]').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.locator('section.board-day .tile-map').count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);

      // A drop at the end of the day: the visit would end after the shift. Refused, with the API's reason; nothing changes.
      const track = row(page, tech.id);
      await drag(page, item, track, 0.995);
      const refusal = page.getByRole('alert').filter({ hasText: t.move.refused.replace('{{number}}', order.number) });
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain(tech.name);
      expect((await stage.services.workOrders.get(systemCaller, order.id)).technicianId).toBeNull();
      expect(await item.count()).toBe(1);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `board-refused-${lang}`);

      // A drop early in the day: assigned and booked, on the technician's row, gone from the pane.
      await drag(page, item, track, 0.2);
      await page.locator('.move-done').waitFor();
      const planned = await stage.services.workOrders.get(systemCaller, order.id);
      expect(planned).toMatchObject({ status: 'booked', technicianId: tech.id });
      expect(Date.parse(planned.appointmentFrom!) % (15 * 60_000)).toBe(0);
      await track.locator(`a.visit[href="/app/orders/${order.id}"]`).waitFor();
      await item.waitFor({ state: 'detached' });
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `board-dropped-${lang}`);

      // Undo: a real step back, leaving the history of all three.
      await page.getByRole('button', { name: t.move.undo }).click();
      await page.getByText(t.move.undone.replace('{{number}}', order.number)).waitFor();
      await item.waitFor();
      expect(await stage.services.workOrders.get(systemCaller, order.id)).toMatchObject({ status: 'dispatched', technicianId: null });
      const steps = (await stage.services.workOrders.history(systemCaller, order.id)).map((h) => h.action);
      expect(steps.slice(-3)).toEqual(['assign', 'book', 'dispatch']);

      // The keyboard's way: "Move to…" from the pane, the technician and a time, then Move.
      await item.getByRole('button', { name: t.move.moveTo.replace('{{number}}', order.number) }).click();
      const form = page.locator('form.move-form');
      await form.getByLabel(t.move.technician).selectOption(tech.id);
      const shiftStart = Date.parse(tech.shifts[0].from);
      const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(shiftStart + 3_600_000));
      await form.getByLabel(t.move.time).fill(hm);
      await form.getByRole('button', { name: t.move.submit }).press('Enter');
      await page.locator('.move-done').filter({ hasText: hm }).waitFor();
      expect((await stage.services.workOrders.get(systemCaller, order.id)).appointmentFrom).toBe(new Date(shiftStart + 3_600_000).toISOString());

      // Two providers on the board; after a reload (no address parameters) the board opens on both.
      await page.getByLabel(t.board.provider, { exact: true }).selectOption([provider.id, second.id]);
      await expect.poll(() => page.locator('section.board-day').count(), { timeout: 60_000 }).toBe(2);
      await page.goto('/app/dispatch');
      await expect.poll(() => page.locator('section.board-day').count(), { timeout: 60_000 }).toBe(2);
      const chosen = await page.getByLabel(t.board.provider, { exact: true }).evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value));
      expect(chosen.sort()).toEqual([provider.id, second.id].sort());
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `board-two-providers-${lang}`);

      // Plan the day, stopped early: the best plan so far is the preview.
      await page.getByLabel(t.board.provider, { exact: true }).selectOption(provider.id);
      await expect.poll(() => page.locator('section.board-day').count(), { timeout: 60_000 }).toBe(1);
      await page.getByLabel(t.board.date, { exact: true }).fill(date);
      await page.locator(`section.board-day[data-provider="${provider.id}"]`).getByRole('button', { name: t.plan.make }).click();
      const preview = page.locator('section.preview');
      await preview.getByRole('progressbar').waitFor({ timeout: 60_000 });
      const planId = page.url().match(/plan=([0-9a-f-]{36})/)![1];
      await preview.getByRole('button', { name: t.plan.stop }).click();
      await preview.getByRole('button', { name: t.plan.apply }).waitFor({ timeout: 60_000 });
      const plan = await stage.services.dispatch.getPlan(systemCaller, planId);
      expect(plan).toMatchObject({ status: 'preview', stopRequested: true });
      expect(plan.progress!.elapsedMs).toBeLessThan(120_000);
      await context.close();
    }, 300_000);
  }
});

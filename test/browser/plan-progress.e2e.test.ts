import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import { addDays, localDate } from '../../src/shared/zoned.js';

// Plan the day on the demo company with an optimizer given two minutes: the dispatcher follows
// its best plan so far and stops it, and the plan it had is the preview.
const texts = { zh, en } as const;
type Lang = keyof typeof texts;
const locales = { zh: 'zh-CN', en: 'en-US' } as const;

let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage({ planBudget: { objective: 'travel', timeLimitMs: 120_000, iterations: 1e9 } });
}, 600_000);
afterAll(async () => stage?.close());

/** The coming days of a provider with orders to plan (at least two), soonest first: the demo's spread depends on today's weekday. */
async function daysToPlan(providerId: string, count: number): Promise<string[]> {
  const days: string[] = [];
  let date = localDate(new Date(), 'Asia/Shanghai');
  for (let k = 0; k < 21 && days.length < count; k++) {
    date = addDays(date, 1);
    const { problem } = await stage.services.dispatch.dayProblem(providerId, date);
    if ((problem.jobs?.length ?? 0) >= 2 && problem.vehicles.length > 0) days.push(date);
  }
  return days;
}

run('plan the day with progress', () => {
  for (const [lang, n] of [['zh', 0], ['en', 1]] as [Lang, number][]) {
    it(`a dispatcher plans a day, watches the best plan so far and stops the optimizer; the preview is the plan it had (${lang})`, async () => {
      const t = texts[lang];
      const provider = (await stage.services.network.listProviders(systemCaller)).find((p) => p.code === 'SH-BRANCH')!;
      const date = (await daysToPlan(provider.id, 2))[n];
      const context = await stage.browser.newContext({ locale: locales[lang], viewport: { width: 1280, height: 860 }, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await page.goto('/sign-in');
      await page.getByLabel(t.signIn.username).fill('dispatcher');
      await page.getByLabel(t.signIn.password).fill('aftercare-demo');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\//);
      await openFromBar(page, t.nav.dispatch);
      await page.waitForURL(/\/app\/dispatch/);
      await page.getByLabel(t.board.provider, { exact: true }).selectOption(provider.id);
      await page.getByLabel(t.board.date, { exact: true }).fill(date);
      await page.getByRole('button', { name: t.plan.make }).click();

      // The progress bar and the best plan so far, while the optimizer works (it would for two minutes).
      const preview = page.locator('section.preview');
      const bar = preview.getByRole('progressbar');
      await bar.waitFor({ timeout: 60_000 });
      const planId = page.url().match(/plan=([0-9a-f-]{36})/)![1];
      const best = preview.getByRole('definition').first();
      await expect.poll(async () => Number((await best.innerText()).split('/')[0].replace(/\D/g, '')), { timeout: 60_000 }).toBeGreaterThan(0);
      expect((await stage.services.dispatch.getPlan(systemCaller, planId)).status).toBe('planning');
      expect(Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `dispatch-plan-progress-${lang}`);

      await preview.getByRole('button', { name: t.plan.stop }).click();
      // Stopped long before its two minutes: the preview with its Apply button.
      await preview.getByRole('button', { name: t.plan.apply }).waitFor({ timeout: 60_000 });
      const plan = await stage.services.dispatch.getPlan(systemCaller, planId);
      expect(plan).toMatchObject({ status: 'preview', stopRequested: true });
      expect(plan.progress!.elapsedMs).toBeLessThan(120_000);
      expect(plan.stops.length).toBe(plan.progress!.planned);
      expect(await preview.locator('.day-view a.visit').count()).toBe(plan.stops.length);
      // Each on-site promise of the day's orders (the demo's policies promise one), kept or broken, by how much.
      expect(plan.promises.length).toBeGreaterThan(0);
      const promises = preview.locator('.results.promises li');
      expect(await promises.count()).toBe(plan.promises.length);
      const worst = [...plan.promises].sort((a, b) => Number(b.outcome === 'broken') - Number(a.outcome === 'broken') || b.minutes - a.minutes)[0];
      const words = t.plan.promise[worst.outcome].replace('{{n}}', String(worst.minutes));
      expect(await promises.first().innerText()).toContain(words);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `dispatch-plan-stopped-${lang}`);
      await context.close();
    }, 240_000);
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, signIn, shoot, staffFetch, startStage, type Stage } from './browser.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A manager opens the balanced scorecard on the demo: four perspectives with their lights, a red
// internal-process figure drills down to the orders behind it (and on to one); a technician opens
// theirs and sees only their own figures (another technician's are refused).
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 240_000);
afterAll(async () => stage?.close());

run('the balanced scorecard in a real browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`the manager drills a red figure to its orders; a technician sees only their own (${lang})`, async () => {
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'manager');
      await page.getByRole('link', { name: t.scorecard.nav, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t.scorecard.title }).waitFor();
      for (const p of ['financial', 'customer', 'internal', 'learning']) await page.getByTestId(`perspective-${p}`).waitFor();
      // Measures still to be recorded by another module say "no data", never zero.
      expect(await page.getByTestId('measure-enps').textContent()).toContain(t.scorecard.noData);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `scorecard-${lang}`);

      // A red figure of the internal process: its value opens the orders behind it.
      const red = page.getByTestId('perspective-internal').locator('tr[data-light="red"]').filter({ has: page.locator('button.link') });
      expect(await red.count()).toBeGreaterThan(0);
      await red.first().locator('td button.link').first().click();
      const drill = page.getByTestId('scorecard-drill');
      await drill.locator('tbody tr a').first().waitFor();
      expect(await drill.locator('tbody tr').count()).toBeGreaterThan(0);
      await shoot(page, `scorecard-drill-${lang}`);
      const number = (await drill.locator('tbody tr a').first().textContent())!.split(' · ')[0];
      await drill.locator('tbody tr a').first().click();
      await page.waitForURL(/\/app\/orders\//);
      await page.getByText(number).first().waitFor();
      await context.close();

      // The technician: their own figures only, no level to choose; another technician's are refused.
      const tech = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 844 }, baseURL: stage.baseUrl });
      const phone = await tech.newPage();
      await signIn(phone, lang, 'technician');
      await phone.goto('/app/scorecard');
      await phone.getByRole('heading', { level: 1, name: t.scorecard.ownTitle }).waitFor();
      await phone.getByTestId('perspective-internal').waitFor();
      expect(await phone.getByLabel(t.scorecard.level).count()).toBe(0);
      const get = await staffFetch(stage.baseUrl, 'technician');
      const own = await get<{ level: string; key: string; keyName: string }>('/scorecard?level=technician');
      expect(own.level).toBe('technician');
      expect(await phone.getByText(own.keyName).count()).toBeGreaterThan(0);
      const manager = await staffFetch(stage.baseUrl, 'manager');
      const others = await manager<{ rows: { key: string }[] }>(`/scorecard/breakdown?measure=resolution_hours_mean&level=technician`);
      const other = others.rows.find((r) => r.key !== own.key)!;
      const status = await phone.evaluate(async (key) => (await fetch(`/scorecard?level=technician&key=${key}`)).status, other.key);
      expect(status).toBe(403);
      expect(await phone.evaluate(async () => (await fetch('/scorecard')).status)).toBe(403);
      await shoot(phone, `scorecard-technician-${lang}`);
      await tech.close();
    });
  }
});

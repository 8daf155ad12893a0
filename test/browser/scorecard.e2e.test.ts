import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, staffFetch, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A manager opens the balanced scorecard on the demo: four perspectives with their lights, a red
// internal-process figure drills down to the orders behind it (and on to one), a measure's trend
// lists the providers side by side — by their English names in English, Chinese in Chinese (issue
// 24: provider names existed only in Chinese) and certification coverage per product category is the API's; a
// technician opens theirs and sees only their own figures and what customers said of their own orders (another
// technician's are refused).
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
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
      await openFromBar(page, t.scorecard.nav, true);
      await page.getByRole('heading', { level: 1, name: t.scorecard.title }).waitFor();
      for (const p of ['financial', 'customer', 'internal', 'learning']) await page.getByTestId(`perspective-${p}`).waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `scorecard-${lang}`);

      // Certification coverage per product category, as the API counts it, each category by its name in the reader's language.
      const coverage = page.getByTestId('certification-by-category');
      await coverage.locator('tbody tr').first().waitFor();
      const asHq = await staffFetch(stage.baseUrl, 'manager');
      const shownMonth = await page.getByLabel(t.scorecard.month).inputValue();
      const cov = await asHq<{ items: { code: string; nameZh: string; nameEn: string; technicians: number; certified: number; coverage: number }[] }>(`/scorecard/certification?month=${shownMonth}`);
      expect(cov.items.length).toBeGreaterThan(0);
      for (const c of cov.items) {
        const row = coverage.getByTestId(`coverage-${c.code}`);
        expect(await row.locator('th').textContent()).toBe(lang === 'zh' ? c.nameZh : c.nameEn);
        expect(await row.locator('td').nth(1).textContent()).toBe(`${c.certified} / ${c.technicians}`);
        expect(await row.locator('td').nth(2).textContent()).toBe(`${c.coverage.toFixed(1)}%`);
      }

      // A red figure of the internal process: its value opens the orders behind it.
      const red = page.getByTestId('perspective-internal').locator('tr[data-light="red"]').filter({ has: page.locator('button.link') });
      expect(await red.count()).toBeGreaterThan(0);
      await red.first().locator('td button.link').first().click();
      const drill = page.getByTestId('scorecard-drill');
      await drill.locator('tbody tr a').first().waitFor();
      expect(await drill.locator('tbody tr').count()).toBeGreaterThan(0);
      await shoot(page, `scorecard-drill-${lang}`);
      // Providers by their name in the reader's language: English to English readers (the demo gives
      // each provider one), Chinese to Chinese readers.
      const providers = await stage.services.network.listProviders(systemCaller);
      expect(providers.every((p) => p.nameEn && p.nameEn !== p.name)).toBe(true);
      const shown = (p: { name: string | null; nameEn?: string | null; key?: string }) => (lang === 'en' && p.nameEn ? p.nameEn : (p.name ?? p.key));
      const drilledProviders = (await drill.locator('tbody tr td:nth-of-type(1)').allTextContents()).filter((c) => c !== '—');
      expect(drilledProviders.length).toBeGreaterThan(0);
      expect(drilledProviders.filter((c) => !providers.map(shown).includes(c))).toEqual([]);
      const number = (await drill.locator('tbody tr a').first().textContent())!.split(' · ')[0];
      await drill.locator('tbody tr a').first().click();
      await page.waitForURL(/\/app\/orders\//);
      await page.getByText(number).first().waitFor();

      // A measure's trend, and the providers side by side, each by its name in the reader's language.
      await page.goBack();
      await page.getByTestId('perspective-internal').waitFor();
      await page.getByTestId('measure-resolution_hours_mean').locator('button.link').last().click();
      const byProvider = page.getByRole('region', { name: t.scorecard.breakdown });
      await byProvider.locator('tbody th').first().waitFor();
      const asManager = await staffFetch(stage.baseUrl, 'manager');
      const rows = (await asManager<{ rows: { key: string; name: string | null; nameEn: string | null }[] }>('/scorecard/breakdown?measure=resolution_hours_mean&level=provider')).rows;
      expect(rows.length).toBeGreaterThan(1);
      const names = (await byProvider.locator('tbody th').allTextContents()).slice(0, -1); // the last row is the median
      // The same providers as the API's breakdown (its order is by value, which the page's month may change).
      const sorted = (xs: (string | undefined)[]) => [...xs].sort();
      expect(sorted(names)).toEqual(sorted(rows.map(shown)));
      expect(sorted(names)).toEqual(sorted(rows.map((r) => shown(providers.find((p) => p.id === r.key)!))));
      if (lang === 'en') expect(names.filter((n) => /[\u4e00-\u9fff]/.test(n))).toEqual([]);
      else expect(names.every((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `scorecard-providers-${lang}`);
      await context.close();

      // The technician: their own figures only, no level to choose; another technician's are refused.
      const tech = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 844 }, baseURL: stage.baseUrl });
      const phone = await tech.newPage();
      await signIn(phone, lang, 'technician');
      await phone.goto('/app/scorecard');
      await phone.getByRole('heading', { level: 1, name: t.scorecard.ownTitle }).waitFor();
      await phone.getByTestId('perspective-internal').waitFor();
      expect(await phone.getByLabel(t.scorecard.level).count()).toBe(0);
      // A figure with no facts says "no data", never zero: eNPS is counted by anonymous groups, never per technician.
      expect(await phone.getByTestId('measure-enps').textContent()).toContain(t.scorecard.noData);
      const get = await staffFetch(stage.baseUrl, 'technician');
      const own = await get<{ level: string; key: string; keyName: string; keyNameEn: string | null }>('/scorecard?level=technician');
      expect(own.level).toBe('technician');
      expect(await phone.getByText(lang === 'en' && own.keyNameEn ? own.keyNameEn : own.keyName).count()).toBeGreaterThan(0);
      const manager = await staffFetch(stage.baseUrl, 'manager');
      const others = await manager<{ rows: { key: string }[] }>(`/scorecard/breakdown?measure=resolution_hours_mean&level=technician`);
      const other = others.rows.find((r) => r.key !== own.key)!;
      const status = await phone.evaluate(async (key) => (await fetch(`/scorecard?level=technician&key=${key}`)).status, other.key);
      expect(status).toBe(403);
      // What customers said of their own orders: the same as headquarters reads for this technician, and another technician's words refused.
      const month = await phone.getByLabel(t.scorecard.month).inputValue();
      const words = phone.getByTestId('customer-comments');
      await words.getByRole('heading', { name: t.scorecard.commentsTitle }).waitFor();
      const theirs = await manager<{ total: number; items: { orderNumber: string; comment: string | null }[] }>(`/scorecard/comments?month=${month}&key=${own.key}&limit=20`);
      expect(theirs.total).toBeGreaterThan(0);
      await words.locator('tbody tr').first().waitFor();
      expect(await words.locator('tbody th').allTextContents()).toEqual(theirs.items.map((x) => x.orderNumber));
      const firstSaid = theirs.items.find((x) => x.comment)?.comment;
      if (firstSaid) expect(await words.getByText(firstSaid).count()).toBeGreaterThan(0);
      expect(await phone.evaluate(async (key) => (await fetch(`/scorecard/comments?key=${key}`)).status, other.key)).toBe(403);
      // The technician's own categories: each one their provider serves that needs a certification.
      await phone.getByTestId('certification-by-category').waitFor();
      expect(await accessibilityProblems(phone)).toEqual([]);
      expect(await phone.evaluate(async () => (await fetch('/scorecard')).status)).toBe(403);
      await shoot(phone, `scorecard-technician-${lang}`);
      await tech.close();
    });
  }
});

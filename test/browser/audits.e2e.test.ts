import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityProblems, browserAvailable, shoot, signIn, staffFetch, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { homeVisitTemplate } from '../../src/modules/audits/audits.seed.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A supervisor audits a demo visit on a phone: every item a big button, the temperature typed, the
// site found dirty, no photo (not applicable); the audit scores 85 of 95 points, 89.5 with three
// stars, and opens a corrective action for the site, which the corrective-actions list shows; the provider's audit score for the month changes
// and the audits page shows the new figure; the manager's scorecard changes too (the provider's and the company's audit measure):
// its page, opened on the audit's month with the month picker, showed no data for the provider's audit score before and 89.5 after.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

type ScoreRow = { key: string; month: string; audits: number; averageScore: number | null };

/** Demo visits of different providers, each with a technician: one a language, so each provider's month starts unaudited. */
async function visits(count: number) {
  const page = await stage.services.workOrders.list(systemCaller, { status: ['work_done', 'confirmed', 'closed'], limit: 200, offset: 0, sort: '-createdAt' } as never);
  const withTech = page.items.filter((o: { providerId: string | null; technicianId: string | null }) => o.providerId && o.technicianId) as { id: string; providerId: string }[];
  const found = withTech.filter((o, i) => withTech.findIndex((x) => x.providerId === o.providerId) === i).slice(0, count);
  if (found.length < count) throw new Error('not enough demo orders with a technician');
  return found;
}

/** The manager's scorecard page for one provider and month (picked in its form, not the page's default month): the audit measure's cell. */
async function auditCell(page: Page, t: (typeof texts)['zh'], month: string, providerId: string) {
  await page.goto('/app/scorecard');
  await page.getByRole('heading', { level: 1, name: t.scorecard.title }).waitFor();
  await page.getByLabel(t.scorecard.month, { exact: true }).fill(month);
  await page.getByLabel(t.scorecard.level, { exact: true }).selectOption('provider');
  await page.getByLabel(t.scorecard.key, { exact: true }).fill(providerId);
  await page.getByRole('button', { name: t.scorecard.show, exact: true }).click();
  // The card answers for the asked month (its heading line starts with it) before the cell is read.
  await page.getByText(new RegExp(`^${month}`)).first().waitFor();
  const cell = page.getByTestId('measure-audit_score').locator('td').first();
  await cell.waitFor();
  return cell;
}

run('a service audit on a phone in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`audits a visit on a phone, opens a corrective action, moves the provider's score (${lang})`, async () => {
      const order = (await visits(2))[i];
      const get = await staffFetch(stage.baseUrl, 'manager');
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      const scoreOf = async () => (await get<{ rows: ScoreRow[] }>(`/audits/scores?level=provider&key=${order.providerId}`)).rows.find((r) => r.month === month);
      const before = await scoreOf();
      // The manager's scorecard: the audit measure of the provider and of the company, and how many audits the company's counts.
      type Card = { perspectives: { measures: { code: string; value: number | null }[] }[] };
      const auditMeasure = async (query: string) => (await get<Card>(`/scorecard?${query}`)).perspectives.flatMap((p) => p.measures).find((m) => m.code === 'audit_score')!.value;
      const companyAudits = async () => (await get<{ total: number }>('/scorecard/drill?measure=audit_score&level=company&limit=1')).total;
      const [providerBefore, companyBefore] = [await auditMeasure(`level=provider&key=${order.providerId}`), await companyAudits()];

      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'manager');
      // The scorecard page before: the provider's audit score of the month is "no data".
      expect(await (await auditCell(page, t, month, order.providerId)).textContent()).toBe(t.scorecard.noData);
      await page.goto(`/app/audits/new?orderId=${order.id}`);
      await page.getByRole('heading', { level: 1, name: t.audits.performTitle }).waitFor();
      const pickText = (x: { textZh: string; textEn: string }) => (lang === 'zh' ? x.textZh : x.textEn);
      for (const item of homeVisitTemplate.content.sections.flatMap((s) => s.items)) {
        const group = page.getByRole('group', { name: pickText(item) });
        if (item.evidence === 'measured') await group.getByRole('textbox').fill('12');
        else {
          const choice = item.code === 'site_cleaned' ? 'fail' : item.evidence === 'photo' ? 'na' : 'pass';
          const label = group.locator(`label.touch-choice.choice-${choice}`);
          // A touch target a thumb can hit: at least 44 CSS pixels high.
          expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(44);
          await label.tap();
        }
      }
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `audit-phone-${lang}`, false);
      await page.getByRole('button', { name: t.audits.send }).tap();
      const score = page.getByTestId('audit-score');
      await expect.poll(() => score.textContent()).toContain(t.audits.scoreOf.replace('{{score}}', '89.5'));
      expect(await score.textContent()).toContain(t.audits.stars.replace('{{n}}', '3'));
      const site = homeVisitTemplate.content.sections.flatMap((s) => s.items).find((x) => x.code === 'site_cleaned')!;
      expect(await page.getByRole('region', { name: t.audits.result }).textContent()).toContain(pickText(site));
      await shoot(page, `audit-phone-result-${lang}`, false);

      // The corrective action is on the list, open, owned by the visit's provider.
      await page.getByRole('link', { name: t.audits.navActions }).tap();
      await page.getByRole('heading', { level: 1, name: t.audits.actionsTitle }).waitFor();
      const card = page.getByTestId('corrective-action').filter({ hasText: pickText(site) }).first();
      await card.waitFor();
      expect(await card.textContent()).toContain(t.actionStatus.open);

      // The provider's score for the month moved: one audit more, and the audits page shows the new figure.
      const after = await scoreOf();
      expect(before).toBeUndefined();
      expect([after!.audits, after!.averageScore]).toEqual([1, 89.5]);
      await page.goto('/app/audits');
      const table = page.getByTestId('audit-scores');
      await table.waitFor();
      const row = table.getByRole('row').filter({ hasText: String(after!.averageScore) }).filter({ hasText: String(after!.audits) });
      await expect.poll(() => row.count()).toBeGreaterThan(0);

      // The manager's scorecard changed accordingly: the provider's audit measure is this audit's score (it had none
      // this month), the company's counts one audit more.
      expect(providerBefore).toBeNull();
      expect(await auditMeasure(`level=provider&key=${order.providerId}`)).toBeCloseTo(89.5, 6);
      expect(await companyAudits()).toBe(companyBefore + 1);
      expect(await auditMeasure('level=company')).not.toBeNull();
      // And the page shows it: the same month picked, the provider's audit score now this audit's.
      const cell = await auditCell(page, t, month, order.providerId);
      await expect.poll(() => cell.textContent()).toBe('89.5');
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `audit-scorecard-${lang}`, false);
      await context.close();
      // Two scorecard pages besides the audit: more than the default minute on a loaded machine.
    }, 240_000);
  }
});

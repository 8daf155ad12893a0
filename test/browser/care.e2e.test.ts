import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage, openPage, openFromBar } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// The manager builds a warranty-end campaign in the console (trigger, template with preview,
// channels), dry-runs it (count and sample), activates and sends it; a demo owner whose whole-unit
// warranty ends in 30 days and who consented to marketing by SMS gets it; that owner then asks for
// service, and the campaign's report shows one conversion. Both languages.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

const open = (lang: 'zh' | 'en') => openPage(stage, lang);

/** A demo owner with a unit whose whole-unit warranty ends 30 days after today (Shanghai), consenting to marketing by SMS. */
async function ownerWithWarrantyEnding(skip: number) {
  const s = stage.services;
  const some = (await s.units.list(systemCaller, { limit: 1, offset: 100 + skip * 7 } as never)).items[0];
  const model = await s.catalog.getModel(systemCaller, some.modelId);
  const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!;
  const purchaseDate = DateTime.fromISO(today, { zone: 'utc' }).plus({ days: 30 }).minus({ months: model.wholeUnitMonths }).toISODate()!;
  // A serial the model's pattern takes (the demo's: prefix, I/O or M, eleven digits).
  const digits = `${String(Date.now()).slice(-10)}${skip}`;
  const serial = (model.serialPattern ?? 'CARE[0-9]{11}').replace('[IO]', 'I').replace('[0-9]{11}', digits);
  const unit = await s.units.register(systemCaller, { modelId: model.id, ownerId: some.ownerId, serials: [{ role: 'main', serial }], purchaseDate, channel: 'store', invoiceNumber: `INV-CARE-${skip}`, priceFen: 299900 } as never);
  await s.care.updateConsents(systemCaller, some.ownerId, { changes: [{ channel: 'sms', purpose: 'marketing', granted: true }], source: 'console', evidence: '纸质同意书 / signed form' });
  return { customerId: some.ownerId, unitId: unit.id };
}

run('care campaigns in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`builds a warranty-end campaign, dry-runs it, sends it and shows one conversion (${lang})`, async () => {
      const owner = await ownerWithWarrantyEnding(i);
      const { context, page } = await open(lang);
      await signIn(page, lang, 'manager');
      await openFromBar(page, t.care.nav, true);
      await page.getByRole('heading', { level: 1, name: t.care.title }).waitFor();
      const name = `${t.careTrigger.warranty_end} ${lang} ${Date.now()}`;
      await page.getByLabel(`${t.care.name} *`, { exact: true }).fill(name);
      await page.getByRole('button', { name: t.care.preview, exact: true }).click();
      await expect.poll(() => page.getByRole('definition').first().textContent()).toContain('张伟');
      await page.getByRole('button', { name: t.care.create }).click();

      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByRole('button', { name: t.care.dryRun, exact: true }).click();
      const count = page.getByRole('status').filter({ hasText: t.care.count.split('{{')[0] || t.care.count.split('}}')[1] });
      await count.waitFor();
      const sample = page.getByRole('table', { name: t.care.sample });
      await expect.poll(() => sample.textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `care-dry-run-${lang}`);

      await page.getByRole('button', { name: t.care.activate, exact: true }).click();
      await page.getByRole('button', { name: t.care.send, exact: true }).click();
      await page.getByRole('status').filter({ hasText: lang === 'zh' ? '发送' : 'sent' }).first().waitFor();
      const campaignId = page.url().split('/').pop()!;
      const report = await stage.services.care.report(systemCaller, campaignId);
      expect(report.byStatus.enqueued).toBeGreaterThanOrEqual(1);

      // The owner asks for service within the conversion window: the campaign's conversion.
      await stage.services.workOrders.intake(systemCaller, { kind: 'maintenance', customerId: owner.customerId, unitId: owner.unitId, symptom: '延保后保养 / service after the offer', accept: true, priority: 'normal', channel: 'phone' } as never);
      await page.reload();
      await expect.poll(() => page.getByTestId('care-converted').textContent()).toBe('1');
      await shoot(page, `care-report-${lang}`);
      await context.close();
    }, 180_000);
  }
});

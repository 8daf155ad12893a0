import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import { createModelRequest } from '../../src/modules/catalog/catalog.contract.js';
import { createCustomerRequest } from '../../src/modules/customers/customers.contract.js';

// The import wizard: an administrator uploads a small CSV with one bad row, sees the row's reason
// in the dry run's report, runs it with its progress, and finds the customers; then chooses units
// and imports a units file the same way, finding the owner by the serial. The queue's worker
// is played by the test (the stage runs no workers): it works the job the wizard enqueued.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;
const dir = mkdtempSync(join(tmpdir(), 'aftercare-import-'));

beforeAll(async () => {
  if (run === describe) stage = await startStage();
  // Building the console and loading the demo onto PGlite: minutes on a busy machine.
}, 480_000);
afterAll(async () => stage?.close());

/** The newest import, worked as the queue's worker would, once the console's request has reached the server
 * (a worker that comes before it finds nothing to do, and on a busy machine the click's request can be late). */
async function work(mode: 'dry_run' | 'run') {
  const waitsIn = mode === 'dry_run' ? 'validating' : 'running';
  const newest = async () => (await stage.services.imports.list(systemCaller, { limit: 1, offset: 0 })).items[0];
  await expect.poll(async () => (await newest()).status, { timeout: 30_000 }).toBe(waitsIn);
  await stage.services.imports.process((await newest()).id, mode);
}

run('importing customers in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`imports a CSV with one bad row through the wizard (${lang})`, async () => {
      const name = lang === 'zh' ? `导入测试 陈${i}` : `Import Test Chen ${i}`;
      const file = join(dir, `customers-${lang}.csv`);
      writeFileSync(file, [`客户编号,姓名,手机,同意联系,省,市,区,详细地址`, `E2E-${lang}-1,${name},1390000${i}001,是,江苏省,南京市,玄武区,中山路 1 号`, `E2E-${lang}-2,坏行,12,否,,,,`].join('\n'));
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'admin');
      await openFromBar(page, t.imports.nav, true);
      await page.getByRole('heading', { level: 1, name: t.imports.title }).waitFor();
      await page.getByLabel(t.imports.chooseFile).setInputFiles(file);
      await page.getByRole('button', { name: t.imports.upload, exact: true }).click();
      // The columns are matched from their headers; the administrator only checks.
      await expect.poll(() => page.getByLabel(`${t.importField.name} *`).inputValue()).toBe('姓名');
      await page.getByRole('button', { name: t.imports.dryRun }).click();
      await page.getByRole('status').filter({ hasText: t.importStatus.validating }).waitFor();
      await work('dry_run');
      const report = page.getByRole('table', { name: t.imports.report });
      await report.waitFor();
      expect(await report.textContent()).toContain(lang === 'zh' ? '不是有效的电话号码：12' : 'not a phone number: 12');
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `imports-dry-run-${lang}`);
      await page.getByRole('button', { name: t.imports.run.replace('{{count}}', '1') }).click();
      await work('run');
      await page.getByRole('status').filter({ hasText: t.importStatus.done }).waitFor();
      await page.getByRole('link', { name: t.imports.seeCustomers }).click();
      await page.getByRole('searchbox').fill(name);
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: new RegExp(name) }).waitFor();

      // The orders list exports what it shows: the link carries its filter, the file its rows.
      await page.goto('/app/orders?status=awaiting_dispatch');
      await page.getByRole('heading', { level: 1, name: t.orders.title }).waitFor();
      const link = page.getByRole('link', { name: t.lists.exportCsv });
      expect(await link.getAttribute('href')).toMatch(/^\/work-orders\/export\?(?=.*status=awaiting_dispatch)(?=.*format=csv)/);
      const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), await link.getAttribute('href'));
      const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(header.split(',').slice(0, 2)).toEqual(['Number 工单号', 'State 状态']);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toContain(',awaiting_dispatch,');
      expect(await accessibilityProblems(page)).toEqual([]);
      await context.close();
    }, 120_000);

    it(`imports units from a CSV after choosing what the file holds (${lang})`, async () => {
      // A model and an owner to name by number (the customers come first, by their own import or by hand).
      const [any] = (await stage.services.catalog.listModels(systemCaller, { limit: 1, offset: 0, sort: 'code' } as never)).items;
      const code = `E2E-UNIT-${lang.toUpperCase()}`;
      await stage.services.catalog.createModel(systemCaller, createModelRequest.parse({ categoryId: any.categoryId, code, nameZh: '导入机型', nameEn: 'Imported model', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005 }));
      const owner = await stage.services.customers.create(systemCaller, createCustomerRequest.parse({ name: lang === 'zh' ? '设备导入 机主' : 'Unit Import Owner', phones: [{ phone: `1390000${i}777` }] }));
      const serial = `E2EU${lang.toUpperCase()}0001`;
      const file = join(dir, `units-${lang}.csv`);
      writeFileSync(file, ['设备编号,型号,客户编号,序列号,购买日期,渠道', `EU-${lang}-1,${code},${owner.number},${serial},2025-05-01,门店`, `EU-${lang}-2,NO-SUCH-MODEL,${owner.number},E2EU${lang}0002,2025-05-01,门店`].join('\n'));
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await signIn(page, lang, 'admin');
      await openFromBar(page, t.imports.nav, true);
      await page.getByRole('heading', { level: 1, name: t.imports.title }).waitFor();
      await page.getByLabel(t.imports.what).selectOption('units');
      await page.getByLabel(t.imports.chooseFile).setInputFiles(file);
      await page.getByRole('button', { name: t.imports.upload, exact: true }).click();
      // The unit's fields, matched from the Chinese headers.
      await expect.poll(() => page.getByLabel(`${t.importUnitField.ownerKey} *`).inputValue()).toBe('客户编号');
      expect(await page.getByLabel(`${t.importUnitField.mainSerial} *`).inputValue()).toBe('序列号');
      await page.getByRole('button', { name: t.imports.dryRun }).click();
      await page.getByRole('status').filter({ hasText: t.importStatus.validating }).waitFor();
      await work('dry_run');
      const report = page.getByRole('table', { name: t.imports.report });
      await report.waitFor();
      expect(await report.textContent()).toContain(lang === 'zh' ? '不存在产品型号 NO-SUCH-MODEL' : 'no such product model NO-SUCH-MODEL');
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `imports-units-dry-run-${lang}`);
      await page.getByRole('button', { name: t.imports.run.replace('{{count}}', '1') }).click();
      await work('run');
      await page.getByRole('status').filter({ hasText: t.importStatus.done }).waitFor();
      // The owner is found by the unit's serial.
      await page.getByRole('link', { name: t.imports.seeUnits }).click();
      await page.getByRole('searchbox').fill(serial);
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: new RegExp(owner.name) }).waitFor();
      await context.close();
    }, 120_000);
  }
});

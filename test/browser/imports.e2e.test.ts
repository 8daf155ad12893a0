import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// The import wizard: an administrator uploads a small CSV with one bad row, sees the row's reason
// in the dry run's report, runs it with its progress, and finds the customers. The queue's worker
// is played by the test (the stage runs no workers): it works the job the wizard enqueued.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;
const dir = mkdtempSync(join(tmpdir(), 'aftercare-import-'));

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 240_000);
afterAll(async () => stage?.close());

/** The newest import, worked as the queue's worker would. */
async function work(mode: 'dry_run' | 'run') {
  const [latest] = (await stage.services.imports.list(systemCaller, { limit: 1, offset: 0 })).items;
  await stage.services.imports.process(latest.id, mode);
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
      await page.getByRole('link', { name: t.imports.nav, exact: true }).click();
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
      await context.close();
    }, 120_000);
  }
});

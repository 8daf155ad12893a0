import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { uniquePng } from '../images.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// A technician completes an air-conditioner installation on a phone with photos taken in the
// browser: refused while evidence is missing, accepted once it is there; staff then see the
// photos and the flags on the order page.
const texts = { zh, en } as const;
type Lang = keyof typeof texts;
const phone = { width: 390, height: 844 };
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

/** A demo air conditioner (the demo's rule asks for both plates, both serials and the pipe length) not yet installed. */
async function acUnit(skip: number) {
  const s = stage.services;
  const ac = (await s.catalog.listCategories(systemCaller)).find((c) => c.code === 'AC')!;
  let found = 0;
  for (let offset = 0; offset < 3000; offset += 200) {
    for (const u of (await s.units.list(systemCaller, { limit: 200, offset } as never)).items) {
      if (u.categoryId !== ac.id || u.serials.length !== 2) continue;
      const c = await s.customers.get(systemCaller, u.ownerId);
      if (c.addresses.length > 0 && found++ === skip + 30) return { customer: c, unit: u };
    }
  }
  throw new Error('no demo air conditioner');
}

/** An installation of that unit, with the demo technician, booked for now. */
async function bookedInstallation(customerId: string, unitId: string) {
  const s = stage.services;
  const users = await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'technician' });
  const tech = await s.network.getTechnician(systemCaller, users.items.find((u) => u.username === 'technician')!.technicianId!);
  let o = (await s.workOrders.intake(systemCaller, { kind: 'installation', customerId, unitId, symptom: '新机安装 / install the new unit', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: tech.providerId, reason: '演示 / demo' });
  o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: tech.id });
  const from = new Date(Date.now() - 3600_000);
  return s.workOrders.perform(systemCaller, o.id, 'book', { version: o.version, from: from.toISOString(), to: new Date(from.getTime() + 2 * 3600_000).toISOString(), overrideReason: '测试：固定时段 / test: a fixed window' });
}

const fill = (template: string, what: string) => template.replace('{{what}}', what);

run('visits with evidence in a real browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];

    it(`a technician completes an AC installation with photos taken on the phone: refused while evidence is missing, then accepted (${lang})`, async () => {
      const { customer, unit } = await acUnit(lang === 'zh' ? 0 : 1);
      const order = await bookedInstallation(customer.id, unit.id);
      const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: phone, baseURL: stage.baseUrl });
      const page = await context.newPage();
      page.on('pageerror', (e) => {
        throw e;
      });
      await context.grantPermissions(['geolocation']);
      await context.setGeolocation({ latitude: 31.2304, longitude: 121.4737 });
      await signIn(page, lang, 'technician');
      await page.goto(`/app/orders/${order.id}`);
      await page.getByRole('heading', { level: 1 }).getByText(t.status.booked).waitFor();

      const dialog = page.getByRole('dialog');
      await page.getByRole('button', { name: t.action.check_in, exact: true }).click();
      await dialog.getByRole('button', { name: t.checkIn.usePosition }).click();
      await expect.poll(() => dialog.getByLabel(`${t.field.lat} *`).inputValue(), { timeout: 15_000 }).toBe('31.2304');
      await dialog.getByRole('button', { name: t.action.check_in }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.on_site).waitFor();

      // What is still missing, in the reader's language; the next steps stay on screen at the bottom.
      const missing = page.locator('.evidence-missing li');
      await expect.poll(() => missing.allTextContents(), { timeout: 15_000 }).toContain(lang === 'zh' ? '室外机铭牌照片' : 'photo of the outdoor serial plate');
      const bar = await page.locator('.next-steps').boundingBox();
      expect(bar!.y + bar!.height).toBeLessThanOrEqual(phone.height + 1);
      expect(bar!.y).toBeGreaterThan(phone.height / 2);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `technician-evidence-missing-${lang}`, false);

      // Completing now is refused, naming what is missing.
      await page.getByRole('button', { name: t.action.complete }).click();
      await dialog.getByLabel(`${t.field.confirmedSerials} *`).fill(unit.serials.map((s) => s.serial).join(', '));
      await dialog.getByLabel(lang === 'zh' ? '连接管长度 (m) *' : 'Pipe length (m) *').fill('4.5');
      await dialog.getByRole('button', { name: t.action.complete }).click();
      await expect.poll(() => dialog.locator('.form-error').textContent(), { timeout: 15_000 }).toContain(lang === 'zh' ? '缺少完工凭证' : 'Evidence missing');
      expect(await accessibilityProblems(page)).toEqual([]);
      await dialog.getByRole('button', { name: t.action.cancelDialog }).click();

      // The photos, taken with the camera input (what the phone's camera hands the page).
      for (const kind of ['serial_indoor', 'serial_outdoor', 'installed_unit'] as const) {
        const input = page.getByLabel(fill(t.evidence.take, t.photoKind[kind]), { exact: true });
        expect(await input.getAttribute('capture')).toBe('environment');
        expect(await input.getAttribute('accept')).toBe('image/*');
        const before = await page.locator('.photo-grid img').count();
        await input.setInputFiles({ name: `${kind}.png`, mimeType: 'image/png', buffer: Buffer.from(uniquePng()) });
        await expect.poll(() => page.locator('.photo-grid img').count(), { timeout: 15_000 }).toBe(before + 1);
      }
      await expect.poll(() => missing.allTextContents(), { timeout: 15_000 }).not.toContain(lang === 'zh' ? '室外机铭牌照片' : 'photo of the outdoor serial plate');
      await shoot(page, `technician-evidence-photos-${lang}`);

      await page.getByRole('button', { name: t.action.complete }).click();
      await dialog.getByLabel(`${t.field.confirmedSerials} *`).fill(unit.serials.map((s) => s.serial).join(', '));
      await dialog.getByLabel(lang === 'zh' ? '连接管长度 (m) *' : 'Pipe length (m) *').fill('4.5');
      // An installation asks no fault codes.
      expect(await dialog.getByLabel(`${t.field.symptomCode} *`).count()).toBe(0);
      await dialog.getByRole('button', { name: t.action.complete }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.work_done).waitFor();
      const installed = await stage.services.units.get(systemCaller, unit.id);
      expect(installed).toMatchObject({ installedByTechnicianId: order.technicianId, installationReadings: { pipe_length_m: 4.5 } });
      expect(installed.installedOn).not.toBeNull();
      await context.close();

      // Staff see the photos (each opens full size) and the flags on the order page.
      const desk = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 860 }, baseURL: stage.baseUrl });
      const staff = await desk.newPage();
      await signIn(staff, lang, 'dispatcher');
      await staff.goto(`/app/orders/${order.id}`);
      await expect.poll(() => staff.locator('.photo-grid img').count(), { timeout: 15_000 }).toBe(3);
      const link = staff.getByRole('link', { name: fill(t.evidence.open, t.photoKind.serial_outdoor) });
      const href = await link.getAttribute('href');
      const file = await staff.request.get(href!);
      expect(file.headers()['content-type']).toBe('image/png');
      await expect.poll(() => staff.evaluate(() => [...document.querySelectorAll<HTMLImageElement>('.photo-grid img')].every((i) => i.complete && i.naturalWidth === 16)), { timeout: 15_000 }).toBe(true);
      // Checked in at the city centre, far from the customer's address: flagged with the distance.
      const flags = await staff.locator('.flags li').allTextContents();
      expect(flags.join(' ')).toMatch(lang === 'zh' ? /打卡位置距客户地址 \d+ 米/ : /Checked in \d+ m from the address/);
      expect(await accessibilityProblems(staff)).toEqual([]);
      await shoot(staff, `order-evidence-${lang}`);
      await desk.close();
    });
  }

  it('lets a manager read and change the evidence rules', async () => {
    const context = await stage.browser.newContext({ locale: 'en-US', baseURL: stage.baseUrl });
    const page = await context.newPage();
    await signIn(page, 'en', 'manager');
    await openFromBar(page, en.nav.evidenceRules);
    await page.getByRole('heading', { level: 1, name: en.evidenceRules.title }).waitFor();
    const row = page.locator('tr', { hasText: 'Air conditioner' }).filter({ hasText: en.kind.installation });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Pipe length (0.5–30 m)');
    expect(await accessibilityProblems(page)).toEqual([]);
    await row.getByRole('button', { name: en.evidenceRules.edit }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(en.evidenceRules.readingMax).fill('40');
    await dialog.getByRole('checkbox', { name: en.photoKind.after }).check();
    await dialog.getByRole('button', { name: en.evidenceRules.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Pipe length (0.5–40 m)');
    expect(await row.textContent()).toContain(en.photoKind.after);
    await shoot(page, 'manager-evidence-rules-en');
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage, openPage, openFromBar } from './browser.js';
import { systemCaller } from '../harness.js';
import { realPng } from '../images.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// An order completed without a real check-in (entered 40 minutes after the time it claims) and
// with a photo reused from another order is scored and lands in the fraud review queue, explained;
// the manager confirms it as fraud, and the provider is told. The rules and the rates screens read.
const texts = { zh, en } as const;
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

const open = (lang: 'zh' | 'en') => openPage(stage, lang);

async function faultChain(categoryId: string) {
  const tree = (await stage.services.catalog.faultTree(systemCaller, categoryId)) as { code: string; children: { code: string; children: { code: string }[] }[] }[];
  const symptom = tree.find((x) => x.children.some((c) => c.children.length > 0))!;
  const cause = symptom.children.find((c) => c.children.length > 0)!;
  return { symptomCode: symptom.code, causeCode: cause.code, remedyCode: cause.children[0].code };
}

/** A demo customer's repair by the demo technician: checked in after the fact, a reused photo, completed. */
async function suspectOrder(skip: number) {
  const s = stage.services;
  const units = await s.units.list(systemCaller, { limit: 20, offset: 40 + skip * 20 } as never);
  const unit = units.items[0];
  const users = await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'technician' });
  const tech = await s.network.getTechnician(systemCaller, users.items.find((u) => u.username === 'technician')!.technicianId!);
  let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: unit.ownerId, unitId: unit.id, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: tech.providerId, reason: '演示 / demo' });
  o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: tech.id, overrideReason: '演示 / demo' });
  const from = new Date(Date.now() - 3600_000);
  o = await s.workOrders.perform(systemCaller, o.id, 'book', { version: o.version, from: from.toISOString(), to: new Date(from.getTime() + 2 * 3600_000).toISOString(), overrideReason: '演示：现在上门 / demo: a visit now' });
  o = await s.workOrders.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 31.23, lng: 121.47, at: new Date(Date.now() - 40 * 60_000).toISOString() });
  // The same picture already on another order.
  const other = (await s.workOrders.list(systemCaller, { limit: 5, offset: skip, sort: '-createdAt' } as never)).items.find((x) => x.id !== o.id)!;
  await s.photos.add(systemCaller, other.id, 'site', 'image/png', realPng);
  await s.photos.add(systemCaller, o.id, 'site', 'image/png', realPng);
  const quote = await s.fees.quotes.create(systemCaller, o.id, { jobMode: 'adjustment', extras: [], parts: [] }).catch(() => null);
  if (quote) {
    await s.fees.quotes.offer(systemCaller, o.id, quote.id, { sendSms: false });
    await s.fees.quotes.accept(systemCaller, o.id, quote.id, { signedName: '顾客', confirmed: true });
  }
  o = await s.workOrders.perform(systemCaller, o.id, 'complete', { version: o.version, ...(await faultChain(unit.categoryId)) } as never);
  return { order: o, providerId: tech.providerId };
}

run('fraud review in a real browser', () => {
  for (const [i, lang] of (['zh', 'en'] as const).entries()) {
    const t = texts[lang];
    it(`an order completed without check-in and with a reused photo is held, and the manager confirms it as fraud (${lang})`, async () => {
      const { order } = await suspectOrder(i);
      const held = await stage.services.fraud.get(systemCaller, order.id);
      expect(held.status).toBe('held');
      expect(held.signals.map((s) => s.code)).toEqual(expect.arrayContaining(['no_check_in', 'photo_reused']));

      const { context, page } = await open(lang);
      await signIn(page, lang, 'manager');
      await openFromBar(page, t.fraud.navQueue, true);
      await page.getByRole('heading', { level: 1, name: t.fraud.queueTitle }).waitFor();
      // The queue row explains itself in the reader's language.
      const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: order.number, exact: true }) });
      await expect.poll(() => row.textContent()).toContain(lang === 'zh' ? '未签到即完工' : 'Completed without check-in');
      await expect.poll(() => row.textContent()).toContain(lang === 'zh' ? '照片与其他工单重复' : 'Photo reused from another order');
      await row.getByRole('button', { name: order.number, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(held.explanation[lang]).waitFor();
      await dialog.getByLabel(`${t.fraud.action} *`).selectOption('confirm');
      // Sent without a reason first: the field is named in the reader's language.
      await dialog.getByRole('button', { name: t.fraud.decide }).click();
      await dialog.locator('.field-error').first().waitFor();
      await dialog.getByLabel(`${t.fraud.reason} *`).fill(lang === 'zh' ? '客户称无人上门，照片为旧单照片' : 'The customer says nobody came; the photo is from an old order');
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `fraud-review-${lang}`);
      await dialog.getByRole('button', { name: t.fraud.decide }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(async () => (await stage.services.fraud.get(systemCaller, order.id)).status).toBe('confirmed');
      const told = await stage.services.notifications.list(systemCaller, { template: 'fraud_confirmed', limit: 50, offset: 0, reveal: false } as never);
      expect(told.items.some((m: { subject: { id: string } | null }) => m.subject?.id === order.id)).toBe(true);

      // The rules and the rates by provider.
      await openFromBar(page, t.fraud.navRules, true);
      await page.getByRole('heading', { level: 1, name: t.fraud.rulesTitle }).waitFor();
      await page.getByRole('form', { name: lang === 'zh' ? '照片与其他工单重复' : 'Photo reused from another order' }).waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `fraud-rules-${lang}`);
      await openFromBar(page, t.fraud.navRates, true);
      await page.getByRole('heading', { level: 1, name: t.fraud.ratesTitle }).waitFor();
      await page.getByRole('columnheader', { name: t.fraud.peerMedian }).first().waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `fraud-rates-${lang}`);
      await context.close();
    }, 180_000);
  }
});

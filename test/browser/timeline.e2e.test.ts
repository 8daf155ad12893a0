import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityProblems, browserAvailable, signIn, shoot, staffFetch, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import type { OrderView } from '../../src/modules/work-orders/work-orders.contract.js';
import { addDays, localDate, windowWords, zonedInstant } from '../../src/shared/zoned.js';
import { publicTechnicianName } from '../../src/shared/names.js';

// Issue 15's journeys for the customer's timeline and for overrides with help, on the demo
// company in a real browser: a customer reads their order's life and finds no staff username,
// id, street address or coordinate on the page; the dispatch dialog names the automatic choice;
// the assign dialog will not let an uncertified technician be chosen, and the API refuses them.
const texts = { zh, en } as const;
type Lang = keyof typeof texts;
const shanghai = 'Asia/Shanghai';

let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

async function open(lang: Lang, viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport, baseURL: stage.baseUrl, timezoneId: shanghai });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

/** Demo customers with a unit and an address, from the `skip`-th page on (other journeys take the first pages). */
async function demoCustomer(skip: number, needsCertification = false) {
  const s = stage.services;
  for (let page = skip; page < skip + 10; page++) {
    const units = await s.units.list(systemCaller, { limit: 20, offset: page * 20 } as never);
    for (const u of units.items) {
      if (needsCertification && !(await s.catalog.getModel(systemCaller, u.modelId)).requiredCertification) continue;
      const c = await s.customers.get(systemCaller, u.ownerId);
      if (c.addresses.length > 0 && c.phones.length > 0) return { customer: c, unit: u };
    }
  }
  throw new Error('no demo customer with a unit and an address');
}

async function demoUser(username: string) {
  const users = await stage.services.access.listUsers(systemCaller, { limit: 100, offset: 0, q: username });
  return users.items.find((u) => u.username === username)!;
}

run('issue 15 in a real browser: the timeline and overrides with help', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];

    it(`a customer reads their order's timeline in plain words, with no staff name, id, address or coordinate (${lang})`, async () => {
      const s = stage.services;
      const { customer, unit } = await demoCustomer(lang === 'zh' ? 12 : 13);
      const techUser = await demoUser('technician');
      const tech = await s.network.getTechnician(systemCaller, techUser.technicianId!);
      const staff = { principal: systemCaller.principal, address: '198.51.100.9' };
      let o: OrderView = (await s.workOrders.intake(staff, { kind: 'repair', customerId: customer.id, unitId: unit.id, symptom: lang === 'zh' ? '空调不制冷' : 'AC not cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
      o = await s.workOrders.perform(staff, o.id, 'dispatch', { version: o.version, providerId: tech.providerId, reason: '系统推荐第 1 名 / internal reason' });
      o = await s.workOrders.perform(staff, o.id, 'assign', { version: o.version, technicianId: tech.id, reason: '系统推荐第 1 名 / internal reason', overrideReason: '系统推荐第 1 名 / internal reason' });
      // Tomorrow 09:00–11:00 in Shanghai, the provider's zone.
      const day = addDays(localDate(new Date(), shanghai), 1);
      const from = zonedInstant(day, '09:00', shanghai);
      const to = zonedInstant(day, '11:00', shanghai);
      o = await s.workOrders.perform(staff, o.id, 'book', { version: o.version, from: from.toISOString(), to: to.toISOString(), overrideReason: '测试：固定时段 / test: a fixed window' });
      o = await s.workOrders.perform(staff, o.id, 'check_in', { version: o.version, lat: 31.230417, lng: 121.473583 });
      const staffHistory = await s.workOrders.history(systemCaller, o.id);

      // Codes are masked for everyone but an administrator asking for clear text (outbox.reveal).
      const admin = await staffFetch(stage.baseUrl, 'admin');
      const phoneNumber = (await s.customers.revealPhones(systemCaller, customer.id)).items[0].phone;
      const { context, page } = await open(lang, { width: 390, height: 844 });
      await page.goto('/my');
      await page.waitForURL(/\/my\/sign-in/);
      await page.getByLabel(`${t.portal.phone} *`).fill(phoneNumber);
      await page.getByRole('button', { name: t.portal.sendCode }).click();
      await page.getByLabel(`${t.portal.code} *`).waitFor();
      type Outbox = { items: { template: string; bodyEn: string; subject: { id: string } | null }[] };
      const sms = (await admin<Outbox>('/outbox?limit=50&reveal=true')).items.find((m) => m.template === 'portal_code' && m.subject?.id === customer.id)!;
      await page.getByLabel(`${t.portal.code} *`).fill(/\b(\d{6})\b/.exec(sms.bodyEn)![1]);
      await page.getByRole('button', { name: t.portal.signInSubmit }).click();
      await page.waitForURL(/\/my$/);
      await page.goto(`/my/orders/${o.id}`);
      const timeline = page.locator('.timeline');
      await timeline.waitFor();

      const when = windowWords(from, to, shanghai)[lang];
      const name = publicTechnicianName(tech.name);
      const expected =
        lang === 'zh'
          ? ['我们已收到您的服务请求', '您的请求已受理', '已交给您附近的服务网点', `已为您安排${name}`, `上门时间已约好：${when}`, '师傅已到达']
          : ['We received your request', 'Your request was accepted', 'Passed to a service provider near you', `Technician ${name} assigned`, `Visit booked: ${when}`, 'The technician arrived'];
      expect(await timeline.locator('li strong').allTextContents()).toEqual(expected);

      const text = (await page.locator('body').textContent()) ?? '';
      const address = o.address;
      const forbidden = [
        tech.name, tech.id, tech.providerId, o.id, customer.id, 'user:',
        '198.51.100.9', '系统推荐', 'internal reason', address.street, String(address.lat), String(address.lng), '31.230417', '121.473583',
        'checkInFar', 'technicianAcceptedAt', 'appointmentFrom', ...staffHistory.map((h) => h.actor),
      ];
      for (const secret of forbidden) expect(text, `the page shows "${secret}"`).not.toContain(secret);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `portal-timeline-${lang}`);
      await context.close();

      // Staff read the same order's history with every field labelled, no raw key or JSON, and it fits a phone.
      const desk = await open(lang, { width: 390, height: 844 });
      await signIn(desk.page, lang, 'dispatcher');
      await desk.page.goto(`/app/orders/${o.id}`);
      // On a phone the history sits behind "more about this order".
      await desk.page.locator('details.fold > summary', { hasText: t.visit.more }).click();
      const rows = desk.page.locator('.timeline > li');
      await rows.first().waitFor();
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(staffHistory.length);
      const history = (await desk.page.locator('.timeline').textContent()) ?? '';
      expect(history).not.toMatch(/[{}"]|\b(providerId|technicianId|technicianAcceptedAt|checkInFar|checkInDistanceM|appointmentFrom|visitCount)\b/);
      expect(history).toContain(tech.name);
      expect(await desk.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shoot(desk.page, `order-history-phone-${lang}`);
      await desk.context.close();
    });

    // Providers and people are shown by their name in the reader's language.
    const shown = (r: { name: string; nameEn?: string | null }) => (lang === 'en' && r.nameEn ? r.nameEn : r.name);

    it(`the dispatch dialog names the automatic choice and each provider's load (${lang})`, async () => {
      const s = stage.services;
      const { customer, unit } = await demoCustomer(lang === 'zh' ? 14 : 15);
      const o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: customer.id, unitId: unit.id, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
      const verdicts = await s.dispatch.suggestProviders(systemCaller, o.id);
      const auto = verdicts[0];
      expect(auto.eligible).toBe(true);
      const { context, page } = await open(lang);
      await signIn(page, lang, 'dispatcher');
      await page.goto(`/app/orders/${o.id}`);
      await page.getByRole('button', { name: t.action.dispatch, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(t.choose.automaticIs.replace('{{name}}', shown(auto))).waitFor();
      // The automatic choice comes chosen, marked, with its load.
      const row = dialog.locator('li').filter({ has: page.getByText(t.choose.automatic, { exact: true }) });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain(shown(auto));
      expect(await row.textContent()).toContain(t.choose.load.replace('{{open}}', String(auto.openOrders)).replace('{{capacity}}', String(auto.capacity)).replace('{{percent}}', String(Math.round(auto.load * 100))));
      expect(await row.getByRole('radio').isChecked()).toBe(true);
      expect(await dialog.getByRole('radio').count()).toBe(verdicts.length);
      // Providers that cannot take it say why.
      for (const v of verdicts.filter((x) => !x.eligible)) expect(await dialog.locator('li').filter({ hasText: shown(v) }).first().textContent()).toContain(v.reasons[0][lang]);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `dispatch-dialog-${lang}`);
      // Taking the automatic choice needs no reason.
      await dialog.getByRole('button', { name: t.action.dispatch }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.dispatched).waitFor();
      expect((await s.workOrders.get(systemCaller, o.id)).providerId).toBe(auto.providerId);
      await context.close();
    });

    it(`the assign dialog ranks technicians and will not offer an uncertified one; the API refuses them (${lang})`, async () => {
      const s = stage.services;
      const trainee = await demoUser('trainee');
      const { customer, unit } = await demoCustomer(lang === 'zh' ? 16 : 17, true);
      let o = (await s.workOrders.intake(systemCaller, { kind: 'installation', customerId: customer.id, unitId: unit.id, symptom: '安装 / install', accept: true, priority: 'normal', channel: 'phone' })).order;
      o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: trainee.providerId!, reason: '演示 / demo' });
      const candidates = await s.dispatch.assignCandidates(systemCaller, o.id, {});
      const refused = candidates.items.find((c) => c.technicianId === trainee.technicianId)!;
      expect(refused.canTake).toBe(false);

      const { context, page } = await open(lang);
      await signIn(page, lang, 'dispatcher');
      await page.goto(`/app/orders/${o.id}`);
      await page.getByRole('button', { name: t.action.assign, exact: true }).click();
      const dialog = page.getByRole('dialog');
      const traineeRow = dialog.locator('li').filter({ hasText: shown(refused) });
      await traineeRow.waitFor();
      expect(await traineeRow.getByRole('radio').isDisabled()).toBe(true);
      expect(await traineeRow.textContent()).toContain(t.choose.cannot);
      expect(await traineeRow.textContent()).toContain(refused.reason![lang]);
      // Those who can are listed first, in the suggestions' order; those who cannot after them.
      const names = await dialog.locator('li strong').allTextContents();
      const canTake = candidates.items.filter((c) => c.canTake).map(shown);
      expect(names.slice(0, canTake.length)).toEqual(canTake);
      expect(names.slice(canTake.length)).toContain(shown(refused));
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `assign-dialog-${lang}`);

      // Asked anyway, the API says no, with the same reason in both languages.
      const answer = await page.evaluate(
        async ({ id, version, technicianId }) => {
          const me = await (await fetch('/auth/me')).json();
          const res = await fetch(`/work-orders/${id}/assign`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ version, technicianId }) });
          return { status: res.status, body: await res.json() };
        },
        { id: o.id, version: o.version, technicianId: trainee.technicianId! },
      );
      expect(answer.status).toBe(422);
      expect(answer.body.error.message).toContain(refused.reason!.zh);
      expect(answer.body.error.message).toContain(refused.reason!.en);

      // Choosing the suggested technician assigns the order.
      const first = candidates.items.find((c) => c.canTake)!;
      await dialog.locator('li').filter({ hasText: first.name }).first().getByRole('radio').check();
      await dialog.getByRole('button', { name: t.action.assign }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.assigned).waitFor();
      expect((await s.workOrders.get(systemCaller, o.id)).technicianId).toBe(first.technicianId);
      await context.close();
    });

    it(`a provider admin gives a technician a login by SMS; the technician sets a password from the link and is signed in (${lang})`, async () => {
      const s = stage.services;
      const admin = await demoUser('provider');
      // A technician of that provider without a login of their own making: a new one is invited.
      const tech = (await s.network.listTechnicians(systemCaller, { providerId: admin.providerId!, limit: 50, offset: 0 } as never)).items[lang === 'zh' ? 5 : 6];
      const { context, page } = await open(lang);
      await signIn(page, lang, 'provider');
      await page.goto(`/app/network/technicians/${tech.id}`);
      const card = page.getByRole('form', { name: t.invitation.loginTitle });
      await card.getByRole('button', { name: t.invitation.send }).click();
      const status = card.getByRole('status');
      await status.waitFor();
      expect(await status.textContent()).toMatch(/\*{4}/);
      expect(await accessibilityProblems(page)).toEqual([]);
      await context.close();

      const result = await s.database.db.execute(sql`select body_en from outbox_messages where template = 'technician_invitation' and subject->>'id' = ${tech.id} order by created_at desc limit 1`);
      const rows = (Array.isArray(result) ? result : (result as { rows: { body_en: string }[] }).rows) as { body_en: string }[];
      const link = /(\/invitation#[A-Za-z0-9_-]+)/.exec(rows[0].body_en)![1];
      const username = /login is (\S+)\./.exec(rows[0].body_en)![1];
      const phone = await open(lang, { width: 390, height: 844 });
      await phone.page.goto(link);
      await phone.page.getByLabel(`${t.invitation.password} *`).fill('my-new-long-password');
      await phone.page.getByLabel(`${t.invitation.again} *`).fill('my-new-long-password');
      expect(await accessibilityProblems(phone.page)).toEqual([]);
      await phone.page.getByRole('button', { name: t.invitation.submit }).click();
      await phone.page.waitForURL(/\/app\//);
      const me = await phone.page.evaluate(async () => (await fetch('/auth/me')).json());
      expect(me.user).toMatchObject({ username, role: 'technician', technicianId: tech.id });
      await phone.context.close();
    });
  }
});

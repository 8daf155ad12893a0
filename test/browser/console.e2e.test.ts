import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, staffFetch, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import type { OrderView } from '../../src/modules/work-orders/work-orders.contract.js';
import { addDays, isoWeekday, localDate, zonedInstant } from '../../src/shared/zoned.js';
import { publicTechnicianName } from '../../src/shared/names.js';

// The console's journeys in a real browser, against a real server on the demo data, in Chinese
// and in English. Each saves a screenshot under test-output/screenshots and passes axe-core.
const texts = { zh, en } as const;
type Lang = keyof typeof texts;
const contexts = { zh: { locale: 'zh-CN' }, en: { locale: 'en-US' } } as const;
const desktop = { width: 1280, height: 860 };
const phone = { width: 390, height: 844 };
const shanghai = 'Asia/Shanghai';

let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

/** A browser in the language, at the size; in the demo providers' time zone where times of day are read. */
async function open(lang: Lang, viewport = desktop, timezoneId?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stage.browser.newContext({ locale: contexts[lang].locale, viewport, baseURL: stage.baseUrl, ...(timezoneId ? { timezoneId } : {}) });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

async function expectAccessible(page: Page) {
  expect(await accessibilityProblems(page)).toEqual([]);
}

async function signOut(page: Page, lang: Lang) {
  await page.getByRole('button', { name: texts[lang].nav.signOut }).click();
  await page.waitForURL(/\/sign-in/);
}

/** A demo customer with a unit and an address, and not the one another journey uses. */
async function demoCustomer(skip: number) {
  const s = stage.services;
  const units = await s.units.list(systemCaller, { limit: 20, offset: skip * 20 } as never);
  for (const u of units.items) {
    const c = await s.customers.get(systemCaller, u.ownerId);
    if (c.addresses.length > 0 && c.phones.length > 0) return { customer: c, unit: u };
  }
  throw new Error('no demo customer with a unit and an address');
}

/** An order of this customer, accepted, dispatched, assigned to the demo technician and booked for now. */
async function bookedOrder(customerId: string, unitId: string, technicianUser: string) {
  const s = stage.services;
  const users = await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: technicianUser });
  const tech = users.items.find((u) => u.username === technicianUser)!;
  const techRecord = await s.network.getTechnician(systemCaller, tech.technicianId!);
  let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId, unitId, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
  // The demo technician's provider may not be the one automatic dispatch would choose: an override, with a reason.
  o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: techRecord.providerId, reason: '演示 / demo' });
  // A demo unit of any category: the demo technician may lack its skill (an override, with a reason).
  o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: techRecord.id, overrideReason: '演示 / demo' });
  const from = new Date(Date.now() - 3600_000);
  // For now, whatever the hour the journeys run at: a booking outside the technician's shift is an override.
  o = await s.workOrders.perform(systemCaller, o.id, 'book', { version: o.version, from: from.toISOString(), to: new Date(from.getTime() + 2 * 3600_000).toISOString(), overrideReason: '演示：现在上门 / demo: a visit now' });
  return o;
}

async function fieldError(page: Page, label: string): Promise<string | null> {
  const described = await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby');
  if (!described) return null;
  const ids = described.split(' ').filter((id) => id.endsWith('-error'));
  return ids.length ? page.locator(`[id="${ids[0]}"]`).textContent() : null;
}

run('the console in a real browser', () => {
  it('serves the console on non-API paths and keeps the API, /docs and 404s for API paths', async () => {
    const html = await fetch(`${stage.baseUrl}/app/orders/anything`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    expect((await fetch(`${stage.baseUrl}/customers`)).status).toBe(401);
    expect((await fetch(`${stage.baseUrl}/work-orders/not-a-route/x`)).headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${stage.baseUrl}/docs`)).status).toBe(200);
    expect((await fetch(`${stage.baseUrl}/assets/missing.js`)).status).toBe(404);
  });

  it('bundles no server code: the contracts are imported as types only', () => {
    const dir = join(process.cwd(), 'web', 'dist', 'assets');
    const code = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const serverOnly of ['drizzle-orm', 'zod-openapi', 'argon2', 'pglite', 'createRoute', 'node:crypto']) expect(code, serverOnly).not.toContain(serverOnly);
  });

  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];

    it(`agent intake by keyboard from a phone call, then the dispatcher dispatches (${lang})`, async () => {
      const { customer, unit } = await demoCustomer(lang === 'zh' ? 1 : 2);
      const phoneNumber = (await stage.services.customers.revealPhones(systemCaller, customer.id)).items[0].phone;
      const { context, page } = await open(lang);
      await page.goto('/');
      await page.waitForURL(/\/sign-in/);
      await expectAccessible(page);
      await signIn(page, lang, 'agent');
      expect(page.url()).toContain('/app/workspace');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');

      // The call: the number in the one box, Enter; the customer is the first hit, Enter again.
      await page.getByRole('searchbox').fill(phoneNumber);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(customer.name);
      await expectAccessible(page);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\/customers\//);
      await page.getByRole('heading', { level: 1, name: customer.name }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(t.customer.newOrder);

      // The 三包 answer for the reported fault, before anything is promised.
      await page.getByRole('button', { name: t.sanbao.ask }).first().click();
      await page.getByLabel(t.sanbao.faultCode).fill('NO_COOLING');
      await page.getByRole('button', { name: t.sanbao.submit }).click();
      await page.locator('.answer').waitFor();
      expect(await page.locator('.answer').textContent()).toMatch(lang === 'zh' ? /[维修换货退货]/ : /Repair|Replace|Refund/);
      await expectAccessible(page);
      await shoot(page, `desk-customer-${lang}`);

      // Keyboard only from here: Enter on the focused link, Tab through the form, Ctrl+Enter.
      await page.getByRole('link', { name: t.customer.newOrder }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/new-order$/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
      await page.keyboard.press('Tab'); // the unit
      await page.keyboard.press('ArrowDown');
      const chosenUnit = await page.getByLabel(t.order.unit).inputValue();
      expect(chosenUnit).toMatch(/^[0-9a-f-]{36}$/);
      await page.keyboard.press('Control+Enter'); // no symptom yet: the server names the field
      await expect.poll(() => fieldError(page, `${t.order.symptom} *`)).toBeTruthy();
      await expectAccessible(page);
      await page.keyboard.press('Tab'); // the symptom
      await page.keyboard.type(lang === 'zh' ? '空调不制冷，外机不转' : 'AC not cooling, outdoor fan still');
      await shoot(page, `desk-intake-${lang}`);
      await page.keyboard.press('Control+Enter');
      await page.waitForURL(/\/app\/orders\/[0-9a-f-]{36}$/);
      const orderId = page.url().split('/').pop()!;
      await page.getByRole('heading', { level: 1 }).getByText(t.status.awaiting_dispatch).waitFor();
      const order = await stage.services.workOrders.get(systemCaller, orderId);
      expect(order).toMatchObject({ customerId: customer.id, unitId: chosenUnit, status: 'awaiting_dispatch', channel: 'phone' });
      expect(await page.locator('.timeline > li').count()).toBe(2);
      await expectAccessible(page);
      await signOut(page, lang);

      // The dispatcher sends it to a provider with the reason dialog's fields.
      await signIn(page, lang, 'dispatcher');
      await page.goto(`/app/orders/${orderId}`);
      await page.getByRole('button', { name: t.action.dispatch, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio').nth(1).check();
      // The automatic choice comes first (and chosen): taking another overrides it, which takes a reason.
      await dialog.getByLabel(new RegExp(`^${t.field.reason}( \\*)?$`)).fill('客户指定 / the customer asked');
      await expectAccessible(page);
      await dialog.getByRole('button', { name: t.action.dispatch }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.dispatched).waitFor();
      expect(await page.locator('.timeline > li').count()).toBe(3);
      expect((await stage.services.workOrders.get(systemCaller, orderId)).status).toBe('dispatched');
      await shoot(page, `order-dispatched-${lang}`);
      await context.close();
    });

    it(`customer signs in with the code, registers a unit, asks for service, follows the order and confirms with the acceptance code (${lang})`, async () => {
      const { customer, unit } = await demoCustomer(lang === 'zh' ? 3 : 4);
      const phoneNumber = (await stage.services.customers.revealPhones(systemCaller, customer.id)).items[0].phone;
      let order: OrderView = await bookedOrder(customer.id, unit.id, 'technician');
      // Codes are masked for everyone but an administrator asking for clear text (outbox.reveal).
      const admin = await staffFetch(stage.baseUrl, 'admin');
      type Outbox = { items: { template: string; bodyEn: string; subject: { kind: string; id: string } | null }[] };
      const codeFor = async (template: string, subjectId: string) => {
        const m = (await admin<Outbox>('/outbox?limit=50&reveal=true')).items.find((x) => x.template === template && x.subject?.id === subjectId);
        return m ? /\b(\d{6})\b(?![-\d])/.exec(m.bodyEn.replace(/WO\S+/g, ''))?.[1] : undefined;
      };

      const { context, page } = await open(lang, phone);
      await page.goto('/my');
      await page.waitForURL(/\/my\/sign-in/);
      await page.getByLabel(`${t.portal.phone} *`).fill(phoneNumber);
      await page.getByRole('button', { name: t.portal.sendCode }).click();
      await page.getByLabel(`${t.portal.code} *`).waitFor();
      await expectAccessible(page);
      const signInCode = await codeFor('portal_code', customer.id);
      expect(signInCode).toMatch(/^\d{6}$/);
      await page.getByLabel(`${t.portal.code} *`).fill(signInCode!);
      await page.getByRole('button', { name: t.portal.signInSubmit }).click();
      await page.waitForURL(/\/my$/);
      await page.getByRole('heading', { level: 1, name: t.portal.hello.replace('{{name}}', customer.name) }).waitFor();
      await expectAccessible(page);

      // Register a unit: a wrong serial is named next to its field, then the right one goes in.
      await page.getByRole('button', { name: t.portal.registerUnit }).click();
      const form = page.getByRole('form', { name: t.portal.registerUnit });
      const model = (await stage.services.catalog.listModels(systemCaller, { limit: 1, offset: 0, sort: 'code' } as never)).items[0];
      await form.getByLabel(`${t.unit.model} *`).selectOption(model.id);
      await form.getByLabel(`${t.unit.serial} *`).fill('x');
      await form.getByLabel(`${t.unit.purchaseDate} *`).fill('2026-05-01');
      await form.getByLabel(`${t.unit.price} *`).fill('2999');
      await form.getByRole('button', { name: t.portal.registerSubmit }).click();
      await expect.poll(() => fieldError(page, `${t.unit.serial} *`)).toContain('letters, digits');
      await expectAccessible(page);
      // A serial of the model's own pattern (prefix, role letter, eleven digits).
      const serial = (model.serialPattern ?? 'PORTAL[IO][0-9]{11}').replace(/\[[A-Z]+\]/, (m) => m[1]).replace('[0-9]{11}', String(Date.now()).slice(-11));
      await form.getByLabel(`${t.unit.serial} *`).fill(serial);
      await form.getByRole('button', { name: t.portal.registerSubmit }).click();
      await page.getByText(serial).first().waitFor();

      // Ask for service on it: the order shows up as received.
      await page.getByRole('button', { name: t.portal.requestService }).click();
      const request = page.getByRole('form', { name: t.portal.requestService });
      await request.getByLabel(`${t.portal.symptom} *`).fill(lang === 'zh' ? '洗衣机漏水' : 'The washer leaks');
      await request.getByRole('button', { name: t.portal.requestSubmit }).click();
      await page.getByText(lang === 'zh' ? '洗衣机漏水' : 'The washer leaks').waitFor();
      const mine = await stage.services.workOrders.list(systemCaller, { customerId: customer.id, limit: 5, offset: 0, sort: '-createdAt' } as never);
      expect(mine.items[0]).toMatchObject({ status: 'intake', channel: 'web', symptom: lang === 'zh' ? '洗衣机漏水' : 'The washer leaks' });
      await shoot(page, `portal-home-${lang}`);

      // The technician finishes the job (through the API here), and the code goes out by SMS.
      const s = stage.services;
      order = await s.workOrders.perform(systemCaller, order.id, 'check_in', { version: order.version, lat: 31.23, lng: 121.47 });
      // Out of warranty the customer accepts a quote first; in warranty none is needed (quote_not_needed).
      const quote = await s.fees.quotes.create(systemCaller, order.id, { jobMode: 'adjustment', extras: [], parts: [] }).catch(() => null);
      if (quote) {
        await s.fees.quotes.offer(systemCaller, order.id, quote.id, { sendSms: false });
        await s.fees.quotes.accept(systemCaller, order.id, quote.id, { signedName: customer.name, confirmed: true });
      }
      order = await s.workOrders.perform(systemCaller, order.id, 'complete', { version: order.version, ...(await faultChain(unit.id)) });
      order = await s.workOrders.perform(systemCaller, order.id, 'send_acceptance_code', { version: order.version });

      await page.getByRole('link', { name: order.number }).click();
      await page.waitForURL(new RegExp(`/my/orders/${order.id}$`));
      await page.getByRole('heading', { level: 1 }).getByText(t.status.work_done).waitFor();
      // Who came, as they introduce themselves (季师傅: never their full name), and the window they came in.
      const technicianName = (await s.network.getTechnician(systemCaller, order.technicianId!)).name;
      expect(await page.locator('dl').first().textContent()).toContain(publicTechnicianName(technicianName));
      await page.getByLabel(`${t.portal.acceptanceCode} *`).fill('000000');
      await page.getByRole('button', { name: t.portal.confirmSubmit }).click();
      await page.locator('.form-error').waitFor();
      await expectAccessible(page);
      const acceptance = await codeFor('acceptance_code', order.id);
      expect(acceptance).toMatch(/^\d{6}$/);
      await page.getByLabel(`${t.portal.acceptanceCode} *`).fill(acceptance!);
      await page.getByRole('button', { name: t.portal.confirmSubmit }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.confirmed).waitFor();
      expect(await page.locator('.timeline > li.refused').count()).toBe(1);
      expect((await s.workOrders.get(systemCaller, order.id)).confirmedBy).toBe('customer_code');
      await expectAccessible(page);
      await shoot(page, `portal-order-${lang}`);
      await context.close();
    });

    it(`a provider admin sees their own order and gets the not-found page for another provider's (${lang})`, async () => {
      const s = stage.services;
      const users = await s.access.listUsers(systemCaller, { limit: 10, offset: 0, q: 'provider' });
      const first = users.items.find((u) => u.username === 'provider')!;
      const theirs = (await s.workOrders.list(systemCaller, { providerId: first.providerId!, limit: 1, offset: 0, sort: '-createdAt' } as never)).items[0];
      const { context, page } = await open(lang);
      await signIn(page, lang, 'provider');
      await page.goto(`/app/orders/${theirs.id}`);
      await page.getByRole('heading', { level: 1 }).getByText(theirs.number).waitFor();
      await signOut(page, lang);

      await signIn(page, lang, 'provider2');
      await page.goto(`/app/orders/${theirs.id}`);
      await page.getByRole('heading', { level: 1, name: t.notFound.title }).waitFor();
      expect(await page.getByText(theirs.number).count()).toBe(0);
      await expectAccessible(page);
      await shoot(page, `provider-not-found-${lang}`);
      await context.close();
    });

    it(`an agent opens an order and sees its promise clocks; putting it on hold pauses them (${lang})`, async () => {
      const { customer, unit } = await demoCustomer(lang === 'zh' ? 5 : 6);
      const order = await bookedOrder(customer.id, unit.id, 'technician');
      const promise = await stage.services.promises.orderPromise(systemCaller, order.id);
      const fillIn = (template: string, values: Record<string, string>) => Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, v), template);
      const { context, page } = await open(lang);
      await signIn(page, lang, 'agent');
      // The page's own clock, so a minute can pass at once: the clocks are asked for again.
      await page.clock.install();
      await page.goto(`/app/orders/${order.id}`);
      await page.getByRole('heading', { level: 2, name: t.promise.title }).waitFor();
      const clocks = page.locator('.clock');
      await clocks.first().waitFor();
      expect(await clocks.count()).toBe(promise.milestones.length);
      // Booking met the first response; arrival and resolution run, each with its promise, deadline and time left.
      const firstResponse = clocks.filter({ hasText: t.promise.milestone.first_response });
      const met = promise.milestones.find((m) => m.milestone === 'first_response')!;
      expect(await firstResponse.locator('.badge').textContent()).toBe(t.promise.mark[met.outcome!]);
      const resolution = clocks.filter({ hasText: t.promise.milestone.resolution });
      const resolutionText = (await resolution.textContent())!;
      expect(resolutionText).toContain(fillIn(t.promise.hours, { n: String(promise.milestones.find((m) => m.milestone === 'resolution')!.targetMinutes / 60) }));
      expect(resolutionText).toContain(t.promise.dueAt);
      expect(resolutionText).toMatch(new RegExp(t.promise.left.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{{left}}', '.+')));
      await expectAccessible(page);
      await shoot(page, `order-promise-${lang}`);
      const askedAgain = page.waitForResponse((r) => r.url().endsWith(`/work-orders/${order.id}/promise`) && r.status() === 200);
      await page.clock.runFor(61_000);
      await askedAgain;

      // On hold for parts: every running clock stops, and the page says since when and why.
      await page.getByRole('button', { name: t.action.hold }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t.field.reason).selectOption('waiting_for_parts');
      await dialog.getByRole('button', { name: t.action.hold }).click();
      await page.locator('.paused-note').waitFor();
      expect(await page.locator('.paused-note').textContent()).toContain(t.hold.waiting_for_parts);
      await expect.poll(() => page.locator('.clock .badge.mark-paused').count()).toBe(promise.milestones.filter((m) => m.status === 'running').length);
      expect(await page.getByRole('heading', { level: 3, name: t.promise.pauses }).count()).toBe(1);
      await expectAccessible(page);
      await shoot(page, `order-promise-paused-${lang}`);
      await context.close();
    });

    it(`a dispatcher sees the orders at risk, soonest deadline first, and opens one (${lang})`, async () => {
      const { context, page } = await open(lang);
      await signIn(page, lang, 'dispatcher');
      await openFromBar(page, t.nav.atRisk);
      await page.waitForURL(/\/app\/at-risk/);
      const rows = page.locator('table.at-risk tbody tr');
      await rows.first().waitFor();
      const fromApi = await (await staffFetch(stage.baseUrl, 'dispatcher'))<{ items: { number: string; overdue: boolean; nextDueAt: string }[] }>('/promises/at-risk?limit=25');
      expect(await rows.locator('td:first-child a').allTextContents()).toEqual(fromApi.items.map((i) => i.number));
      const due = await rows.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
      expect(due.length).toBeGreaterThan(1);
      expect([...due].sort()).toEqual(due);
      // Every row is marked: broken when a deadline has passed, a warning otherwise.
      const marks = await rows.locator('td:nth-child(2) .badge').allTextContents();
      expect(marks).toEqual(fromApi.items.map((i) => (i.overdue ? t.promise.mark.broken : t.promise.mark.warning)));
      await expectAccessible(page);
      await shoot(page, `at-risk-${lang}`, false);

      const first = fromApi.items[0];
      await rows.first().getByRole('link', { name: first.number }).click();
      await page.waitForURL(/\/app\/orders\//);
      await page.getByRole('heading', { level: 1 }).getByText(first.number).waitFor();
      await page.locator('.clock').first().waitFor();
      expect(await page.locator('.clock.mark-warning, .clock.mark-broken').count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await context.close();
    });

    it(`a manager creates a calendar and a policy, with field errors first, and sees the promise chart (${lang})`, async () => {
      const code = (p: string) => `${p}-${lang.toUpperCase()}`;
      const { context, page } = await open(lang);
      await signIn(page, lang, 'manager');
      const report = page.waitForResponse((r) => r.url().includes('/promises/report?') && r.url().includes('by=period'));
      await openFromBar(page, t.nav.promises);
      const met = ((await (await report).json()) as { rows: { met: number }[] }).rows.reduce((n, r) => n + r.met, 0);
      expect(met).toBeGreaterThan(0);
      await page.locator('.chart-box svg').nth(1).waitFor();
      await expect.poll(() => page.locator('.chart-box svg').count()).toBe(2);
      const figure = page.locator('.figure', { hasText: t.promiseReport.met }).locator('.figure-value');
      expect(Number((await figure.textContent())!.replace(/\D/g, ''))).toBe(met);
      await page.getByRole('heading', { level: 2, name: t.promiseReport.alerts }).waitFor();
      await expectAccessible(page);
      await shoot(page, `promise-report-${lang}`);

      // A calendar: a wrong time zone is named next to its field; then Saturday mornings and China's holidays.
      await page.getByRole('link', { name: t.promiseSettings.title }).click();
      await page.getByRole('link', { name: t.promiseSettings.newCalendar }).click();
      await page.getByLabel(`${t.promiseSettings.code} *`, { exact: true }).fill(code('CAL'));
      await page.getByLabel(`${t.promiseSettings.nameZh} *`, { exact: true }).fill('测试日历');
      await page.getByLabel(`${t.promiseSettings.nameEn} *`, { exact: true }).fill('Test calendar');
      await page.getByLabel(`${t.promiseSettings.timeZone} *`, { exact: true }).fill('Mars/Olympus');
      await page.getByLabel(t.promiseSettings.weekday.sat, { exact: true }).fill('09:00-12:00');
      await page.getByRole('button', { name: t.promiseSettings.createCalendar }).click();
      await expect.poll(() => fieldError(page, `${t.promiseSettings.timeZone} *`)).toContain('IANA');
      await expectAccessible(page);
      await page.getByLabel(`${t.promiseSettings.timeZone} *`, { exact: true }).fill('Asia/Shanghai');
      await page.getByRole('button', { name: t.promiseSettings.createCalendar }).click();
      await page.waitForURL(/\/app\/promises\/calendars\/[0-9a-f-]{36}$/);
      const calendarId = page.url().split('/').pop()!;
      await page.locator('.days tbody tr').first().waitFor();
      const nationalDays = await page.locator('.days tbody tr').count();
      expect(nationalDays).toBeGreaterThan(10);
      await page.getByLabel(`${t.promiseSettings.date} *`, { exact: true }).fill('2030-03-12');
      await page.getByLabel(t.promiseSettings.nameEn, { exact: true }).fill('Company day');
      await page.getByRole('button', { name: t.promiseSettings.addDay }).click();
      await expect.poll(() => page.locator('.days tbody tr').count()).toBe(nationalDays + 1);
      const saved = await stage.services.promises.getCalendar(systemCaller, calendarId, {});
      expect(saved).toMatchObject({ code: code('CAL'), timeZone: 'Asia/Shanghai' });
      expect(saved.week[5]).toEqual([{ start: '09:00', end: '12:00' }]);
      expect(saved.days).toContainEqual(expect.objectContaining({ date: '2030-03-12', kind: 'holiday', nameEn: 'Company day' }));
      await expectAccessible(page);
      await shoot(page, `calendar-${lang}`);

      // A policy on that calendar: an internal target looser than the promise is refused next to its field.
      await page.getByRole('link', { name: t.promiseSettings.back }).click();
      await page.getByRole('link', { name: t.promiseSettings.newPolicy }).click();
      const firstResponse = t.promise.milestone.first_response;
      const hoursLabel = (template: string, milestone: string) => template.replace('{{milestone}}', milestone);
      await page.getByLabel(`${t.promiseSettings.code} *`, { exact: true }).fill(code('POL'));
      await page.getByLabel(`${t.promiseSettings.nameZh} *`, { exact: true }).fill('测试标准');
      await page.getByLabel(`${t.promiseSettings.nameEn} *`, { exact: true }).fill('Test policy');
      await page.getByLabel(t.promiseSettings.region, { exact: true }).fill(`${lang}测试市`);
      await page.getByLabel(t.promiseSettings.calendar, { exact: true }).selectOption(calendarId);
      await page.getByLabel(hoursLabel(t.promiseSettings.customerHours, firstResponse), { exact: true }).fill('2');
      await page.getByLabel(hoursLabel(t.promiseSettings.internalHours, firstResponse), { exact: true }).fill('3');
      await page.getByLabel(hoursLabel(t.promiseSettings.customerHours, t.promise.milestone.resolution), { exact: true }).fill('24');
      await page.getByRole('button', { name: t.promiseSettings.createPolicy }).click();
      await expect.poll(() => fieldError(page, hoursLabel(t.promiseSettings.internalHours, firstResponse))).toContain('must not exceed');
      await expectAccessible(page);
      await shoot(page, `policy-error-${lang}`);
      await page.getByLabel(hoursLabel(t.promiseSettings.internalHours, firstResponse), { exact: true }).fill('1');
      await page.getByRole('button', { name: t.promiseSettings.createPolicy }).click();
      await page.waitForURL(/\/app\/promises\/settings$/);
      await page.getByRole('link', { name: code('POL') }).waitFor();
      const policy = (await stage.services.promises.listPolicies(systemCaller)).find((p) => p.code === code('POL'))!;
      expect(policy).toMatchObject({ calendarId, region: `${lang}测试市`, targets: { first_response: { customerMinutes: 120, internalMinutes: 60 }, resolution: { customerMinutes: 1440 } } });
      await expectAccessible(page);
      await shoot(page, `promise-settings-${lang}`);
      await context.close();
    });

    it(`manager dashboard with charts, and the audit search (${lang})`, async () => {
      const { context, page } = await open(lang);
      await signIn(page, lang, 'manager');
      expect(page.url()).toContain('/app/dashboard');
      await page.locator('.chart-box svg').nth(2).waitFor();
      await expect.poll(() => page.locator('.chart-box svg').count()).toBe(3);
      // The promises of the last six months: one table row per month the API reports, with its beaten count.
      const promises = page.locator('figure', { has: page.getByRole('heading', { name: t.dashboard.promises }) });
      const now = new Date();
      const from = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 5, 1)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(now.getFullYear(), now.getMonth() + 1, 1)).toISOString().slice(0, 10);
      const months = await stage.services.promises.report(systemCaller, { by: 'period', from, to, timeZone: shanghai } as never);
      expect(months.rows.length).toBeGreaterThan(0);
      await promises.locator('summary').click();
      expect(await promises.locator('tbody tr').count()).toBe(months.rows.length);
      expect((await promises.locator('tbody tr').first().locator('td').nth(1).textContent())!.replace(/\D/g, '')).toMatch(new RegExp(`^${months.rows[0].beaten}`));
      const awaiting = (await stage.services.workOrders.list(systemCaller, { status: ['awaiting_dispatch'], limit: 1, offset: 0, sort: '-createdAt' } as never)).total;
      const figure = page.locator('.figure', { hasText: t.dashboard.awaiting }).locator('.figure-value');
      expect(Number((await figure.textContent())!.replace(/\D/g, ''))).toBe(awaiting);
      await expectAccessible(page);
      await shoot(page, `manager-dashboard-${lang}`);

      await openFromBar(page, t.nav.audit);
      await page.getByLabel(t.audit.action, { exact: true }).fill('sign_in');
      const searched = page.waitForResponse((r) => r.url().includes('/audit?') && r.url().includes('action=sign_in'));
      await page.getByRole('button', { name: t.audit.search }).click();
      const total = ((await (await searched).json()) as { total: number }).total;
      expect(total).toBeGreaterThan(0);
      await expect.poll(async () => [...new Set(await page.locator('tbody td code').allTextContents())]).toEqual(['sign_in']);
      await expectAccessible(page);
      await shoot(page, `manager-audit-${lang}`);
      await context.close();
    });

    it(`technician on a phone: checks in, records the work and confirms with the customer's code (${lang})`, async () => {
      const { customer, unit } = await demoCustomer(lang === 'zh' ? 5 : 6);
      const order = await bookedOrder(customer.id, unit.id, 'technician');
      const { context, page } = await open(lang, phone);
      await context.grantPermissions(['geolocation']);
      await context.setGeolocation({ latitude: 31.2304, longitude: 121.4737 });
      await signIn(page, lang, 'technician');
      expect(page.url()).toContain('/app/today');
      // The day's list (the next visit's card above it links to the same order).
      const card = page.locator('a.card-link', { hasText: order.number });
      await card.waitFor();
      // Today's visits come first, in the order the API gives them.
      await page.getByRole('heading', { level: 2, name: t.today.route }).waitFor();
      const route = (await page.request.get('/dispatch/visits').then((r) => r.json())) as { visits: { number: string }[] };
      expect(await page.locator('ol.cards li strong').allTextContents()).toEqual(route.visits.map((v) => v.number));
      await expectAccessible(page);
      await shoot(page, `technician-today-${lang}`);
      await card.click();

      await page.getByRole('button', { name: t.action.check_in, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: t.checkIn.usePosition }).click();
      await expect.poll(() => dialog.getByLabel(`${t.field.lat} *`).inputValue()).toBe('31.2304');
      await dialog.getByRole('button', { name: t.action.check_in }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.on_site).waitFor();

      await page.getByRole('button', { name: t.action.complete }).click();
      const chain = await faultChain(unit.id);
      for (const field of ['symptomCode', 'causeCode', 'remedyCode'] as const) await dialog.getByLabel(`${t.field[field]} *`).selectOption(chain[field]);
      await expectAccessible(page);
      await dialog.getByRole('button', { name: t.action.complete }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.work_done).waitFor();

      await page.getByRole('button', { name: t.action.send_acceptance_code }).click();
      await dialog.getByRole('button', { name: t.action.send_acceptance_code }).click();
      await dialog.waitFor({ state: 'detached' });
      // Codes are masked for everyone but an administrator asking for clear text (outbox.reveal).
      const admin = await staffFetch(stage.baseUrl, 'admin');
      const sms = (await admin<{ items: { template: string; bodyEn: string; subject: { id: string } | null }[] }>('/outbox?limit=50&reveal=true')).items.find((m) => m.template === 'acceptance_code' && m.subject?.id === order.id)!;
      const code = /code is (\d{6})/.exec(sms.bodyEn)![1];
      await page.getByRole('button', { name: t.action.confirm, exact: true }).click();
      await dialog.getByLabel(`${t.field.code} *`).fill(code);
      await dialog.getByRole('button', { name: t.action.confirm }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.confirmed).waitFor();
      expect(await stage.services.workOrders.get(systemCaller, order.id)).toMatchObject({ status: 'confirmed', confirmedBy: 'customer_code', checkInLat: 31.2304 });
      await shoot(page, `technician-order-${lang}`);
      await context.close();
    });

    it(`a dispatcher takes the optimizer's suggestion for an order, and the provider books it into a window the API offers (${lang})`, async () => {
      const s = stage.services;
      const { provider, date } = await plannableDay(2);
      const { customer, unit } = await shanghaiAcCustomer(lang === 'zh' ? 0 : 1);
      let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: customer.id, unitId: unit.id, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone', wishedFrom: zonedInstant(date, '08:00', 'Asia/Shanghai').toISOString(), wishedTo: zonedInstant(date, '18:00', 'Asia/Shanghai').toISOString() })).order;
      o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: provider.id, reason: '演示 / demo' });
      const suggested = await s.dispatch.suggestTechnicians(systemCaller, o.id, { date });
      expect(suggested.ranked.length).toBeGreaterThan(1);

      const { context, page } = await open(lang, desktop, shanghai);
      await signIn(page, lang, 'dispatcher');
      await page.goto(`/app/orders/${o.id}`);
      const card = page.getByRole('region', { name: t.suggest.title });
      const rows = card.locator('table.suggestions tbody tr');
      await rows.first().waitFor();
      // The same ranking as the API, best first, each with the travel it adds; the uncertified say why.
      // People are shown by their name in the reader's language (the demo gives each a pinyin one).
      const shown = (r: { name: string; nameEn?: string | null }) => (lang === 'en' && r.nameEn ? r.nameEn : r.name);
      expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual(suggested.ranked.map(shown));
      const refused = suggested.excluded.find((x) => x.reason.code === 'certification_missing')!;
      expect(await card.locator('.excluded li', { hasText: shown(refused) }).textContent()).toContain(lang === 'zh' ? refused.reason.zh : refused.reason.en);
      await expectAccessible(page);
      await shoot(page, `order-suggestions-${lang}`);
      const best = suggested.ranked[0];
      await card.getByRole('button', { name: t.suggest.assignTo.replace('{{name}}', shown(best)) }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.assigned).waitFor();
      const assigned = await s.workOrders.get(systemCaller, o.id);
      expect(assigned).toMatchObject({ status: 'assigned', technicianId: best.technicianId });
      const history = await s.workOrders.history(systemCaller, o.id);
      expect(history.at(-1)).toMatchObject({ action: 'assign', reason: expect.stringContaining('#1') });
      // The history names the technician, not an id.
      expect(await page.locator('.timeline .changes').last().textContent()).toContain(shown(best));
      await signOut(page, lang);

      // The provider books the visit: the windows come from the technician's day; one click fills the times.
      await signIn(page, lang, 'provider');
      await page.goto(`/app/orders/${o.id}`);
      await page.getByRole('button', { name: t.action.book, exact: true }).click();
      const dialog = page.getByRole('dialog');
      const offered = dialog.getByRole('group', { name: t.booking.title }).getByRole('button');
      await offered.first().waitFor();
      const windows = await s.workOrders.bookingWindows(systemCaller, o.id, { days: 3 });
      const slots = windows.windows.filter((x) => x.available);
      expect(await offered.count()).toBe(slots.length);
      // The customer wished for "any time, 08:00–18:00": no appointment; the dialog says why and fills in nothing.
      expect(windows.wish).toMatchObject({ available: false, reason: { code: 'window_too_long' } });
      expect(await dialog.getByRole('note').textContent()).toContain(lang === 'zh' ? windows.wish!.reason!.zh : windows.wish!.reason!.en);
      const [fromInput, toInput] = [dialog.locator('input[type="datetime-local"]').nth(0), dialog.locator('input[type="datetime-local"]').nth(1)];
      expect([await fromInput.inputValue(), await toInput.inputValue()]).toEqual(['', '']);
      await offered.first().click();
      expect(await offered.first().getAttribute('aria-pressed')).toBe('true');
      await expectAccessible(page);
      await shoot(page, `order-book-slots-${lang}`);
      await dialog.getByRole('button', { name: t.action.book }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.booked).waitFor();
      expect(await s.workOrders.get(systemCaller, o.id)).toMatchObject({ status: 'booked', appointmentFrom: slots[0].from, appointmentTo: slots[0].to });
      await context.close();
    });

    it(`a booking the technician cannot keep is refused with the reason under the window; a dispatcher overrides it with a reason (${lang})`, async () => {
      const s = stage.services;
      const { provider, date } = await plannableDay(3);
      const { customer, unit } = await shanghaiAcCustomer(lang === 'zh' ? 2 : 3);
      const techs = await s.network.activeTechniciansOf(s.database.db, [provider.id]);
      let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: customer.id, unitId: unit.id, symptom: '不制冷 / not cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
      o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: provider.id, reason: '演示 / demo' });
      let assigned: OrderView | null = null;
      for (const tech of techs) {
        assigned = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: tech.id }).catch(() => null);
        if (assigned) break;
      }
      const tech = techs.find((x) => x.id === assigned!.technicianId)!;

      const { context, page } = await open(lang, desktop, shanghai);
      await signIn(page, lang, 'dispatcher');
      await page.goto(`/app/orders/${o.id}`);
      await page.getByRole('button', { name: t.action.book, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('group', { name: t.booking.title }).getByRole('button').first().waitFor();
      // 03:00–04:00 at night, typed by hand.
      const times = dialog.locator('input[type="datetime-local"]');
      await times.nth(0).fill(`${date}T03:00`);
      await times.nth(1).fill(`${date}T04:00`);
      await dialog.getByRole('button', { name: t.action.book, exact: true }).click();
      const reason = lang === 'zh' ? `不在${tech.name}的班次内` : `is outside ${tech.name}'s shift`;
      // Under the "from" field, in the reader's language.
      const fromError = dialog.locator('.field', { has: page.locator('input[type="datetime-local"]') }).first().locator('.field-error');
      await fromError.waitFor();
      expect(await fromError.textContent()).toContain(reason);
      expect(await s.workOrders.get(systemCaller, o.id)).toMatchObject({ status: 'assigned', appointmentFrom: null });
      await expectAccessible(page);
      await shoot(page, `order-book-refused-${lang}`);
      // The dispatcher books it anyway, saying why: recorded on the order's history.
      await dialog.getByLabel(t.fieldLabel.book.overrideReason, { exact: true }).fill('客户夜班，只能凌晨 / the customer works nights');
      await dialog.getByRole('button', { name: t.action.book, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).getByText(t.status.booked).waitFor();
      const history = await s.workOrders.history(systemCaller, o.id);
      expect(history.at(-1)).toMatchObject({ action: 'book', reason: expect.stringContaining('the customer works nights — override:') });
      await context.close();
    });

    it(`a dispatcher plans a day on the board, previews it and applies it; a day that changed since the preview is refused and planned again (${lang})`, async () => {
      const s = stage.services;
      const { provider, date } = await plannableDay(1);
      const { context, page } = await open(lang, desktop, shanghai);
      await signIn(page, lang, 'dispatcher');
      await openFromBar(page, t.nav.dispatch);
      await page.waitForURL(/\/app\/dispatch/);
      await page.getByLabel(t.board.provider, { exact: true }).selectOption(provider.id);
      await page.getByLabel(t.board.date, { exact: true }).fill(date);
      const before = await s.dispatch.board(systemCaller, { providerId: provider.id, date });
      await expect.poll(() => page.locator('.day-view').first().locator('a.visit').count()).toBe(before.visits.length);
      expect(await page.locator('.plot svg').first().locator('.unassigned-point').count()).toBe(before.orders.filter((o) => o.location && !before.visits.some((v) => v.orderId === o.id)).length);
      await expectAccessible(page);
      await shoot(page, `dispatch-board-${lang}`);

      const planOnce = async () => {
        await page.getByRole('button', { name: t.plan.make }).click();
        await page.getByRole('button', { name: t.plan.apply }).waitFor({ timeout: 90_000 });
        return page.url().match(/plan=([0-9a-f-]{36})/)![1];
      };
      let planId = await planOnce();
      let plan = await s.dispatch.getPlan(systemCaller, planId);
      expect(plan.status).toBe('preview');
      const preview = page.locator('.card.preview');
      expect(await preview.locator('.day-view a.visit').count()).toBe(plan.stops.length);
      const changing = plan.stops.filter((st) => before.orders.find((o) => o.id === st.orderId)?.technicianId !== st.technicianId);
      expect(await preview.locator('table.changes-table tbody tr').count()).toBe(changing.length);
      expect(await preview.locator('.results.waiting li').count()).toBe(plan.unplanned.length);
      await expectAccessible(page);
      await shoot(page, `dispatch-plan-preview-${lang}`);

      if (lang === 'en') {
        // Someone puts one of the plan's orders on hold and back: the day changed, nothing is applied.
        const moved = plan.stops[0].orderId;
        let o = await s.workOrders.get(systemCaller, moved);
        o = await s.workOrders.perform(systemCaller, moved, 'hold', { version: o.version, reason: 'waiting_for_customer' });
        await s.workOrders.perform(systemCaller, moved, 'resume', { version: o.version });
        await preview.getByRole('button', { name: t.plan.apply }).click();
        const alert = preview.getByRole('alert').filter({ hasText: t.plan.staleTitle });
        await alert.waitFor();
        expect(await alert.getByRole('link').allTextContents()).toEqual([before.orders.find((x) => x.id === moved)!.number]);
        expect((await s.dispatch.getPlan(systemCaller, planId)).status).toBe('preview');
        await expectAccessible(page);
        await shoot(page, `dispatch-plan-stale-${lang}`);
        await alert.getByRole('button', { name: t.plan.again }).click();
        await expect.poll(() => page.url().match(/plan=([0-9a-f-]{36})/)?.[1]).not.toBe(planId);
        await page.getByRole('button', { name: t.plan.apply }).waitFor({ timeout: 90_000 });
        planId = page.url().match(/plan=([0-9a-f-]{36})/)![1];
        plan = await s.dispatch.getPlan(systemCaller, planId);
      }

      await page.getByRole('button', { name: t.plan.apply }).click();
      await page.locator('.notice.ok').waitFor();
      expect((await s.dispatch.getPlan(systemCaller, planId)).status).toBe('applied');
      for (const st of plan.stops) expect((await s.workOrders.get(systemCaller, st.orderId)).technicianId).toBe(st.technicianId);
      // The board now shows the plan: every stop a block, at the plan's times.
      const after = await s.dispatch.board(systemCaller, { providerId: provider.id, date });
      expect(after.appliedPlanId).toBe(planId);
      await expect.poll(() => page.locator('.day-view').first().locator('a.visit').count()).toBe(after.visits.length);
      expect(after.visits.length).toBeGreaterThanOrEqual(plan.stops.length);
      await expect.poll(() => page.locator('.card.preview').count()).toBe(0);
      await expectAccessible(page);
      await shoot(page, `dispatch-plan-applied-${lang}`);
      await context.close();
    });

    it(`a technician without the certification takes the exam on a phone and is certified (${lang})`, async () => {
      const s = stage.services;
      const trainee = (await s.access.listUsers(systemCaller, { limit: 5, offset: 0, q: 'trainee' })).items.find((u) => u.username === 'trainee')!;
      const category = lang === 'zh' ? 'AC' : 'WASHER';
      const course = (await s.training.listCourses(systemCaller, {})).find((c) => c.code === `${category}-BASIC`)!;
      const exam = (await s.training.listExams(systemCaller, course.id))[0];
      const bank = await s.training.listQuestions(systemCaller, exam.id);
      const held = async () => (await s.training.listCertifications(systemCaller, { technicianId: trainee.technicianId!, limit: 50, offset: 0 } as never)).items.filter((c) => c.code === course.certificationCode && c.valid);
      expect(await held()).toEqual([]);

      const { context, page } = await open(lang, phone, shanghai);
      await signIn(page, lang, 'trainee');
      await page.goto('/app/training');
      await page.getByRole('heading', { level: 2, name: t.training.myCertifications }).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: t.training.takeExam.replace('{{title}}', lang === 'zh' ? exam.titleZh : exam.titleEn) }).click();
      await page.getByRole('button', { name: t.training.start }).click();
      const paper = page.getByRole('form', { name: t.training.paper });
      await paper.waitFor();
      await page.getByRole('timer').waitFor();
      // Answer as one who studied: each question of the drawn paper, its right options by their text.
      const questions = paper.locator('ol.questions > li');
      expect(await questions.count()).toBe(exam.questionsPerPaper);
      for (let i = 0; i < exam.questionsPerPaper; i++) {
        const q = questions.nth(i);
        const legend = (await q.locator('legend').textContent())!;
        const asked = bank.find((b) => legend.includes(lang === 'zh' ? b.textZh : b.textEn))!;
        for (const k of asked.correct) await q.getByLabel(lang === 'zh' ? asked.options[k].zh : asked.options[k].en, { exact: true }).check();
      }
      await expectAccessible(page);
      await shoot(page, `technician-exam-${lang}`);
      await paper.getByRole('button', { name: t.training.handIn }).click();
      const result = page.locator('.result');
      await result.getByRole('heading', { name: t.training.outcome.passed }).waitFor();
      const certs = await held();
      expect(certs).toHaveLength(1);
      expect(await result.textContent()).toContain(course.certificationCode);
      await expectAccessible(page);
      await shoot(page, `technician-certified-${lang}`);
      await result.getByRole('link', { name: t.training.back }).click();
      await page.locator('.cards.certs li', { hasText: course.certificationCode }).waitFor();
      await context.close();
    });
  }
});

describe.runIf(run === describe)('training for managers', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`a manager adds a course (a field error first), an exam for it and a question to its bank (${lang})`, async () => {
      const s = stage.services;
      const code = `MGR-${lang.toUpperCase()}`;
      const { context, page } = await open(lang);
      await signIn(page, lang, 'manager');
      await openFromBar(page, t.nav.training);
      const course = page.getByRole('form', { name: t.training.newCourse });
      await course.waitFor();
      await course.getByLabel(`${t.training.code} *`, { exact: true }).fill('bad code!');
      await course.getByLabel(`${t.training.category} *`, { exact: true }).selectOption({ index: 1 });
      await course.getByLabel(`${t.training.certificationCode} *`, { exact: true }).fill(code);
      await course.getByLabel(`${t.training.titleZh} *`, { exact: true }).fill('测试课程');
      await course.getByLabel(`${t.training.titleEn} *`, { exact: true }).fill('Test course');
      await course.getByRole('button', { name: t.training.createCourse }).click();
      await expect.poll(() => fieldError(page, `${t.training.code} *`)).toContain('letters, digits');
      await expectAccessible(page);
      await course.getByLabel(`${t.training.code} *`, { exact: true }).fill(code);
      await course.getByRole('button', { name: t.training.createCourse }).click();
      await course.getByRole('status').waitFor();
      const made = (await s.training.listCourses(systemCaller, {})).find((c) => c.code === code)!;
      expect(made).toMatchObject({ certificationCode: code, titleZh: '测试课程', validityMonths: 24 });

      const exam = page.getByRole('form', { name: t.training.newExam });
      await exam.getByLabel(`${t.training.course} *`, { exact: true }).selectOption(made.id);
      await exam.getByLabel(`${t.training.titleZh} *`, { exact: true }).fill('测试考试');
      await exam.getByLabel(`${t.training.titleEn} *`, { exact: true }).fill('Test exam');
      await exam.getByRole('button', { name: t.training.createExam }).click();
      await exam.getByRole('status').waitFor();
      const madeExam = (await s.training.listExams(systemCaller, made.id))[0];
      expect(madeExam).toMatchObject({ questionsPerPaper: 3, timeLimitMinutes: 20, passPercent: 60 });

      const question = page.getByRole('form', { name: t.training.newQuestion });
      await question.getByLabel(`${t.training.exam} *`, { exact: true }).selectOption(madeExam.id);
      await question.getByLabel(`${t.training.textZh} *`, { exact: true }).fill('接地线的颜色？');
      await question.getByLabel(`${t.training.textEn} *`, { exact: true }).fill('The colour of the earth wire?');
      const option = (n: number) => question.getByRole('group', { name: t.training.option.replace('{{n}}', String(n)) });
      await option(1).getByLabel(`${t.training.optionZh} *`, { exact: true }).fill('黄绿');
      await option(1).getByLabel(`${t.training.optionEn} *`, { exact: true }).fill('Yellow-green');
      await option(2).getByLabel(`${t.training.optionZh} *`, { exact: true }).fill('红');
      await option(2).getByLabel(`${t.training.optionEn} *`, { exact: true }).fill('Red');
      await option(1).getByLabel(t.training.correct).check();
      await question.getByRole('button', { name: t.training.addQuestion }).click();
      await question.getByRole('status').waitFor();
      expect(await s.training.listQuestions(systemCaller, madeExam.id)).toEqual([
        expect.objectContaining({ textZh: '接地线的颜色？', options: [{ zh: '黄绿', en: 'Yellow-green' }, { zh: '红', en: 'Red' }], correct: [0] }),
      ]);
      await expectAccessible(page);
      await shoot(page, `manager-training-${lang}`);
      await context.close();
    });
  }
});

describe.runIf(run === describe)('the service network', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`a provider admin adds a technician (a field error first), sets their shifts and records an absence (${lang})`, async () => {
      const s = stage.services;
      const name = lang === 'zh' ? '网点新师傅' : 'New Hire';
      const { context, page } = await open(lang, desktop, shanghai);
      await signIn(page, lang, 'provider');
      await openFromBar(page, t.nav.network);
      await page.getByRole('heading', { level: 1, name: t.network.title }).waitFor();
      // Their own provider only.
      const me = (await s.access.listUsers(systemCaller, { limit: 10, offset: 0, q: 'provider' })).items.find((u) => u.username === 'provider')!;
      const own = await s.network.getProvider(systemCaller, me.providerId!);
      // Shown by its English name to an English reader.
      const ownName = lang === 'en' ? (own.nameEn ?? own.name) : own.name;
      await page.getByRole('link', { name: ownName }).waitFor();
      expect(await page.locator('tbody tr').count()).toBe(1);
      await page.getByRole('link', { name: ownName }).click();

      const form = page.getByRole('form', { name: t.network.newTechnician });
      await form.getByLabel(`${t.network.name} *`, { exact: true }).fill(name);
      await form.getByLabel(`${t.network.phone} *`, { exact: true }).fill('12');
      await form.getByRole('checkbox').first().check();
      await form.getByRole('button', { name: t.network.add }).click();
      await expect.poll(() => fieldError(page, `${t.network.phone} *`)).toBeTruthy();
      await expectAccessible(page);
      await form.getByLabel(`${t.network.phone} *`, { exact: true }).fill(lang === 'zh' ? '13912340001' : '13912340002');
      await form.getByRole('button', { name: t.network.add }).click();
      await form.getByRole('status').waitFor();
      const made = (await s.network.listTechnicians(systemCaller, { providerId: own.id, limit: 500, offset: 0 } as never)).items.find((x) => x.name === name)!;
      expect(made).toMatchObject({ status: 'active', maxJobsPerDay: 8, shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })) });
      expect(made.skills).toHaveLength(1);

      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const saturday = t.network.weekdays[6];
      await page.getByRole('checkbox', { name: saturday }).check();
      await page.getByLabel(t.network.shiftEnd.replace('{{day}}', saturday)).fill('12:00');
      await page.getByRole('button', { name: t.network.save }).click();
      await page.getByText(t.network.saved).waitFor();
      expect((await s.network.getTechnician(systemCaller, made.id)).shifts).toContainEqual({ weekday: 6, start: '09:00', end: '12:00' });

      const absence = page.getByRole('form', { name: t.network.addAbsence });
      await absence.getByLabel(`${t.network.from} *`, { exact: true }).fill('2026-12-02T09:00');
      await absence.getByLabel(`${t.network.to} *`, { exact: true }).fill('2026-12-01T18:00');
      await absence.getByLabel(`${t.network.reason} *`, { exact: true }).fill(lang === 'zh' ? '年假' : 'Annual leave');
      await absence.getByRole('button', { name: t.network.addAbsence }).click();
      await expect.poll(() => fieldError(page, `${t.network.to} *`)).toBeTruthy();
      await absence.getByLabel(`${t.network.to} *`, { exact: true }).fill('2026-12-03T18:00');
      await absence.getByRole('button', { name: t.network.addAbsence }).click();
      await page.getByText(lang === 'zh' ? '年假' : 'Annual leave').waitFor();
      expect((await s.network.listAbsences(systemCaller, made.id, {})).map((a) => a.reason)).toEqual([lang === 'zh' ? '年假' : 'Annual leave']);
      await page.getByText(t.network.noCertifications).waitFor();
      await expectAccessible(page);
      await shoot(page, `provider-technician-${lang}`);
      await context.close();
    });
  }
});

describe.runIf(run === describe)('the console for administrators', () => {
  it('lists orders, messages and users, adds a user with a field error first, and switches language on any page', async () => {
    const { context, page } = await open('zh');
    await signIn(page, 'zh', 'admin');
    for (const [path, heading] of [['/app/orders?status=awaiting_dispatch', zh.orders.title], ['/app/outbox', zh.outbox.title], ['/app/users', zh.users.title]] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // A table, or the empty state when there is nothing yet (the outbox of a fresh demo).
      await page.locator('table tbody tr, .state.empty').first().waitFor();
      await expectAccessible(page);
    }
    // A new user: a one-letter username is named under its field; then it goes in.
    const form = page.getByRole('form', { name: zh.users.new });
    await form.getByLabel(`${zh.users.username} *`).fill('x');
    await form.getByLabel(`${zh.users.name} *`).fill('新客服');
    await form.getByLabel(`${zh.users.password} *`).fill('a-long-enough-password');
    await form.getByRole('button', { name: zh.users.create }).click();
    await expect.poll(() => fieldError(page, `${zh.users.username} *`)).toBeTruthy();
    await form.getByLabel(`${zh.users.username} *`).fill(`desk${Date.now()}`);
    await form.getByRole('button', { name: zh.users.create }).click();
    await page.getByRole('cell', { name: '新客服' }).waitFor();
    await shoot(page, 'admin-users-zh');

    // English from the bar, at once and after a reload; dates follow the language.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: en.users.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.goto('/app/orders');
    await page.getByRole('heading', { level: 1, name: en.orders.title }).waitFor();
    // The first row's opening date, wherever the list puts that column.
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('table tbody tr').first().locator('td').allTextContents()).toContainEqual(expect.stringMatching(/[A-Z][a-z]{2} \d{1,2}, \d{4}/));
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: zh.orders.title }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('table tbody tr').first().locator('td').allTextContents()).toContainEqual(expect.stringMatching(/\d{4}年\d{1,2}月\d{1,2}日/));
    await context.close();
  });
});

/** The demo's provider in Shanghai and its n-th coming working day (Sundays off), as the demo counts. */
async function plannableDay(n: number) {
  const provider = (await stage.services.network.listProviders(systemCaller)).find((p) => p.code === 'SH-BRANCH')!;
  let date = localDate(new Date(), 'Asia/Shanghai');
  for (let k = 0; k < n; k++) {
    date = addDays(date, 1);
    if (isoWeekday(date) === 7) date = addDays(date, 1);
  }
  return { provider, date };
}

/** A demo customer in Shanghai with an air conditioner and coordinates, the skip-th one found. */
async function shanghaiAcCustomer(skip: number) {
  const s = stage.services;
  const ac = (await s.catalog.listCategories(systemCaller)).find((c) => c.code === 'AC')!;
  let found = 0;
  for (let offset = 0; offset < 3000; offset += 200) {
    for (const u of (await s.units.list(systemCaller, { limit: 200, offset } as never)).items) {
      if (u.categoryId !== ac.id) continue;
      const c = await s.customers.get(systemCaller, u.ownerId);
      const home = c.addresses.find((a) => a.isDefault);
      if (home?.city.startsWith('上海') && home.lat != null && found++ === skip + 10) return { customer: c, unit: u };
    }
  }
  throw new Error('no demo customer in Shanghai with an air conditioner');
}

/** The first symptom → cause → remedy of the unit's category, as a technician would pick. */
async function faultChain(unitId: string) {
  const s = stage.services;
  const unit = await s.units.get(systemCaller, unitId);
  const tree = (await s.catalog.faultTree(systemCaller, unit.categoryId)) as { code: string; children: { code: string; children: { code: string }[] }[] }[];
  const symptom = tree.find((x) => x.children.some((c) => c.children.length > 0))!;
  const cause = symptom.children.find((c) => c.children.length > 0)!;
  return { symptomCode: symptom.code, causeCode: cause.code, remedyCode: cause.children[0].code };
}

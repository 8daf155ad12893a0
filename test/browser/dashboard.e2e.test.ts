import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityProblems, browserAvailable, openFromBar, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';

// The manager's dashboard on the demo data: filtered to one provider and a date range, each figure
// matches the API's count, and a figure, a state's bar (through its table) and a promise bar each
// open the orders behind them, linking to each order. Around it, the console's small things: a
// sign-in logs no 401 from /auth/me, the top bar is one row at 1280 and 1024 px (the pages that do
// not fit behind "More", reachable by keyboard) with no sideways scroll at 390 px either, and the
// phone menu closes when the page already open is chosen.
const texts = { zh, en } as const;
const open = ['dispatched', 'assigned', 'booked', 'on_site', 'work_done', 'on_hold'];
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

async function context(lang: 'zh' | 'en', width = 1280, height = 900): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width, height }, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}
/** The top bar is one row that fits the window: no sideways scroll, the pages beside the brand and sign-out, the rest behind "More". */
async function expectOneRow(page: Page, lang: 'zh' | 'en') {
  const t = texts[lang];
  const more = page.getByRole('button', { name: t.nav.more });
  await more.waitFor();
  const width = page.viewportSize()!.width;
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect(await page.evaluate(() => { const bar = document.querySelector('.topbar')!; return bar.scrollWidth <= bar.clientWidth; })).toBe(true);
  const shown = page.locator('#staff-nav > ul > li');
  expect(await shown.count()).toBeGreaterThan(1);
  const brand = (await page.locator('.topbar .brand').boundingBox())!;
  const signOut = (await page.getByRole('button', { name: t.nav.signOut }).boundingBox())!;
  const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
  expect(Math.abs(middle(signOut) - middle(brand))).toBeLessThan(8);
  for (const box of await Promise.all((await shown.all()).map((l) => l.boundingBox()))) {
    expect(Math.abs(middle(box!) - middle(brand))).toBeLessThan(8);
    expect(box!.x + box!.width).toBeLessThanOrEqual(signOut.x);
  }
  expect(signOut.x + signOut.width).toBeLessThanOrEqual(width);
  expect((await page.locator('.topbar').boundingBox())!.height).toBeLessThan(70);
  // Every page the manager has is in the bar or behind "More", once.
  expect(await page.locator('#staff-nav a').count()).toBeGreaterThan(20);
}
const fill = (s: string, vars: Record<string, string>) => Object.entries(vars).reduce((a, [k, v]) => a.replace(`{{${k}}}`, v), s);
const localDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

run('the manager dashboard in a real browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    const t = texts[lang];
    it(`filters by provider and dates and drills down from a figure, a bar and a promise to the orders (${lang})`, async () => {
      const { context: ctx, page } = await context(lang);
      // Sign-in: the console does not ask /auth/me before anyone has signed in (it would answer 401).
      const refused: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 401) refused.push(r.url());
      });
      await signIn(page, lang, 'manager');
      expect(refused).toEqual([]);

      // The top bar is one row at 1280 px, however many pages a manager has (the rest behind "More").
      await expectOneRow(page, lang);

      await openFromBar(page, t.nav.dashboard);
      await page.getByRole('heading', { level: 1, name: t.dashboard.title }).waitFor();

      // The provider with the most orders, and the last year's orders.
      const providers = await stage.services.network.listProviders(systemCaller);
      const all = await stage.services.workOrders.counts(systemCaller, {});
      const held = (id: string) => all.items.filter((c) => c.providerId === id).reduce((s, c) => s + c.n, 0);
      const provider = [...providers].sort((a, b) => held(b.id) - held(a.id))[0];
      const from = localDay(new Date(Date.now() - 365 * 86_400_000));
      const to = localDay(new Date());
      const filters = page.getByRole('form', { name: t.dashboard.filters });
      await filters.getByLabel(t.dashboard.provider).selectOption(provider.id);
      await filters.getByLabel(t.dashboard.from).fill(from);
      await filters.getByLabel(t.dashboard.to).fill(to);
      const counts = await stage.services.workOrders.counts(systemCaller, { providerId: provider.id, createdFrom: new Date(`${from}T00:00:00+08:00`).toISOString(), createdTo: new Date(`${to}T23:59:59.999+08:00`).toISOString() });
      const openN = counts.items.filter((c) => open.includes(c.status)).reduce((s, c) => s + c.n, 0);
      const allN = counts.items.reduce((s, c) => s + c.n, 0);
      expect(allN).toBeGreaterThan(0);
      expect(allN).toBeLessThan(all.items.reduce((s, c) => s + c.n, 0));
      const number = (n: number) => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US').format(n);
      const openFigure = page.getByRole('button', { name: fill(t.dashboard.showOrders, { what: t.dashboard.open }) });
      const allFigure = page.getByRole('button', { name: fill(t.dashboard.showOrders, { what: t.dashboard.all }) });
      await expect.poll(() => allFigure.locator('.n').textContent(), { timeout: 15_000 }).toBe(number(allN));
      expect(await openFigure.locator('.n').textContent()).toBe(number(openN));

      // A figure: the open orders of that provider in those dates, each linking to its page.
      await allFigure.click();
      const drill = page.getByRole('region', { name: fill(t.dashboard.ordersOf, { what: t.dashboard.all }) });
      await drill.waitFor();
      await expect.poll(() => drill.textContent(), { timeout: 15_000 }).toContain(fill(t.dashboard.drillTotal, { n: number(allN) }));
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `dashboard-drill-${lang}`);

      // A state's bar, through the chart's table: as many orders as the bar says.
      const busiest = counts.items.filter((c) => c.n > 0).sort((a, b) => b.n - a.n)[0];
      const stateName = t.status[busiest.status as keyof typeof t.status];
      const byState = page.locator('figure', { has: page.getByRole('heading', { name: t.dashboard.byState }) });
      await byState.getByText(t.dashboard.asTable).click();
      await byState.getByRole('button', { name: fill(t.dashboard.showOrders, { what: `${stateName}, ${t.dashboard.orders}` }) }).click();
      const stateDrill = page.getByRole('region', { name: fill(t.dashboard.ordersOf, { what: stateName }) });
      await expect.poll(() => stateDrill.textContent(), { timeout: 15_000 }).toContain(fill(t.dashboard.drillTotal, { n: number(counts.items.filter((c) => c.status === busiest.status).reduce((s, c) => s + c.n, 0)) }));
      const firstOrder = stateDrill.getByRole('link').first();
      const orderNumber = (await firstOrder.textContent())!;
      await firstOrder.click();
      await page.waitForURL(/\/app\/orders\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: orderNumber }).waitFor();

      // Back on the dashboard (the filters are in the address), a promise bar opens its milestones' orders.
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: t.dashboard.title }).waitFor();
      // The select shows the provider once its options have loaded again.
      await expect.poll(() => filters.getByLabel(t.dashboard.provider).inputValue(), { timeout: 15_000 }).toBe(provider.id);
      const report = await stage.services.promises.report(systemCaller, { by: 'period', from, to: localDay(new Date(Date.now() + 86_400_000)), timeZone: 'Asia/Shanghai', providerId: provider.id });
      const month = report.rows.find((r) => r.met > 0);
      if (month) {
        const kind = month.kept > 0 ? 'kept' : month.beaten > 0 ? 'beaten' : 'broken';
        const promises = page.locator('figure', { has: page.getByRole('heading', { name: t.dashboard.promisesInRange }) });
        await promises.getByText(t.dashboard.asTable).click();
        const monthLabel = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${month.key}-01T00:00:00Z`));
        await promises.getByRole('button', { name: fill(t.dashboard.showOrders, { what: `${monthLabel}, ${t.promise.mark[kind]}` }) }).click();
        const promiseDrill = page.getByRole('region', { name: fill(t.dashboard.ordersOf, { what: `${monthLabel} · ${t.promise.mark[kind]}` }) });
        await expect.poll(() => promiseDrill.textContent(), { timeout: 15_000 }).toContain(fill(t.dashboard.drillTotal, { n: number(month[kind]) }));
        expect(await promiseDrill.getByRole('link').count()).toBe(Math.min(20, month[kind]));
      }
      expect(await accessibilityProblems(page)).toEqual([]);
      await ctx.close();
    });

    it(`the top bar fits 1024 px and 390 px, and "More" opens the pages that do not fit, by keyboard (${lang})`, async () => {
      const { context: ctx, page } = await context(lang, 1024, 768);
      await signIn(page, lang, 'manager');
      await expectOneRow(page, lang);
      // By keyboard: ↓ on "More" opens it on its first page, End goes to the last, Enter opens it.
      const more = page.getByRole('button', { name: t.nav.more });
      await more.focus();
      await page.keyboard.press('ArrowDown');
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      const hidden = page.locator('#staff-nav-more a');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(await hidden.first().textContent());
      await page.keyboard.press('End');
      const last = hidden.last();
      const [name, href] = [(await last.textContent())!, (await last.getAttribute('href'))!];
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(name);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `top-bar-more-${lang}`, false);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === href);
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      // Esc closes it back onto the button.
      await more.click();
      await hidden.first().focus();
      await page.keyboard.press('Escape');
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('staff-nav-more');

      // On a phone: no sideways scroll either; every page is in the menu, "More" is not needed.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/app/dashboard');
      await page.getByRole('heading', { level: 1, name: t.dashboard.title }).waitFor();
      await page.getByRole('button', { name: t.nav.menu }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.evaluate(() => { const bar = document.querySelector('.topbar')!; return bar.scrollWidth <= bar.clientWidth; })).toBe(true);
      await page.getByRole('button', { name: t.nav.menu }).click();
      expect(await page.locator('#staff-nav a').count()).toBe(await page.locator('#staff-nav a').filter({ visible: true }).count());
      expect(await page.getByRole('button', { name: t.nav.more }).count()).toBe(0);
      await ctx.close();
    });

    it(`the phone menu closes when the page already open is chosen (${lang})`, async () => {
      const { context: ctx, page } = await context(lang, 390, 844);
      await signIn(page, lang, 'manager');
      const menu = page.getByRole('button', { name: t.nav.menu });
      await menu.click();
      await openFromBar(page, t.nav.dashboard);
      await page.getByRole('heading', { level: 1, name: t.dashboard.title }).waitFor();
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      // The same page again: no path changes, and still the menu closes.
      await openFromBar(page, t.nav.dashboard);
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('#staff-nav').isVisible()).toBe(false);
      expect(await accessibilityProblems(page)).toEqual([]);
      await ctx.close();
    });
  }
});

// Drives Debian's chromium through playwright-core against a real Aftercare server on a fresh
// database (embedded, or PostgreSQL when TEST_DATABASE_URL is set) loaded with the demo company. Used by the console's browser journeys.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import { databaseFromImage } from '../database-images.js';
import { engine, testDatabase } from '../harness.js';
import type { Database } from '../../src/db/database.js';
import { createServices, type Services } from '../../src/server/services.js';
import type { SolveOptions } from '../../src/modules/dispatch/solver/types.js';
import type { MapTiles } from '../../src/modules/dispatch/index.js';
import { createHttpApp } from '../../src/server/http.js';
import { systemClock, type Clock } from '../../src/shared/clock.js';
import { loadDemo } from '../../src/demo/demo.js';
import { buildConsole } from '../../web/build.mjs';

export const chromiumPath = process.env.AFTERCARE_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = join(process.cwd(), 'test-output', 'screenshots');

/**
 * Whether the journeys can run here. On a developer machine without chromium they are skipped
 * with a note (the README says how to install it); under CI a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === 'true') throw new Error(`CI needs chromium at ${chromiumPath}: apt-get install -y chromium (.ci/run does it)`);
  process.stderr.write(`\n[browser tests skipped] no chromium at ${chromiumPath}; install it with: sudo apt-get install -y chromium\n\n`);
  return false;
}

/** `database`: for a journey that must set up what no request can (a promise's warning point already passed). */
export type Stage = { baseUrl: string; services: Services; database: Database; browser: Browser; close: () => Promise<void> };

/** `planBudget`: the optimizer's budget for a day plan (a journey that stops it wants a long one). */
/** `map`: the board's tile server (a journey runs its own). */
export async function startStage(options: { planBudget?: SolveOptions; clock?: Clock; map?: MapTiles } = {}): Promise<Stage> {
  await buildConsole();
  // On PostgreSQL when TEST_DATABASE_URL is set (a fresh database of the journey's own, as every
  // integration test file gets), else embedded from the demo image.
  const fresh = engine === 'postgres' ? await testDatabase() : null;
  if (fresh) await loadDemo(fresh.database, { seed: 2026 });
  const database =
    fresh?.database ??
    (await databaseFromImage('demo', async (d) => {
      await d.migrate();
      await loadDemo(d, { seed: 2026 });
    }));
  // A short search when a journey plans a day: the journeys ask what the screens show, not how
  // good the plan is, and a full search on both cores starves the test runner.
  // Every journey signs in from 127.0.0.1, the same demo users again and again, faster than any
  // person: the sign-in limits (10 a minute per username) are the access tests' business, not theirs.
  const signIns = { limit: 100_000, windowSeconds: 60 };
  const services = createServices(database, options.clock ?? systemClock, {
    planBudget: options.planBudget ?? { iterations: 2000, timeLimitMs: 3000 },
    accessLimits: { rate: { signInPerAddress: signIns, signInPerUsername: signIns } },
    map: options.map ?? null,
  });
  // Every user of the journeys comes from 127.0.0.1: the per-address limit would count them as one.
  const app = createHttpApp(services, { bodyLimitBytes: 1_000_000, access: { perAddress: null }, mapTiles: options.map?.tiles, mapSubdomains: options.map?.subdomains });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // playwright-core gives every launch a fresh --user-data-dir of its own, removed on close.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    baseUrl,
    services,
    database,
    browser,
    close: async () => {
      await browser.close();
      // Live streams stay open until ended: end them, or server.close would wait for them.
      await services.live.stop();
      await new Promise<void>((ok) => server.close(() => ok()));
      await (fresh ? fresh.drop() : database.close());
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.x A and AA rules). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the page's CSP, rightly.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** A fresh context in the reader's language and China's time zone; an error thrown in the page fails the journey. */
export async function openPage(stage: Stage, lang: 'zh' | 'en', viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stage.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

/** The whole page; `fullPage: false` for what fits the window (a long list in the README). */
export async function shoot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/** A staff session over plain HTTP, for what a test reads besides the browser (the outbox). */
export async function staffFetch(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'aftercare-demo' }) });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return async <T>(path: string): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return (await r.json()) as T;
  };
}

/** Signs a customer in to the portal with the code sent to their phone (read from the outbox by an administrator); waits for their home page. */
export async function signInCustomer(stage: Stage, page: Page, lang: 'zh' | 'en', customerId: string) {
  const t = { zh, en }[lang];
  const admin = await staffFetch(stage.baseUrl, 'admin');
  const phone = (await stage.services.customers.revealPhones({ principal: { kind: 'system', name: 'e2e' }, address: null }, customerId)).items[0].phone;
  await page.goto('/my/sign-in');
  await page.getByLabel(`${t.portal.phone} *`).fill(phone);
  await page.getByRole('button', { name: t.portal.sendCode }).click();
  await page.getByLabel(`${t.portal.code} *`).waitFor();
  type Outbox = { items: { template: string; bodyEn: string; subject: { id: string } | null }[] };
  const sms = (await admin<Outbox>('/outbox?limit=50&reveal=true')).items.find((m) => m.template === 'portal_code' && m.subject?.id === customerId)!;
  await page.getByLabel(`${t.portal.code} *`).fill(/\b(\d{6})\b/.exec(sms.bodyEn)![1]);
  await page.getByRole('button', { name: t.portal.signInSubmit }).click();
  await page.waitForURL(/\/my$/);
}

/**
 * Opens a staff page from the top bar as a person would: its link when it is in the bar, else
 * through "More" (the pages that do not fit the row) or, on a phone, the menu.
 */
export async function openFromBar(page: Page, name: string, exact = false) {
  const nav = page.locator('#staff-nav');
  await nav.locator('li').first().waitFor({ state: 'attached' });
  const link = nav.getByRole('link', { name, exact });
  if (!(await link.isVisible())) {
    const menu = page.locator('.menu-toggle');
    await ((await menu.isVisible()) ? menu : nav.locator('.nav-more > button')).click();
  }
  await link.click();
}

/** Signs a demo staff user in through the sign-in page, in the page's language, and waits for the console. */
export async function signIn(page: Page, lang: 'zh' | 'en', username: string) {
  const t = { zh, en }[lang];
  await page.goto('/sign-in');
  await page.getByLabel(t.signIn.username).fill(username);
  await page.getByLabel(t.signIn.password).fill('aftercare-demo');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/app\//);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, startStage, type Stage } from './browser.js';

// The Content-Security-Policy holds in a real browser: the API reference at /docs (Swagger UI)
// and the console's pages (charts included) run with no violation reported.
let stage: Stage;
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run === describe) stage = await startStage();
}, 600_000);
afterAll(async () => stage?.close());

/** A page that records every CSP violation, from the console and from the DOM event alike. */
async function watched() {
  const context = await stage.browser.newContext({ baseURL: stage.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${location.pathname}`);
    });
  });
  return { context, page, violations };
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

run('the Content-Security-Policy in chromium', () => {
  it('lets /docs render the API reference with no violation', async () => {
    const { context, page, violations } = await watched();
    const res = await page.goto('/docs');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Swagger UI draws every tag's section once it has read /openapi.json.
    await page.getByText('Work orders 工单').first().waitFor();
    await settle(page);
    expect(violations).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the console sign in, draw the dashboard charts and the portal sign-in with no violation', async () => {
    const { context, page, violations } = await watched();
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('manager');
    await page.getByLabel('Password').fill('aftercare-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\//);
    await page.goto('/app/dashboard');
    await page.locator('canvas, svg').first().waitFor();
    await settle(page);
    await page.goto('/my');
    await settle(page);
    expect(violations).toEqual([]);
    await context.close();
  }, 60_000);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, browserAvailable, shoot, signIn, startStage, type Stage } from './browser.js';
import { systemCaller } from '../harness.js';
import { en } from '../../web/src/locales/en.js';
import { zh } from '../../web/src/locales/zh.js';
import { addDays, localDate } from '../../src/shared/zoned.js';

// The board on a real map: with AFTERCARE_MAP_TILES naming a tile server (here a tiny one run by
// the test, answering every tile with a PNG), the board draws the routes and stops over its tiles,
// the Content-Security-Policy lets that server in and the page reports no violation. Without the
// setting the board keeps its own plot (board.e2e.test.ts checks that). The template names its
// servers by `{s}` (a.localhost, b.localhost: Chromium takes every *.localhost to this machine), as
// public tile services do: the policy lets each one in, and Leaflet spreads the tiles over them.
const texts = { zh, en } as const;
type Lang = keyof typeof texts;
const locales = { zh: 'zh-CN', en: 'en-US' } as const;
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let stage: Stage;
let tiles: Server;
let tileOrigin = '';
let template = '';
const subdomains = ['a', 'b'];
const asked: string[] = [];
const hosts: string[] = [];
const run = browserAvailable() ? describe : describe.skip;

beforeAll(async () => {
  if (run !== describe) return;
  tiles = createServer((req, res) => {
    asked.push(req.url ?? '');
    hosts.push(req.headers.host ?? '');
    if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(png);
  });
  await new Promise<void>((ok) => tiles.listen(0, '127.0.0.1', ok));
  const port = (tiles.address() as AddressInfo).port;
  tileOrigin = `http://{s}.localhost:${port}`;
  template = `${tileOrigin}/{z}/{x}/{y}.png`;
  stage = await startStage({ map: { tiles: template, attribution: '© Test Tiles', datum: 'wgs84', subdomains } });
}, 600_000);
afterAll(async () => {
  await stage?.close();
  await new Promise((ok) => tiles?.close(ok));
});

run('the dispatch board on a tile server', () => {
  for (const lang of ['zh', 'en'] as Lang[]) {
    it(`draws the day's routes and stops over the configured server's tiles, with the CSP letting only it in (${lang})`, async () => {
      const t = texts[lang];
      const provider = (await stage.services.network.listProviders(systemCaller)).find((p) => p.code === 'SH-BRANCH')!;
      // A coming day with visits on the board.
      let date = localDate(new Date(), 'Asia/Shanghai');
      let board = await stage.services.dispatch.board(systemCaller, { providerId: provider.id, date });
      for (let k = 0; k < 14 && board.visits.length === 0; k++) {
        date = addDays(date, 1);
        board = await stage.services.dispatch.board(systemCaller, { providerId: provider.id, date });
      }
      expect(board.visits.length).toBeGreaterThan(0);
      expect(board.map).toEqual({ tiles: template, attribution: '© Test Tiles', datum: 'wgs84', subdomains });
      const routes = new Set(board.visits.filter((v) => board.orders.find((o) => o.id === v.orderId)?.location).map((v) => v.technicianId)).size;

      const context = await stage.browser.newContext({ locale: locales[lang], viewport: { width: 1280, height: 900 }, baseURL: stage.baseUrl, timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
      await signIn(page, lang, 'dispatcher');
      const res = await page.goto('/app/dispatch');
      const csp = res!.headers()['content-security-policy'];
      const origins = subdomains.map((s) => tileOrigin.replace('{s}', s));
      expect(csp).toContain(`img-src 'self' data: blob: ${origins.join(' ')};`);
      expect(csp).toContain(`connect-src 'self' ${origins.join(' ')};`);
      await page.getByLabel(t.board.provider, { exact: true }).selectOption(provider.id);
      await page.getByLabel(t.board.date, { exact: true }).fill(date);

      const day = page.locator('section.board-day');
      const map = day.locator('.tile-map-box');
      await map.locator('img.leaflet-tile-loaded').first().waitFor({ timeout: 30_000 });
      expect(asked.some((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
      // Both servers the template names were asked (Leaflet picks one by the tile's position).
      expect(new Set(hosts)).toEqual(new Set(origins.map((o) => new URL(o).host)));
      await expect.poll(() => map.locator('path.board-route').count()).toBe(routes);
      expect(await map.locator('path.board-stop').count()).toBeGreaterThan(0);
      // The routes lie on the map, not off its edge.
      const frame = (await map.boundingBox())!;
      const route = (await map.locator('path.board-route').first().boundingBox())!;
      expect(route.width + route.height).toBeGreaterThan(0);
      expect(route.x).toBeGreaterThanOrEqual(frame.x);
      expect(route.y).toBeGreaterThanOrEqual(frame.y);
      expect(route.x + route.width).toBeLessThanOrEqual(frame.x + frame.width);
      expect(route.y + route.height).toBeLessThanOrEqual(frame.y + frame.height);
      // The plain plot gives way to the map; screen readers get the same words as before.
      expect(await day.locator('figure.plot svg[role="img"]').count()).toBe(0);
      expect(await map.getAttribute('aria-hidden')).toBe('true');
      await day.getByText('© Test Tiles').waitFor();
      await expect.poll(() => day.locator('figure.tile-map figcaption').innerText()).toContain(t.board.mapKey);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.waitForLoadState('networkidle');
      expect(violations).toEqual([]);
      await shoot(page, `board-map-${lang}`);

      // A region: every active provider serving it on the board at once, each on its own map.
      const active = (await stage.services.network.listProviders(systemCaller)).filter((p) => p.active);
      const serving = new Map<string, string[]>();
      for (const p of active) for (const r of p.serviceArea.regions) serving.set([r.province, r.city].filter(Boolean).join(' '), [...(serving.get([r.province, r.city].filter(Boolean).join(' ')) ?? []), p.id]);
      // The region served by most providers, one that changes the board (not SH-BRANCH alone).
      const [label, ids] = [...serving].filter(([, ps]) => !(ps.length === 1 && ps[0] === provider.id)).sort((a, b) => b[1].length - a[1].length)[0];
      const regionSelect = page.getByLabel(t.board.region, { exact: true });
      await regionSelect.selectOption({ label: t.board.regionOption.replace('{{region}}', label).replace('{{count}}', String(ids.length)) });
      // The days shown are the region's providers' (polled: the board reloads them).
      await expect
        .poll(() => page.locator('section.board-day').evaluateAll((els) => els.map((e) => e.getAttribute('data-provider')).sort()), { timeout: 60_000 })
        .toEqual([...ids].sort());
      expect(await page.getByLabel(t.board.provider, { exact: true }).evaluate((el: HTMLSelectElement) => [...el.selectedOptions].map((o) => o.value).sort())).toEqual([...ids].sort());
      await expect.poll(() => page.locator('.tile-map-box').count()).toBe(ids.length);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shoot(page, `board-region-${lang}`);
      await context.close();
    }, 120_000);
  }
});

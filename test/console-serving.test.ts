import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { serveConsole } from '../src/http/console.js';

// The server serves the console's files itself; the API keeps its paths, answers and 404s.
const dist = mkdtempSync(join(tmpdir(), 'aftercare-console-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function appOn(dir: string) {
  const app = new Hono();
  app.use('*', serveConsole(() => new Set(['customers', 'docs']), dir));
  app.get('/customers', (c) => c.json({ items: [] }));
  app.get('/docs', (c) => c.html('<p>docs</p>'));
  app.notFound((c) => c.json({ error: { code: 'route_not_found' } }, 404));
  return app;
}

describe('serving the console', () => {
  it('explains itself when the console is not built, and leaves the API alone', async () => {
    const app = appOn(join(dist, 'missing'));
    const page = await app.request('/app/search');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:web');
    expect((await app.request('/customers')).status).toBe(200);
  });

  it('serves files, index.html for the console paths, and JSON 404s under API paths', async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
    const app = appOn(dist);
    for (const path of ['/', '/app/orders/123', '/my', '/sign-in', '/unknown/deep/path']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toBe('<div id="root"></div>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const asset = await app.request('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/gone.js')).status).toBe(404);
    expect((await app.request('/favicon.svg')).headers.get('content-type')).toContain('svg');
    expect(await (await app.request('/customers')).json()).toEqual({ items: [] });
    expect(await (await app.request('/docs')).text()).toBe('<p>docs</p>');
    const apiMiss = await app.request('/customers/x/y');
    expect(apiMiss.status).toBe(404);
    expect(await apiMiss.json()).toEqual({ error: { code: 'route_not_found' } });
    expect((await app.request('/app/orders', { method: 'POST' })).status).toBe(404);
  });
});

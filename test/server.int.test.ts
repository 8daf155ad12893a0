import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { engine, testApp, tokenFor, type TestApp } from './harness.js';
import { openDatabase } from '../src/db/database.js';
import { createServices } from '../src/server/services.js';
import { systemClock } from '../src/shared/clock.js';

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('listening')) {
        clearTimeout(timer);
        ok({ child, url: `http://127.0.0.1:${env.PORT}` });
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise((ok) => child.once('exit', ok));

describe('the server process on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aftercare-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged record across a clean restart and a kill -9', async () => {
    const env = { PORT: String(await freePort()), AFTERCARE_DATA_DIR: dataDir, DATABASE_URL: '' };
    delete (env as Record<string, string>).DATABASE_URL;
    // An administrator's token made in the data folder before the server opens it.
    const setup = await openDatabase({ engine: 'pglite', dataDir });
    await setup.migrate();
    const { headers } = await tokenFor(createServices(setup, systemClock), 'admin', 'restart');
    await setup.close();
    const json = { 'content-type': 'application/json', ...headers };
    let { child, url } = await startServer(env);
    const created = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${url}/customers`, { method: 'POST', headers: json, body: JSON.stringify({ name: `重启测试${i}`, phones: [{ phone: `1370000000${i}` }] }) });
      expect(res.status).toBe(201);
      created.push(((await res.json()) as { id: string }).id);
    }
    child.kill('SIGTERM');
    await stopped(child);
    ({ child, url } = await startServer(env));
    for (const id of created) expect((await fetch(`${url}/customers/${id}`, { headers })).status).toBe(200);
    const last = await fetch(`${url}/customers`, { method: 'POST', headers: json, body: JSON.stringify({ name: '崩溃前', phones: [{ phone: '13700000099' }] }) });
    expect(last.status).toBe(201);
    const lastId = ((await last.json()) as { id: string }).id;
    child.kill('SIGKILL');
    await stopped(child);
    ({ child, url } = await startServer(env));
    expect((await fetch(`${url}/customers/${lastId}`, { headers })).status).toBe(200);
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: { engine: 'pglite', reachable: true } });
    child.kill('SIGTERM');
    await stopped(child);
  }, 300_000); // a fresh data folder's migrations and three starts (each bounded by 60 s above)
});

describe(`http surface on ${engine}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('publishes OpenAPI 3.1 with every route and a docs page served offline', async () => {
    const spec = (await t.get('/openapi.json')).body;
    expect(spec.openapi).toBe('3.1.0');
    for (const path of ['/customers', '/units/{id}/sanbao', '/work-orders', '/work-orders/{id}/check-in', '/catalog/models']) expect(spec.paths[path]).toBeDefined();
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const asset = await t.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
    expect((await t.app.request('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('answers unknown routes, oversize bodies and malformed JSON with a 4xx error body', async () => {
    // Unknown paths under the API's own segments, and unknown writes, are the API's 404; any other
    // GET is the console's (index.html), whose router shows its own not-found page.
    const missing = await t.get('/work-orders/nowhere/at-all');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'route_not_found']);
    const nowhere = await t.post('/nowhere', {});
    expect([nowhere.status, nowhere.body.error.code]).toEqual([404, 'route_not_found']);
    const big = await t.post('/customers', { name: 'x'.repeat(300_000), phones: [{ phone: '13800000000' }] });
    expect([big.status, big.body.error.code]).toEqual([413, 'body_too_large']);
    // A declared length over the limit is refused from the header, before the body is read.
    const declared = await t.app.request('/customers', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '300000', ...t.admin.headers }, body: '{}' });
    expect([declared.status, ((await declared.json()) as { error: { code: string } }).error.code]).toEqual([413, 'body_too_large']);
    const broken = await t.post('/customers', '{"name": "x", ');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed_request');
  });

  it('reports database reachability', async () => {
    expect((await t.get('/health')).body).toEqual({ status: 'ok', database: { engine, reachable: true } });
  });
});

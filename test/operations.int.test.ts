import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { engine, seedWorld, testApp, type TestApp } from './harness.js';
import { createHttpApp } from '../src/server/http.js';
import { createLogger } from '../src/shared/log.js';
import { backupPglite, restorePglite } from '../src/db/backup.js';

// The operational surface (issue 23): /metrics with bounded labels, /ready, JSON logs carrying a
// request id into the jobs a request makes and no personal data, and the embedded database's backup.
let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;
const lines: string[] = [];
let logged: ReturnType<typeof createHttpApp>;

beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
  const log = createLogger({ write: (line: string) => void lines.push(line) });
  logged = createHttpApp(t.services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null }, log });
});
afterAll(() => t.close());

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe(`operations, ${engine}`, () => {
  it('/metrics speaks Prometheus with route templates, queue depth, promise outcomes and messages, and no ids', async () => {
    await t.get(`/customers/${world.customer.id}`);
    const res = await t.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('aftercare_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/customers/:id",status="2xx"}');
    for (const name of ['aftercare_job_queue_depth', 'aftercare_promise_outcomes', 'aftercare_messages', 'aftercare_db_pool_connections', 'aftercare_process_cpu_user_seconds_total']) expect(text).toContain(`# TYPE ${name}`);
    expect(text).not.toMatch(uuid);
  });

  it('/health is liveness; /ready answers when the database and the queue are reachable', async () => {
    expect((await t.get('/health', {})).status).toBe(200);
    const ready = await t.get('/ready', {});
    expect(ready).toEqual({ status: 200, body: { status: 'ready', database: true, queue: true } });
  });

  it('logs one JSON line per request with its id and route, no personal data; the id rides into the jobs it enqueues', async () => {
    const name = '欧阳娜娜';
    const phone = '13912345678';
    const res = await logged.request('/customers', {
      method: 'POST',
      headers: { ...t.admin.headers, 'content-type': 'application/json', 'x-request-id': 'req-ops-1' },
      body: JSON.stringify({ name, phones: [{ phone }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育东路 9 号', isDefault: true }] }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('req-ops-1');
    const customer = (await res.json()) as { id: string };
    const order = await logged.request('/work-orders', {
      method: 'POST',
      headers: { ...t.admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '漏水' }),
    });
    expect(order.status).toBe(201);
    const orderRequest = order.headers.get('x-request-id')!;
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ requestId: 'req-ops-1', method: 'POST', route: '/customers', status: 201, msg: 'request' }));
    expect(entries).toContainEqual(expect.objectContaining({ requestId: orderRequest, route: '/work-orders', status: 201 }));
    const all = lines.join('\n');
    for (const secret of [name, phone, '体育东路', customer.id, world.phone]) expect(all).not.toContain(secret);
    // The customer's address is placed by a job: it carries the request's id to the worker's log lines.
    const jobs = await t.database.db.execute(sql`select name from pgboss.job where data->>'_requestId' = 'req-ops-1' and data->>'customerId' = ${customer.id}`);
    const rows = Array.isArray(jobs) ? jobs : (jobs as unknown as { rows: unknown[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('backup and restore of the embedded database', () => {
  it('round-trips a database through a backup file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftercare-backup-'));
    try {
      const source = new PGlite(join(dir, 'data'));
      await source.exec(`create table kept (id int primary key, note text); insert into kept values (1, '保留 / kept');`);
      await source.close();
      const bytes = await backupPglite(join(dir, 'data'), join(dir, 'backup.tar.gz'));
      expect(bytes).toBeGreaterThan(0);
      await expect(restorePglite(join(dir, 'backup.tar.gz'), join(dir, 'data'))).rejects.toThrow(/not empty/);
      await restorePglite(join(dir, 'backup.tar.gz'), join(dir, 'restored'));
      const restored = new PGlite(join(dir, 'restored'));
      expect((await restored.query('select note from kept')).rows).toEqual([{ note: '保留 / kept' }]);
      await restored.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

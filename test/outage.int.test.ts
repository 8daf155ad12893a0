// Standing guard (issue 14): the server survives its database going away. The real server runs as
// a child process on a database of its own; while a few clients send intakes and reads, its
// connections are terminated again and again, then new connections are refused for a while.
// The process must stay up, answer 503 (never 500, never hang) meanwhile, answer intakes again
// within 5 s of the database returning, and its job queue must work again without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { engine, systemCaller, testDatabase, tokenFor } from './harness.js';
import { freePort, httpCaller, startServerProcess, stopServerProcess, type Answer, type ServerProcess } from './server-process.js';
import { createServices } from '../src/server/services.js';
import { systemClock } from '../src/shared/clock.js';
import { openDatabase } from '../src/db/database.js';
import { createJobQueue } from '../src/jobs/queue.js';
import { defaultRolePermissions } from '../src/kernel/permissions.js';
import { RECALENDAR_JOB } from '../src/modules/promises/promises.service.js';

const CLIENTS = 4;
const REQUEST_BOUND_MS = 15_000; // an answer later than this counts as a hang
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

// PGlite runs inside the server's own process: there are no connections to cut.
describe.skipIf(engine !== 'postgres')('the server through a database outage (PostgreSQL only: PGlite is in-process, it has no connections to lose)', () => {
  let url: string;
  let name: string;
  let admin: pg.Client;
  let server: ServerProcess;
  let tokens: string[];
  let customerId: string;

  beforeAll(async () => {
    const made = await testDatabase();
    url = made.url!;
    name = new URL(url).pathname.slice(1);
    const services = createServices(made.database, systemClock);
    const { user, token } = await tokenFor(services, 'admin', 'outage');
    tokens = [token];
    // Enough tokens that a quiet machine's pace (≈ 200 requests/s) stays under the 600/min per-token limit.
    for (let i = 1; i < CLIENTS * 32; i++) tokens.push((await services.access.createToken(systemCaller, { name: `outage ${i}`, permissions: [...defaultRolePermissions.admin], userId: user.id })).token);
    // The test's own handle goes: terminating "every connection of the database" must not cut the test's.
    await made.database.close();
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    server = await startServerProcess({ DATABASE_URL: url, AFTERCARE_TRUSTED_PROXIES: '127.0.0.1' }, await freePort());
    const customer = await httpCaller(() => server.base, tokens, REQUEST_BOUND_MS)('POST', '/customers', { name: '断库测试', phones: [{ phone: '13611112222' }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育西路 1 号', isDefault: true }] });
    if (customer.status !== 201) throw new Error(`customer: ${customer.status} ${JSON.stringify(customer.body)}`);
    customerId = (customer.body as { id: string }).id;
  });

  afterAll(async () => {
    if (server) await stopServerProcess(server);
    await admin?.query(`alter database ${name} with allow_connections true`).catch(() => undefined);
    await admin?.end();
    // The harness's drop() would close the handle closed above; the database is dropped here instead.
    const a = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });

  it('stays up, answers 503 while the database is gone, and serves again (queue too) within 5 s of its return', async () => {
    const call = httpCaller(() => server.base, tokens, REQUEST_BOUND_MS);
    const answers: { phase: string; answer: Answer; what: string }[] = [];
    let phase = 'before';
    let running = true;
    let seq = 0;
    const clients = Array.from({ length: CLIENTS }, async (_, k) => {
      while (running) {
        const i = seq++;
        // Each answer counts in the phase it was sent and answered in ("down>back" when it straddled two).
        const label = (sentIn: string) => (sentIn === phase ? sentIn : `${sentIn}>${phase}`);
        let sentIn = phase;
        const intake = await call('POST', '/work-orders', { kind: 'repair', customerId, symptom: `断库 ${i}`, externalRef: `outage-${k}-${i}` });
        answers.push({ phase: label(sentIn), answer: intake, what: 'intake' });
        const id = (intake.body as { id?: string } | undefined)?.id;
        sentIn = phase;
        const read = await call('GET', id ? `/work-orders/${id}` : `/customers/${customerId}`);
        answers.push({ phase: label(sentIn), answer: read, what: 'read' });
        if (intake.status !== 201 && intake.status !== 200) await sleep(50);
      }
    });
    const terminate = () => admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);

    await sleep(2000);
    // 22 s of connections cut every 300 ms under load.
    phase = 'cutting';
    for (const until = Date.now() + 22_000; Date.now() < until; ) {
      await terminate();
      await sleep(300);
    }
    // Then 8 s with no connection possible at all.
    await admin.query(`alter database ${name} with allow_connections false`);
    // A backend ends a moment after it is told to: the outage begins once none is left.
    for (;;) {
      await terminate();
      const left = await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1`, [name]);
      if (left.rows[0].n === 0) break;
      await sleep(50);
    }
    phase = 'down';
    let healthDown: number | undefined;
    for (const until = Date.now() + 8000; Date.now() < until; ) {
      await terminate();
      healthDown = (await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(REQUEST_BOUND_MS) })).status;
      await sleep(500);
    }
    await admin.query(`alter database ${name} with allow_connections true`);
    const back = Date.now();
    phase = 'back';
    let servedAfterMs: number | undefined;
    while (servedAfterMs === undefined && Date.now() - back < 15_000) {
      const r = await call('POST', '/work-orders', { kind: 'repair', customerId, symptom: '恢复', externalRef: `outage-back-${Date.now()}` });
      if (r.status === 201) servedAfterMs = Date.now() - back;
      else await sleep(100);
    }
    const healthUp = (await fetch(`${server.base}/health`)).status;
    running = false;
    await Promise.all(clients);

    // A job put on the queue after the return runs: the server's workers poll again by themselves.
    const db = await openDatabase({ engine: 'postgres', url, poolSize: 1 });
    const calendarId = randomUUID();
    await createJobQueue(db).enqueue(db.db, RECALENDAR_JOB, { calendarId });
    let state: string | undefined;
    for (const until = Date.now() + 20_000; Date.now() < until && state !== 'completed'; ) {
      const r = await db.db.execute(sql`select state from pgboss.job where name = ${RECALENDAR_JOB} and data->>'calendarId' = ${calendarId}`);
      state = (r as unknown as { rows: { state: string }[] }).rows[0]?.state;
      if (state !== 'completed') await sleep(250);
    }
    await db.close();

    const count = (p: string, pred: (a: Answer) => boolean) => answers.filter((a) => a.phase === p && pred(a.answer)).length;
    const summary = Object.fromEntries(['before', 'cutting', 'down', 'back'].map((p) => [p, Object.fromEntries([0, 200, 201, 503, 500].map((s) => [s, count(p, (a) => a.status === s)]))]));
    console.log(`outage: answers by phase and status ${JSON.stringify(summary)}; served ${servedAfterMs} ms after the return; job ${state}`);

    expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
    expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
    // Every answer is a success or a 503 with the bilingual error; none is a 500, none missing or late.
    const odd = answers.filter((a) => ![200, 201, 503].includes(a.answer.status));
    expect(odd.map((a) => `${a.phase} ${a.what} ${a.answer.status} ${a.answer.error ?? JSON.stringify(a.answer.body).slice(0, 200)}`)).toEqual([]);
    const unavailable = answers.find((a) => a.answer.status === 503)!.answer.body as { error: { code: string; message: string } };
    expect(unavailable.error).toMatchObject({ code: 'database_unavailable', message: expect.stringMatching(/Database unavailable.*\/.*数据库/) });
    expect(count('before', (a) => a.status === 201)).toBeGreaterThan(0);
    expect(count('down', (a) => a.status === 503)).toBeGreaterThan(0);
    // Sent and answered while no connection was possible: every one a 503.
    expect(count('down', (a) => a.status !== 503)).toBe(0);
    expect(Math.max(...answers.map((a) => a.answer.ms))).toBeLessThan(REQUEST_BOUND_MS);
    expect(healthDown).toBe(503);
    expect(healthUp).toBe(200);
    expect(servedAfterMs).toBeDefined();
    expect(servedAfterMs!).toBeLessThan(5000);
    expect(state).toBe('completed');
  }, 120_000);
});

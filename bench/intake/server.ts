// One server under test, in its own process so the load generator does not share its event loop.
// usage: tsx bench/intake/server.ts app|app-promises|baseline pglite|postgres PORT [DATABASE_URL]
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../src/db/database.js';
import { createServices } from '../../src/server/services.js';
import { createHttpApp } from '../../src/server/http.js';
import { systemClock } from '../../src/shared/clock.js';
import { tokenFor } from '../../test/harness.js';
import { cnOfficeWeek } from '../../src/modules/promises/index.js';

const [mode, engine, port, url] = process.argv.slice(2);
const database = engine === 'postgres' ? await openDatabase({ engine: 'postgres', url: url!, poolSize: 20 }) : await openDatabase({ engine: 'pglite' });
await database.migrate();

let fetchHandler: (req: Request) => Response | Promise<Response>;
let token = '';
if (mode === 'baseline') {
  // The same framework writing one row with no validation, no rules and no history.
  await database.db.execute(sql`create table if not exists bench_bare (id uuid primary key, body jsonb not null, created_at timestamptz not null)`);
  const app = new Hono();
  app.post('/work-orders', async (c) => {
    const body = await c.req.json();
    const id = randomUUID();
    await database.db.execute(sql`insert into bench_bare (id, body, created_at) values (${id}, ${JSON.stringify(body)}::jsonb, now())`);
    return c.json({ id }, 201);
  });
  fetchHandler = app.fetch;
} else {
  // Clients sign in with an API token, as an integration would. Rate limits are off: the whole
  // load comes from one address and one token, which the limits exist to stop.
  const services = createServices(database, systemClock);
  // A user of this run's own: bench/scale runs against a database it keeps, so a second run must not meet the first's.
  const runTag = `${process.pid}-${Date.now().toString(36)}`;
  token = (await tokenFor(services, 'agent', `bench-${runTag}`)).token;
  const app = createHttpApp(services, { bodyLimitBytes: 1_000_000, access: { perToken: null, perAddress: null } });
  if (mode === 'app-promises') {
    // As a real desk runs: every order gets a promise on China's office calendar, with its clocks and first alert job.
    const admin = (await tokenFor(services, 'admin', `bench-admin-${runTag}`)).headers;
    const setUp = async (path: string, body: unknown) => {
      const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    };
    const year = new Date().getFullYear();
    await setUp('/calendars', { code: 'CN', nameZh: '全国工作日', nameEn: 'China office days', timeZone: 'Asia/Shanghai', week: cnOfficeWeek, isDefault: true, cnNationalYears: [year, year + 1] });
    await setUp('/promise-policies', { code: 'ALL', nameZh: '标准', nameEn: 'Standard', targets: { first_response: { customerMinutes: 240 }, on_site: { customerMinutes: 960 }, resolution: { customerMinutes: 2400 } } });
  }
  fetchHandler = app.fetch;
}
const server = serve({ fetch: fetchHandler, port: Number(port), hostname: '127.0.0.1' }, () => process.stdout.write(`ready ${token}\n`));
// The runs take turns, so each server sits idle for longer than node's 5 s keep-alive while the
// others are measured; keep the clients' connections, or every turn would start by reconnecting.
(server as import('node:http').Server).keepAliveTimeout = 120_000;
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

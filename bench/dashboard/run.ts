// The manager's dashboard on the demo data, as the console asks for it over HTTP (signed in as the
// demo manager, in-process): before, one list request per order state and per provider (each
// counting its orders) beside the promise report; after, one grouped count (GET /work-orders/counts)
// beside the same report. Both in the same run, side by side. Prints figures; never fails a build.
// usage: tsx bench/dashboard/run.ts [--rounds 7] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { openDatabase, type Database } from '../../src/db/database.js';
import { loadDemo } from '../../src/demo/demo.js';
import { createServices } from '../../src/server/services.js';
import { createHttpApp } from '../../src/server/http.js';
import { systemClock } from '../../src/shared/clock.js';
import { orderStatuses } from '../../src/modules/work-orders/work-orders.rules.js';
import { arg, freshPostgres, postgresReachable } from '../kit.js';

const rounds = Number(arg('--rounds', '7'));
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const open = 'dispatched,assigned,booked,on_site,work_done,on_hold';

function month(back: number) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
}

async function measure(engine: string, database: Database) {
  await database.migrate();
  await loadDemo(database, { seed: 2026 });
  const services = createServices(database, systemClock, {});
  const app = createHttpApp(services, { bodyLimitBytes: 1_000_000, access: { perAddress: null, perToken: null } });
  const signIn = await app.request('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: 'aftercare-demo' }) });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  const report = `/promises/report?by=period&from=${month(5)}&to=${month(-1)}`;

  // What the page asked before: the providers, then a counted list per state and per open provider, and the report.
  async function before() {
    const providers = (await get('/providers')).items as { id: string }[];
    await Promise.all([
      ...orderStatuses.map((s) => get(`/work-orders?status=${s}&limit=1`)),
      ...providers.map((p) => get(`/work-orders?providerId=${p.id}&status=${open}&limit=1`)),
      get(report),
    ]);
    return providers.length;
  }
  // What it asks now: the providers (for their names), one grouped count, and the report, at once.
  async function after() {
    await Promise.all([get('/providers'), get('/work-orders/counts'), get(report)]);
  }
  // And with the filters: one provider, the last 90 days.
  async function filtered(providerId: string) {
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
    await Promise.all([get('/providers'), get(`/work-orders/counts?providerId=${providerId}&createdFrom=${from}`), get(`${report}&providerId=${providerId}`)]);
  }

  const providers = (await get('/providers')).items as { id: string }[];
  const orders = (await get('/work-orders?limit=1')).total as number;
  const requestsBefore = 1 + orderStatuses.length + providers.length + 1;
  await before();
  await after();
  const times = { before: [] as number[], after: [] as number[], filtered: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    await before();
    times.before.push(performance.now() - t0);
    t0 = performance.now();
    await after();
    times.after.push(performance.now() - t0);
    t0 = performance.now();
    await filtered(providers[0].id);
    times.filtered.push(performance.now() - t0);
  }
  const b = median(times.before);
  const a = median(times.after);
  console.log(`${engine}: demo data, ${orders} orders, ${providers.length} providers; median of ${rounds} rounds`);
  console.log(`  before  ${String(requestsBefore).padStart(2)} requests  ${b.toFixed(0).padStart(6)} ms`);
  console.log(`  after    3 requests  ${a.toFixed(0).padStart(6)} ms   (${(b / a).toFixed(1)}× faster)`);
  console.log(`  after, one provider and 90 days  ${median(times.filtered).toFixed(0).padStart(6)} ms`);
}

const pglite = await openDatabase({ engine: 'pglite' });
await measure('PGlite', pglite);
await pglite.close();
if (await postgresReachable(serverUrl)) {
  const pgdb = await freshPostgres(serverUrl, 'bench_dashboard');
  const database = await openDatabase({ engine: 'postgres', url: pgdb.url });
  await measure('PostgreSQL', database);
  await database.close();
  await pgdb.drop();
} else console.log(`PostgreSQL not reachable at ${serverUrl}: skipped`);
process.exit(0);

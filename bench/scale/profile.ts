// One request at a time through the whole HTTP app in this process, for the reads bench/scale times:
// per request, the statements sent to PostgreSQL, the round trips (statements one after another),
// the server's own CPU (node) and the wall time. What bench/scale's 32 clients cannot tell apart.
// usage: tsx bench/scale/profile.ts --url postgres://…/aftercare_national [--requests 200] [--only NAME] [--sql] [--cpu-prof FILE]
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { arg } from '../kit.js';
import { openDatabase } from '../../src/db/database.js';
import { createServices } from '../../src/server/services.js';
import { createHttpApp } from '../../src/server/http.js';
import { systemClock } from '../../src/shared/clock.js';
import { tokenFor } from '../../test/harness.js';

const url = arg('--url', 'postgres://postgres@127.0.0.1:5432/aftercare_national');
const requests = Number(arg('--requests', '200'));
const only = arg('--only', '');
const showSql = process.argv.includes('--sql');
// A CPU profile of the measured requests only (not the start-up), written here (.cpuprofile: Chrome's devtools read it).
const cpuProfile = arg('--cpu-prof', '');

// Every statement any client of the pool sends, counted (and its text kept when asked).
let statements = 0;
let inFlight = 0;
let rounds = 0;
const texts: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
  statements++;
  // A statement sent while none is running starts a new round trip.
  if (inFlight++ === 0) rounds++;
  if (showSql) texts.push(typeof config === 'string' ? config : String((config as { text?: string }).text));
  const last = rest.length - 1;
  if (last >= 0 && typeof rest[last] === 'function') {
    const callback = rest[last] as (...a: unknown[]) => unknown;
    rest[last] = (...a: unknown[]) => {
      inFlight--;
      return callback(...a);
    };
  }
  const r = (query as (...a: unknown[]) => unknown).call(this, config, ...rest);
  if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(() => inFlight--, () => inFlight--);
  else if (!(last >= 0 && typeof rest[last] === 'function')) inFlight--;
  return r as never;
} as typeof query;

const database = await openDatabase({ engine: 'postgres', url, poolSize: 20 });
const services = createServices(database, systemClock);
const token = (await tokenFor(services, 'agent', `profile-${process.pid}-${Date.now().toString(36)}`)).token;
const app = createHttpApp(services, { bodyLimitBytes: 1_000_000, access: { perToken: null, perAddress: null } });
const pool = new pg.Pool({ connectionString: url, max: 2 });
// About 1,000 customers' pages whatever the size (1 % of the full size's; all of a small demo's).
const [{ n }] = (await pool.query<{ n: number }>(`select greatest(reltuples, 1)::float8 as n from pg_class where relname = 'customers'`)).rows;
const percent = Math.min(100, Math.max(0.1, 100_000 / n));
const samples = (
  await pool.query<{ id: string; phone: string; serial: string }>(
    `select c.id, p.phone, s.serial from customers c tablesample system (${percent}) join customer_phones p on p.customer_id = c.id and p.is_primary
     join lateral (select s.serial from units u join unit_serials s on s.unit_id = u.id where u.owner_id = c.id limit 1) s on true limit 500`,
  )
).rows;
await pool.end();

const paths: [string, (c: (typeof samples)[number]) => string][] = [
  ['customer', (c) => `/customers/${c.id}`],
  ['units of owner', (c) => `/units?ownerId=${c.id}&limit=50`],
  ['orders of customer', (c) => `/work-orders?customerId=${c.id}&limit=50`],
  ['last four', (c) => `/customers?phone=${c.phone.slice(-4)}&limit=20`],
  ['serial', (c) => `/customers?serial=${c.serial}`],
  ['open statuses', () => '/work-orders?status=booked,assigned,on_site&sort=-createdAt&limit=50'],
  ['province', () => `/work-orders?region=${encodeURIComponent('浙江省')}&sort=-createdAt&limit=50`],
  ['at risk', () => '/promises/at-risk?limit=50'],
];

const inspector = new Session();
if (cpuProfile) {
  inspector.connect();
  await inspector.post('Profiler.enable');
}
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('| request | statements | round trips | node CPU ms | wall p50 ms | wall p99 ms | bytes |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, path] of paths.filter(([n]) => n.includes(only))) {
  // Warm: the plans named statements keep, the token cache.
  for (let i = 0; i < 10; i++) await (await app.request(path(samples[i % samples.length]), { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  statements = 0;
  rounds = 0;
  texts.length = 0;
  let bytes = 0;
  const walls: number[] = [];
  if (cpuProfile) await inspector.post('Profiler.start');
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    const res = await app.request(path(samples[i % samples.length]), { headers: { authorization: `Bearer ${token}` } });
    bytes += (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    walls.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  if (cpuProfile) await writeFile(`${cpuProfile}.${name.replace(/\W+/g, '-')}.cpuprofile`, JSON.stringify((await inspector.post('Profiler.stop')).profile));
  walls.sort((a, b) => a - b);
  const q = (p: number) => walls[Math.min(walls.length - 1, Math.floor(p * walls.length))];
  console.log(`| ${name} | ${(statements / requests).toFixed(1)} | ${(rounds / requests).toFixed(1)} | ${((cpu.user + cpu.system) / 1000 / requests).toFixed(2)} | ${q(0.5).toFixed(1)} | ${q(0.99).toFixed(1)} | ${Math.round(bytes / requests)} |`);
  if (showSql) for (const t of [...new Set(texts)]) console.log(`    ${t.replace(/\s+/g, ' ').slice(0, 400)}`);
}
await database.close();
process.exit(0);

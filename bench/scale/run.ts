// The console's main reads on the national demo's data, 32 clients at once over real HTTP, each
// beside the same query written by hand and run by 32 clients on the same database in the same
// run: customer 360 (customer, units, orders), search by a phone's last four digits and by serial,
// the order list with a filter and sort, the at-risk list. Prints p50/p99 and the ratio; never fails a build.
// The data: `DATABASE_URL=URL npx aftercare demo --scale national [--customers N]` first.
// usage: tsx bench/scale/run.ts --url postgres://postgres@127.0.0.1:5432/aftercare_national [--seconds 5] [--clients 32] [--only NAME] [--server-prof DIR]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { arg } from '../kit.js';

const url = arg('--url', 'postgres://postgres@127.0.0.1:5432/aftercare_national');
const seconds = Number(arg('--seconds', '5'));
const clients = Number(arg('--clients', '32'));
// Only the figures whose name contains this (to re-measure one while fixing it).
const only = arg('--only', '');
// The server's CPU profile (node --cpu-prof) written into this folder when it stops: where its time goes under load.
const serverProfile = arg('--server-prof', '');
const port = 18_000 + (process.pid % 1000);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

async function startServer(): Promise<{ token: string; pid: number; stop: () => void }> {
  // bench/intake's server in its 'app' mode: the whole HTTP app in its own process, an agent's API token.
  const child = spawn(process.execPath, [...(serverProfile ? ['--cpu-prof', '--cpu-prof-dir', serverProfile] : []), '--import', 'tsx', 'bench/intake/server.ts', 'app', 'postgres', String(port), url], { stdio: ['ignore', 'pipe', 'inherit'] });
  const token = await new Promise<string>((ok, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /ready (\S+)/.exec(chunk.toString());
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  return { token, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/** The server process's CPU time so far (user + system, from /proc), in ms. */
function serverCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function get(token: string, path: string): Promise<void> {
  return new Promise((ok, fail) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? ok() : fail(new Error(`${path}: ${res.statusCode}`))));
    });
    req.on('error', fail);
  });
}

/** `clients` loops doing `one(i)` for `seconds`; the latencies' p50 and p99 in ms. */
async function load(one: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let seq = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await one(seq++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { n: latencies.length, p50: q(0.5), p99: q(0.99) };
}

const pool = new pg.Pool({ connectionString: url, max: clients });
const rows = async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[];
// Samples to ask for: customers with their phone and a serial, spread over the table.
// About 1,000 customers' pages whatever the size (1 % of the full size's; all of a small demo's).
const [{ n: customerEstimate }] = await rows<{ n: number }>(`select greatest(reltuples, 1)::float8 as n from pg_class where relname = 'customers'`);
const samples = await rows<{ id: string; phone: string; serial: string }>(
  `select c.id, p.phone, s.serial from customers c tablesample system (${Math.min(100, Math.max(0.1, 100_000 / customerEstimate))}) join customer_phones p on p.customer_id = c.id and p.is_primary
   join lateral (select s.serial from units u join unit_serials s on s.unit_id = u.id where u.owner_id = c.id limit 1) s on true limit 500`,
);
const [{ load: machineLoad }] = await rows<{ load: string }>(`select (select count(*) from customers) || ' customers, ' || (select count(*) from work_orders) || ' orders' as load`);
const server = await startServer();
const at = (i: number) => samples[i % samples.length];

const figures: { name: string; target: number; ours: () => Promise<unknown>; hand: () => Promise<unknown> }[] = [];
let i = 0;
figures.push({
  name: 'customer 360 (customer, units, orders)',
  target: 20,
  ours: () => {
    const c = at(i++);
    return Promise.all([get(server.token, `/customers/${c.id}`), get(server.token, `/units?ownerId=${c.id}&limit=50`), get(server.token, `/work-orders?customerId=${c.id}&limit=50`)]);
  },
  hand: () => {
    const c = at(i++);
    return Promise.all([
      rows(`select c.*, (select json_agg(p) from customer_phones p where p.customer_id = c.id), (select json_agg(a) from customer_addresses a where a.customer_id = c.id) from customers c where c.id = $1`, [c.id]),
      rows(`select u.*, (select json_agg(s) from unit_serials s where s.unit_id = u.id) from units u where u.owner_id = $1 order by u.created_at desc limit 50`, [c.id]),
      rows(`select * from work_orders where customer_id = $1 order by created_at desc limit 50`, [c.id]),
    ]);
  },
});
figures.push({
  name: "search by phone's last four",
  target: 50,
  ours: () => get(server.token, `/customers?phone=${at(i++).phone.slice(-4)}&limit=20`),
  hand: () => {
    // The last four are a prefix of the reversed number: the form the index on reverse(phone) serves (a `like '%1234'` reads every phone).
    const like = `${[...at(i++).phone.slice(-4)].reverse().join('')}%`;
    return Promise.all([
      rows(`select c.* from customers c where exists (select 1 from customer_phones p where p.customer_id = c.id and reverse(p.phone) like $1) order by c.created_at desc limit 20`, [like]),
      rows(`select count(*) from customers c where exists (select 1 from customer_phones p where p.customer_id = c.id and reverse(p.phone) like $1)`, [like]),
    ]);
  },
});
figures.push({
  name: 'search by serial',
  target: 50,
  ours: () => get(server.token, `/customers?serial=${at(i++).serial}`),
  hand: () => rows(`select c.* from customers c join units u on u.owner_id = c.id join unit_serials s on s.unit_id = u.id where s.serial = $1`, [at(i++).serial]),
});
figures.push({
  name: 'orders: open statuses, newest first',
  target: 50,
  ours: () => get(server.token, '/work-orders?status=booked,assigned,on_site&sort=-createdAt&limit=50'),
  hand: () =>
    Promise.all([
      rows(`select * from work_orders where status in ('booked', 'assigned', 'on_site') order by created_at desc limit 50`),
      rows(`select count(*) from work_orders where status in ('booked', 'assigned', 'on_site')`),
    ]),
});
figures.push({
  name: 'orders: a province, newest first',
  target: 50,
  ours: () => get(server.token, `/work-orders?region=${encodeURIComponent('浙江省')}&sort=-createdAt&limit=50`),
  // By the stored province (migration work_order_region_keys) as a person would write it now; the province
  // only (ours also takes a city of the name: a second, empty index range here).
  hand: () =>
    Promise.all([
      rows(`select * from work_orders where province_key = '浙江' order by created_at desc nulls last, id desc limit 50`),
      rows(`select count(*) from work_orders where province_key = '浙江'`),
    ]),
});
figures.push({
  name: 'at-risk list',
  target: 50,
  ours: () => get(server.token, '/promises/at-risk?limit=50'),
  hand: () => rows(`select p.*, w.number from order_promises p join work_orders w on w.id = p.order_id where p.next_warn_at <= now() order by p.next_due_at limit 50`),
});

console.log(`bench/scale: ${machineLoad}, ${clients} clients, ${seconds} s each; machine load average now: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
// Server CPU: the server process's own CPU time per read (a customer 360 is three requests), from /proc; the load average at the end of each pair.
console.log('| read | ours p50 | ours p99 | server CPU / read | hand p50 | hand p99 | p99 ratio | target p99 | load |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const f of figures.filter((x) => x.name.includes(only))) {
  const cpu0 = serverCpuMs(server.pid);
  const ours = await load(f.ours);
  const cpu = serverCpuMs(server.pid) - cpu0;
  const hand = await load(f.hand);
  const now = (await import('node:os')).loadavg()[0].toFixed(1);
  console.log(`| ${f.name} | ${ours.p50.toFixed(1)} ms | ${ours.p99.toFixed(1)} ms | ${(cpu / ours.n).toFixed(2)} ms | ${hand.p50.toFixed(1)} ms | ${hand.p99.toFixed(1)} ms | ${(ours.p99 / hand.p99).toFixed(2)} | < ${f.target} ms | ${now} |`);
}
server.stop();
await pool.end();
agent.destroy();

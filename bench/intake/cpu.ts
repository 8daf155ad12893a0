// CPU time per order of intake through the HTTP app in this process (no sockets), without and with a promise policy,
// on PostgreSQL (a database each): this process's CPU and the database backends' (read from /proc,
// PostgreSQL on this machine). CPU time is what a loaded, shared machine inflates least; the ratio of
// the two says what the policy costs each order. Never fails a build.
// usage: tsx bench/intake/cpu.ts [--orders 2000] [--clients 32] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { arg, backendCpu, backendCpuSpent, freshPostgres } from '../kit.js';
import { openDatabase } from '../../src/db/database.js';
import { createServices } from '../../src/server/services.js';
import { createHttpApp } from '../../src/server/http.js';
import { systemClock } from '../../src/shared/clock.js';
import { tokenFor } from '../../test/harness.js';
import { cnOfficeWeek } from '../../src/modules/promises/index.js';

const orders = Number(arg('--orders', '2000'));
const clients = Number(arg('--clients', '32'));
const pgUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');

async function measure(withPolicy: boolean) {
  const made = await freshPostgres(pgUrl, 'aftercare_bench_intake_cpu');
  const name = new URL(made.url).pathname.slice(1);
  try {
    const database = await openDatabase({ engine: 'postgres', url: made.url, poolSize: 20 });
    await database.migrate();
    const services = createServices(database, systemClock);
    const app = createHttpApp(services, { bodyLimitBytes: 1_000_000, access: { perToken: null, perAddress: null } });
    const admin = (await tokenFor(services, 'admin', 'bench-admin')).headers;
    const post = async (path: string, body: unknown) => {
      const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    if (withPolicy) {
      const year = new Date().getFullYear();
      await post('/calendars', { code: 'CN', nameZh: '全国工作日', nameEn: 'China office days', timeZone: 'Asia/Shanghai', week: cnOfficeWeek, isDefault: true, cnNationalYears: [year, year + 1] });
      await post('/promise-policies', { code: 'ALL', nameZh: '标准', nameEn: 'Standard', targets: { first_response: { customerMinutes: 240 }, on_site: { customerMinutes: 960 }, resolution: { customerMinutes: 2400 } } });
    }
    const customers: string[] = [];
    for (let i = 0; i < 200; i++) customers.push((await post('/customers', { name: `压测客户${i}`, phones: [{ phone: `138${String(i).padStart(8, '0')}` }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: `体育西路 ${i} 号`, isDefault: true }] })).id);
    const agent = (await tokenFor(services, 'agent', 'bench-agent')).headers;
    let next = 0;
    const run = async (count: number, tag: string) => {
      const until = next + count;
      await Promise.all(Array.from({ length: clients }, async () => {
        while (next < until) {
          const i = next++;
          const res = await app.request('/work-orders', { method: 'POST', headers: { 'content-type': 'application/json', ...agent }, body: JSON.stringify({ kind: 'repair', customerId: customers[i % customers.length], symptom: '空调漏水', externalRef: `${tag}-${i}` }) });
          if (res.status !== 201) throw new Error(`intake: ${res.status} ${await res.text()}`);
        }
      }));
    };
    await run(300, 'warm');
    const b0 = await backendCpu(pgUrl, name);
    const n0 = process.cpuUsage();
    const t0 = performance.now();
    await run(orders, 'measured');
    const wall = performance.now() - t0;
    const n1 = process.cpuUsage();
    const b1 = await backendCpu(pgUrl, name);
    const db = backendCpuSpent(b0, b1);
    const node = (n1.user + n1.system - n0.user - n0.system) / 1000;
    await database.close();
    return { node: node / orders, db: db / orders, wall };
  } finally {
    await made.drop();
  }
}

const bare = await measure(false);
const promised = await measure(true);
const row = (label: string, r: typeof bare) => console.log(`${label.padEnd(28)} node ${r.node.toFixed(3)} ms/order  database ${r.db.toFixed(3)} ms/order  together ${(r.node + r.db).toFixed(3)}  (wall ${(r.wall / 1000).toFixed(1)} s)`);
row('intake, no policy', bare);
row('intake, a promise policy', promised);
console.log(`CPU per order with the policy / without: ${((promised.node + promised.db) / (bare.node + bare.db)).toFixed(2)}`);

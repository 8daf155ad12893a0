// Work orders created per second over HTTP, full intake beside a bare one-row insert, on PGlite
// and PostgreSQL, in one run. The runs take turns in short rounds, so a neighbour's load on this
// shared machine falls on both sides of each ratio alike. Prints figures and ratios; never fails a build.
// usage: tsx bench/intake/run.ts [--seconds 12] [--rounds 4] [--clients 32] [--engines pglite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/test]
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cpus } from 'node:os';
import { arg, backendCpu, backendCpuSpent, cpuMsOf, freshPostgres, postgresReachable } from '../kit.js';

const seconds = Number(arg('--seconds', '12'));
const rounds = Number(arg('--rounds', '4'));
const clients = Number(arg('--clients', '32'));
const engines = arg('--engines', 'pglite,postgres').split(',');
const pgUrl = arg('--postgres', process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

type Result = { label: string; ok: number; failed: number; perSecond: number; p50: number; p99: number; firstFailure?: string; serverCpuMs: number; dbCpuMs: number };
type Server = { base: string; authorization: string; child: ChildProcess; database?: string };

// CPU time, which a neighbour's load on this shared machine does not inflate the way it does
// wall-clock time: the server process's, and its database's backends', before and after each turn.
// Per order, it says what a quiet machine would do.
async function cpuSnapshot(server: Server): Promise<{ server: number; db: Map<number, number> }> {
  const db = server.database ? await backendCpu(pgUrl, server.database) : new Map<number, number>();
  return { server: cpuMsOf(server.child.pid!), db };
}

async function startServer(mode: string, engine: string, port: number, url?: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/intake/server.ts', mode, engine, String(port), url ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  const token = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      const ready = /ready ?(\S*)/.exec(String(d));
      if (ready) ok(ready[1] ?? '');
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, authorization: token ? `Bearer ${token}` : '', child, database: url ? new URL(url).pathname.slice(1) : undefined };
}

// Plain keep-alive http: fetch's stream machinery costs the client more CPU than the server it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(server: Server, path: string, body: unknown): Promise<{ status: number; body: { id: string } }> {
  const payload = JSON.stringify(body);
  const url = new URL(path, server.base);
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(server.authorization ? { authorization: server.authorization } : {}) };
  return new Promise((ok, fail) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        try {
          ok({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          ok({ status: res.statusCode ?? 0, body: { id: '', text } as { id: string } });
        }
      });
    });
    req.on('error', fail);
    req.end(payload);
  });
}

/** One kind of request against one server, measured over several short turns. */
type Run = { label: string; server: Server; makeBody: (i: number) => unknown; latencies: number[]; failed: number; elapsed: number; firstFailure?: string; serverCpuMs: number; dbCpuMs: number };

let seq = 0;
async function turn(run: Run, turnSeconds: number): Promise<void> {
  const before = await cpuSnapshot(run.server);
  const until = performance.now() + turnSeconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await post(run.server, '/work-orders', run.makeBody(seq++));
        run.latencies.push(performance.now() - t0);
        if (res.status !== 201) {
          run.failed += 1;
          run.firstFailure ??= `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        }
      }
    }),
  );
  run.elapsed += (performance.now() - started) / 1000;
  const after = await cpuSnapshot(run.server);
  run.serverCpuMs += after.server - before.server;
  run.dbCpuMs += backendCpuSpent(before.db, after.db);
}

function result(run: Run): Result {
  const latencies = [...run.latencies].sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  const ok = latencies.length - run.failed;
  return { label: run.label, ok, failed: run.failed, perSecond: ok / run.elapsed, p50: q(0.5), p99: q(0.99), firstFailure: run.firstFailure, serverCpuMs: run.serverCpuMs / Math.max(1, ok), dbCpuMs: run.dbCpuMs / Math.max(1, ok) };
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const db = await freshPostgres(pgUrl, 'aftercare_bench');
  try {
    return await fn(db.url);
  } finally {
    await db.drop();
  }
}

/** The bare baseline and the full intake, each on its own server and database, taking turns. */
/** Many customers, as at a real desk: orders for one customer all take a key-share lock on its row (the foreign key), and 32 at once on one row measure that lock, not intake. */
async function customersOf(app: Server): Promise<string[]> {
  const customerIds: string[] = [];
  for (let i = 0; i < 500; i++) {
    const customer = await post(app, '/customers', {
      name: `压测客户${i}`,
      phones: [{ phone: `138${String(i).padStart(8, '0')}` }],
      addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: `体育西路 ${i} 号`, isDefault: true }],
    });
    customerIds.push(customer.body.id);
  }
  return customerIds;
}

async function measure(engine: 'pglite' | 'postgres', ports: [number, number, number], urls: [string?, string?, string?] = []): Promise<Result[]> {
  const bare = await startServer('baseline', engine, ports[0], urls[0]);
  const app = await startServer('app', engine, ports[1], urls[1]);
  const withPromises = await startServer('app-promises', engine, ports[2], urls[2]);
  try {
    const customers = await customersOf(app);
    const promiseCustomers = await customersOf(withPromises);
    const order = (ids: string[], i: number, accept: boolean) => ({ kind: 'repair', customerId: ids[i % ids.length], symptom: '空调漏水', externalRef: `bench-${accept}-${i}`, accept });
    const runs: Run[] = [
      { label: `baseline ${engine}`, server: bare, makeBody: (i: number) => ({ kind: 'repair', symptom: 'drips', externalRef: `b-${i}` }) },
      { label: `intake ${engine}`, server: app, makeBody: (i: number) => order(customers, i, false) },
      { label: `intake+accept ${engine}`, server: app, makeBody: (i: number) => order(customers, i, true) },
      { label: `intake+promise ${engine}`, server: withPromises, makeBody: (i: number) => order(promiseCustomers, i, false) },
    ].map((r) => ({ ...r, latencies: [], failed: 0, elapsed: 0, serverCpuMs: 0, dbCpuMs: 0 }));
    // Warm up the JIT, the pools and the statement plans (a connection plans a statement anew for its first few runs); not counted.
    for (const r of runs) await turn(r, 3);
    for (const r of runs) Object.assign(r, { latencies: [], failed: 0, elapsed: 0, serverCpuMs: 0, dbCpuMs: 0 });
    for (let k = 0; k < rounds; k++) for (const r of runs) await turn(r, seconds / rounds);
    return runs.map(result);
  } finally {
    for (const server of [bare, app, withPromises]) server.child.kill('SIGTERM');
  }
}

const rows: Result[] = [];
if (engines.includes('pglite')) rows.push(...(await measure('pglite', [39101, 39102, 39105])));
const withPg = engines.includes('postgres') && (await postgresReachable(pgUrl));
if (withPg) rows.push(...(await withDatabase((bareUrl) => withDatabase((appUrl) => withDatabase((promisesUrl) => measure('postgres', [39103, 39104, 39106], [bareUrl, appUrl, promisesUrl]))))));

console.log(`# bench/intake — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, ${clients} clients, ${seconds} s each in ${rounds} turns`);
console.log('| run | orders/s | ok | failed | p50 ms | p99 ms | server CPU ms/order | database CPU ms/order | CPU ms/order |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const db = (r: Result) => (r.label.endsWith('postgres') ? r.dbCpuMs.toFixed(3) : '—');
for (const r of rows) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.ok} | ${r.failed} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.serverCpuMs.toFixed(3)} | ${db(r)} | ${(r.serverCpuMs + r.dbCpuMs).toFixed(3)} |`);
for (const r of rows) if (r.firstFailure) console.log(`${r.label}: first failure: ${r.firstFailure}`);
for (const engine of ['pglite', 'postgres']) {
  const bare = rows.find((r) => r.label === `baseline ${engine}`);
  for (const kind of ['intake', 'intake+accept', 'intake+promise']) {
    const app = rows.find((r) => r.label === `${kind} ${engine}`);
    if (app && bare) {
      const cpu = (r: Result) => r.serverCpuMs + r.dbCpuMs;
      console.log(`${engine}: ${kind} / baseline = ${((100 * app.perSecond) / bare.perSecond).toFixed(0)} % (target on postgres ≥ 60 %, with a promise policy ≥ 50 %), p99 ${app.p99.toFixed(1)} ms (target < 50 ms); by CPU per order (baseline's / its) ${((100 * cpu(bare)) / cpu(app)).toFixed(0)} %`);
    }
  }
}
if (engines.includes('postgres') && !withPg) console.log('postgres: not reachable, skipped');

// Work orders created per second over HTTP, full intake beside a bare one-row insert, on PGlite
// and PostgreSQL, in one run. Prints figures and ratios; never fails a build.
// usage: tsx bench/intake/run.ts [--seconds 10] [--clients 32] [--postgres postgres://postgres@127.0.0.1:5432/test]
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cpus } from 'node:os';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('--seconds', '10'));
const clients = Number(arg('--clients', '32'));
const pgUrl = arg('--postgres', process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

type Result = { label: string; ok: number; failed: number; perSecond: number; p50: number; p99: number };

let authorization = '';

async function startServer(mode: string, engine: string, port: number, url?: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/intake/server.ts', mode, engine, String(port), url ?? ''], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      const ready = /ready ?(\S*)/.exec(String(d));
      if (!ready) return;
      authorization = ready[1] ? `Bearer ${ready[1]}` : '';
      ok();
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  return child;
}

// Plain keep-alive http: fetch's stream machinery costs the client more CPU than the server it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(base: string, path: string, body: unknown): Promise<{ status: number; body: { id: string } }> {
  const payload = JSON.stringify(body);
  const url = new URL(path, base);
  return new Promise((ok, fail) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(authorization ? { authorization } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

async function load(label: string, base: string, makeBody: (i: number) => unknown): Promise<Result> {
  const latencies: number[] = [];
  let failed = 0;
  let seq = 0;
  // Warm up the JIT and the connection pool before measuring.
  await Promise.all(Array.from({ length: clients }, async () => post(base, '/work-orders', makeBody(seq++))));
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await post(base, '/work-orders', makeBody(seq++));
        latencies.push(performance.now() - t0);
        if (res.status !== 201) failed += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { label, ok: latencies.length - failed, failed, perSecond: (latencies.length - failed) / elapsed, p50: q(0.5), p99: q(0.99) };
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `aftercare_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function measure(mode: 'app' | 'baseline', engine: 'pglite' | 'postgres', port: number, url?: string): Promise<Result[]> {
  const child = await startServer(mode, engine, port, url);
  const base = `http://127.0.0.1:${port}`;
  try {
    if (mode === 'baseline') return [await load(`baseline ${engine}`, base, (i) => ({ kind: 'repair', symptom: 'drips', externalRef: `b-${i}` }))];
    // Many customers, as at a real desk: orders for one customer all take a key-share lock on
    // its row (the foreign key), and 32 at once on one row measure that lock, not intake.
    const customerIds: string[] = [];
    for (let i = 0; i < 500; i++) {
      const customer = await post(base, '/customers', {
        name: `压测客户${i}`,
        phones: [{ phone: `138${String(i).padStart(8, '0')}` }],
        addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: `体育西路 ${i} 号`, isDefault: true }],
      });
      customerIds.push(customer.body.id);
    }
    const order = (i: number, accept: boolean) => ({ kind: 'repair', customerId: customerIds[i % customerIds.length], symptom: '空调漏水', externalRef: `bench-${accept}-${i}`, accept });
    return [await load(`intake ${engine}`, base, (i) => order(i, false)), await load(`intake+accept ${engine}`, base, (i) => order(i, true))];
  } finally {
    child.kill('SIGTERM');
  }
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const rows: Result[] = [];
rows.push(...(await measure('baseline', 'pglite', 39101)));
rows.push(...(await measure('app', 'pglite', 39102)));
const withPg = await postgresReachable();
if (withPg) {
  rows.push(...(await withDatabase((url) => measure('baseline', 'postgres', 39103, url))));
  rows.push(...(await withDatabase((url) => measure('app', 'postgres', 39104, url))));
}

console.log(`# bench/intake — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, ${clients} clients, ${seconds} s each`);
console.log('| run | orders/s | ok | failed | p50 ms | p99 ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.ok} | ${r.failed} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
for (const engine of ['pglite', 'postgres']) {
  const bare = rows.find((r) => r.label === `baseline ${engine}`);
  for (const kind of ['intake', 'intake+accept']) {
    const app = rows.find((r) => r.label === `${kind} ${engine}`);
    if (app && bare) console.log(`${engine}: ${kind} / baseline = ${((100 * app.perSecond) / bare.perSecond).toFixed(0)} % (target on postgres ≥ 60 %), p99 ${app.p99.toFixed(1)} ms (target < 50 ms)`);
  }
}
if (!withPg) console.log('postgres: not reachable, skipped');

// Where the drafts' time goes, in the PostgreSQL backend's own CPU time (utime + stime of its
// process, read from /proc: the load of other work on the machine does not inflate it, unlike wall
// time). On a database bench/settlement/run.ts kept (BENCH_KEEP=1): each run forgets January's
// statements, generates every provider's draft through the settlement service on one connection,
// and prints each statement's CPU; then the hand SQL's (parallel workers off, so its CPU is all in
// the one backend too). With --explain, auto_explain's plans (with timing) of the statements
// slower than --explain-ms come back as notices and are printed. The server must be on this machine.
// usage: tsx bench/settlement/profile.ts --url postgres://postgres@127.0.0.1:5432/aftercare_bench_settlement_… [--runs 3] [--hand-runs 3] [--chunk 500 (drafts per transaction)] [--explain] [--explain-ms 200]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database.js';
import { createSettlementService } from '../../src/modules/settlement/index.js';
import { defaultHolds, defaultMeasures } from '../../src/modules/settlement/settlement.sources.js';
import { arg } from '../kit.js';
import { hand } from './hand.js';

const url = arg('--url', '');
const runs = Number(arg('--runs', '3'));
const handRuns = Number(arg('--hand-runs', String(runs)));
const chunk = Number(arg('--chunk', '500'));
const explain = process.argv.includes('--explain');
const explainMs = Number(arg('--explain-ms', '200'));
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

/** The backend's CPU so far, in ms (utime + stime are fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const load = () => loadavg()[0].toFixed(1);

async function main() {
  if (!url) throw new Error('--url of a database bench/settlement/run.ts kept (BENCH_KEEP=1)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pid = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
  const notices: string[] = [];
  client.on('notice', (n) => notices.push(n.message ?? ''));
  if (explain) {
    await client.query(`load 'auto_explain'`);
    for (const s of [`auto_explain.log_min_duration = ${explainMs}`, 'auto_explain.log_analyze = on', 'auto_explain.log_buffers = on', 'auto_explain.log_nested_statements = on', 'auto_explain.log_triggers = on', 'client_min_messages = log'])
      await client.query(`set ${s}`);
  }
  // Each query's CPU, by the first words of its text.
  const perQuery: { label: string; ms: number }[] = [];
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
    const c = args[0] as string | { text: string };
    const text = (typeof c === 'string' ? c : c.text).replace(/\s+/g, ' ').trim();
    const before = cpuMs(pid);
    const result = await query(...args);
    perQuery.push({ label: text.slice(0, 110), ms: cpuMs(pid) - before });
    return result;
  };
  const db = drizzle(client) as unknown as Db;
  const settlement = createSettlementService({
    db,
    clock: { now: () => new Date('2026-02-05T02:00:00Z') },
    audit: async () => undefined,
    measures: defaultMeasures,
    holds: defaultHolds,
    announce: async () => undefined,
    draftsPerTransaction: chunk,
    // One client, one backend: its CPU is the whole of the drafts' (and two transactions at once on one connection would be one transaction).
    transactionsAtOnce: 1,
  });

  for (let run = 1; run <= runs; run++) {
    await client.query('truncate settlement_lines, settlement_orders, settlement_held_orders, settlement_history, settlement_corrections, settlement_statements');
    await client.query('analyze settlement_lines, settlement_orders, settlement_held_orders, settlement_history, settlement_corrections, settlement_statements');
    await client.query('checkpoint');
    perQuery.length = 0;
    notices.length = 0;
    const load0 = load();
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    const all = await settlement.generateAll(system, { period: '2026-01' });
    const wall = performance.now() - t0;
    const cpu = cpuMs(pid) - cpu0;
    console.log(`\nrun ${run}: ${all.generated} drafts, ${all.orders} orders, ${all.held} held — backend CPU ${(cpu / 1000).toFixed(2)} s, wall ${(wall / 1000).toFixed(2)} s (load ${load0} → ${load()})`);
    for (const q of perQuery.filter((x) => x.ms >= 50)) console.log(`  ${String(q.ms).padStart(6)} ms  ${q.label}`);
    console.log(`  ${String(perQuery.filter((x) => x.ms < 50).reduce((s, x) => s + x.ms, 0)).padStart(6)} ms  (${perQuery.filter((x) => x.ms < 50).length} other queries)`);
    if (explain) for (const n of notices) console.log(n);
  }
  await client.query('set max_parallel_workers_per_gather = 0');
  for (let run = 1; run <= handRuns; run++) {
    const load0 = load();
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    await db.execute(hand);
    console.log(`hand SQL ${run}: backend CPU ${((cpuMs(pid) - cpu0) / 1000).toFixed(2)} s, wall ${((performance.now() - t0) / 1000).toFixed(2)} s (load ${load0} → ${load()}; no parallel workers)`);
  }
  await client.end();
}

await main();

// A month of settled orders for many providers on PostgreSQL (with parts used, old parts returned on
// time, late or never, promise outcomes, follow-ups, cash collected and fraud signals): generating
// every provider's draft statement through the settlement service (generateAll: set-based, a few
// statements per chunk of providers), beside ONE hand-written SQL
// aggregation of the same lines (fee lines and cash collected of the orders not held, and each
// measure's count per provider), in the same run. Target: drafts ≤ 2× the hand SQL and < 60 s at
// 500,000 orders × 500 providers on the 2-core machine; the process's memory stays flat (the
// month never passes through the application). Prints figures; never fails a build.
// With --ab the drafts are generated --rounds times each way, alternating, one transaction at a time
// (as before session 16) and --at-once at a time, each between two runs of the hand SQL, with the
// backends' CPU time beside the wall time (the figure a shared machine's load inflates least).
// usage: tsx bench/settlement/run.ts [--orders 500000] [--providers 500] [--chunk 500 (drafts per transaction at most)] [--at-once 2 (transactions at once)] [--ab [--rounds 2]] [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--db-prefix aftercare_bench_settlement] [--url a database kept by BENCH_KEEP=1]
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/database.js';
import { createSettlementService } from '../../src/modules/settlement/index.js';
import { defaultHolds, defaultMeasures } from '../../src/modules/settlement/settlement.sources.js';
import { arg, backendCpuMeter, freshPostgres } from '../kit.js';
import { hand } from './hand.js';
import { seedMonth } from './seed.js';

const orders = Number(arg('--orders', '500000'));
const providers = Number(arg('--providers', '500'));
const chunk = Number(arg('--chunk', '500'));
const atOnce = Number(arg('--at-once', '2'));
const ab = process.argv.includes('--ab');
const rounds = Number(arg('--rounds', '2'));
const serverUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
// A database an earlier run kept (BENCH_KEEP=1): its month is used again (its statements forgotten first), no seeding.
const keptUrl = arg('--url', '');
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const ms = (t0: number) => performance.now() - t0;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const s2 = (msValue: number | null) => (msValue === null ? '?' : `${(msValue / 1000).toFixed(2)} s`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main() {
  console.log(`# bench/settlement — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, PostgreSQL`);
  const loadAtStart = loadavg()[0].toFixed(1);
  const { url, drop } = keptUrl ? { url: keptUrl, drop: async () => undefined } : await freshPostgres(serverUrl, arg('--db-prefix', 'aftercare_bench_settlement'));
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  const meter = await backendCpuMeter(url);
  try {
    await database.migrate();
    const seedMs = keptUrl ? 0 : await seedMonth(database, { orders, providers });
    const [{ version }] = rowsOf<{ version: string }>(await database.db.execute(sql`select current_setting('server_version') as version`));
    console.log(`PostgreSQL ${version}; ${keptUrl ? 'the kept month' : `${orders.toLocaleString('en')} orders in January 2026 for ${providers} providers; seeded in ${(seedMs / 1000).toFixed(1)} s`}`);

    // Wall and backend CPU of one piece of work.
    const timed = async <T>(work: () => Promise<T>) => {
      await meter.start();
      const t = performance.now();
      const value = await work();
      return { value, ms: ms(t), cpu: await meter.stop() };
    };
    const handOnce = () => timed(async () => rowsOf<Record<string, string>>(await database.db.execute(hand)));
    /** Every provider's draft of January, from no statement at all, this many transactions at once. */
    const draftsOnce = async (transactionsAtOnce: number) => {
      await database.db.execute(sql`truncate settlement_lines, settlement_orders, settlement_held_orders, settlement_history, settlement_corrections, settlement_statements`);
      await database.db.execute(sql`analyze settlement_lines, settlement_orders, settlement_held_orders, settlement_history, settlement_corrections, settlement_statements`);
      const settlement = createSettlementService({
        db: database.db,
        clock: { now: () => new Date('2026-02-05T02:00:00Z') },
        audit: async () => undefined,
        measures: defaultMeasures,
        holds: defaultHolds,
        announce: async () => undefined,
        draftsPerTransaction: chunk,
        transactionsAtOnce,
      });
      const rssStart = process.memoryUsage().rss;
      let rssPeak = rssStart;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
      const run = await timed(() => settlement.generateAll(system, { period: '2026-01' }));
      clearInterval(sampler);
      return { ...run, rssStart, rssPeak: Math.max(rssPeak, process.memoryUsage().rss) };
    };
    /** The same lines? Orders claimed, fee and cash amounts, rule lines. */
    const check = async (byHand: Record<string, string>[]) => {
      const [ours] = rowsOf<Record<string, string>>(
        await database.db.execute(sql`select (select sum(order_count) from settlement_statements) as settled,
          (select sum(amount_fen) from settlement_lines where kind = 'fee') as fee_fen, (select sum(amount_fen) from settlement_lines where kind = 'collected') as cash_fen,
          (select count(*) from settlement_lines where kind = 'rule') as rule_lines`),
      );
      const sum = (k: string) => byHand.reduce((s, r) => s + Number(r[k]), 0);
      const same = Number(ours.settled) === sum('settled') && Number(ours.fee_fen) === sum('fee_fen') && Number(ours.cash_fen) === sum('cash_fen');
      return `${same ? 'same lines' : 'LINES DIFFER'}: orders ours ${ours.settled} / hand ${sum('settled')}; fees ours ${ours.fee_fen} / hand ${sum('fee_fen')} fen; cash ours ${ours.cash_fen} / hand ${sum('cash_fen')} fen; ${ours.rule_lines} rule lines`;
    };

    // The hand SQL runs before the drafts and again after; each ratio is taken against the faster of the two.
    const plan = ab ? Array.from({ length: rounds }, () => [1, atOnce]).flat() : [atOnce];
    let before = await handOnce();
    const byHand = before.value;
    const rows: string[] = [];
    for (const n of plan) {
      const load0 = load();
      const drafts = await draftsOnce(n);
      const after = await handOnce();
      const handMs = Math.min(before.ms, after.ms);
      console.log(await check(byHand));
      const line = `${String(n).padStart(2)} at once: ${drafts.value.generated} drafts ${s2(drafts.ms)} (backend CPU ${s2(drafts.cpu)})   hand SQL ${s2(before.ms)} / ${s2(after.ms)} (CPU ${s2(before.cpu)} / ${s2(after.cpu)})   ratio ${(drafts.ms / handMs).toFixed(2)}   load ${load0} → ${load()}   rss ${mb(drafts.rssStart)} → ${mb(drafts.rssPeak)}`;
      console.log(line);
      rows.push(line);
      before = after;
    }
    console.log(`\n${chunk} drafts per transaction at most; ratio = all drafts / the faster adjacent hand SQL (target ≤ 2, and < 60 s)`);
    for (const r of rows) console.log(r);
    console.log(`load average (1 min) ${loadAtStart} at the start, ${loadavg()[0].toFixed(1)} at the end`);
  } finally {
    await meter.close();
    await database.close();
    if (!process.env.BENCH_KEEP) await drop(); else console.log(`kept ${url}`);
  }
}

await main();

// kill -9 under load, on PostgreSQL and on PGlite: 16 clients send intakes and plan-applies to the
// real server, which is killed with SIGKILL mid-load and started again on the same database.
// Prints, per round, what was acknowledged and what of it was lost or stored twice; exits 1 when
// anything acknowledged was lost, duplicated or half applied, or the queue did not resume.
// usage: tsx bench/durability/run.ts [--rounds 3] [--seconds 10] [--clients 16] [--engines pglite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/test]
import { arg, postgresReachable } from '../kit.js';
import { cpus } from 'node:os';
import { durabilityRound, type Engine, type RoundResult } from './durability.js';

const rounds = Number(arg('--rounds', '3'));
const seconds = Number(arg('--seconds', '10'));
const clients = Number(arg('--clients', '16'));
const engines = arg('--engines', 'pglite,postgres').split(',') as Engine[];
const pgUrl = arg('--postgres', process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

console.log(`# bench/durability — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}, ${clients} clients, ≥ ${seconds} s of load per round, SIGKILL, restart`);
const results: (RoundResult & { round: number })[] = [];
for (const engine of engines) {
  if (engine === 'postgres' && !(await postgresReachable(pgUrl))) {
    console.log('postgres: not reachable, skipped');
    continue;
  }
  for (let round = 1; round <= rounds; round++) {
    const r = await durabilityRound({ engine, loadSeconds: seconds, clients, pgUrl, log: (line) => console.log(`  ${line}`) });
    results.push({ ...r, round });
    console.log(`${engine} round ${round}: acknowledged ${r.acknowledged} / lost ${r.lost} / duplicated ${r.duplicated} (in flight at the kill ${r.inFlightAtKill}, of them plan-applies ${r.appliesInFlightAtKill}); plan-applies acknowledged ${r.appliesAcknowledged} / lost ${r.appliesLost} / half-applied ${r.halfApplied}; queue: ${r.queueNote}; served after restart: ${r.servedAfterRestart ? 'yes' : 'NO'}`);
  }
}

console.log('\n| engine | round | intakes acknowledged | lost | duplicated | in flight at kill | applies in flight at kill | applies acknowledged | applies lost | half-applied plans | queue resumed |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of results) console.log(`| ${r.engine} | ${r.round} | ${r.acknowledged} | ${r.lost} | ${r.duplicated} | ${r.inFlightAtKill} | ${r.appliesInFlightAtKill} | ${r.appliesAcknowledged} | ${r.appliesLost} | ${r.halfApplied} | ${r.queueResumed ? 'yes' : r.queueNote} |`);
const bad = results.filter((r) => r.lost || r.duplicated || r.appliesLost || r.halfApplied || !r.queueResumed || !r.servedAfterRestart);
if (bad.length) {
  console.log(`${bad.length} of ${results.length} rounds failed`);
  process.exitCode = 1;
}

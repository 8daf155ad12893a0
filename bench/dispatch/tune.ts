// Quick look at a few instances while tuning: npx tsx bench/dispatch/tune.ts SET BUDGET OBJECTIVE NAME...
// BUDGET is seconds ("10") or a fixed iteration count ("100000it"), which compares variants
// fairly on a shared machine. SEED=N in the environment picks the seed (default 1).
// e.g. npx tsx bench/dispatch/tune.ts solomon 100000it hierarchical R202 RC202
import { readFileSync } from 'node:fs';
import { parseSolomon } from '../../src/modules/dispatch/solver/formats.js';
import { solve } from '../../src/modules/dispatch/solver/solve.js';
import { checkSolution } from '../../src/modules/dispatch/solver/checker.js';
const DIR = process.env.VRPTW_DIR ?? '/work/shared/bench/vrptw';
const bks = JSON.parse(readFileSync(`${DIR}/bks.json`, 'utf8'));
const [set, budget, obj, ...names] = process.argv.slice(2);
const limit = budget.endsWith('it') ? { iterations: Number(budget.slice(0, -2)) } : { timeLimitMs: Number(budget) * 1000 };
let tot = 0;
let cnt = 0;
for (const name of names) {
  const p = parseSolomon(readFileSync(`${DIR}/${set}/${name}.txt`, 'utf8'));
  const s = solve(p, { ...limit, objective: obj as any, seed: Number(process.env.SEED ?? 1) });
  const c = checkSolution(p, s);
  const b = bks[name];
  let bd = b.distance, bv = b.vehicles;
  if (obj === 'travel') { const a = (b.alternatives ?? []).find((x: any) => x.objective === 'distance-only' && x.convention.includes('double')); if (a) { bd = a.distance; bv = a.vehicles; } }
  const gap = 100 * (c.distance - bd) / bd;
  // As in run.ts: hierarchical gaps count only where the vehicle count equals the best known.
  if (obj === 'travel' || c.vehicles === bv) {
    tot += gap;
    cnt++;
  }
  console.log(name, c.ok, c.vehicles, bv, c.distance.toFixed(2), bd, gap.toFixed(2) + '%', s.summary.iterations);
}
console.log(`mean gap ${(tot / Math.max(1, cnt)).toFixed(2)}% over ${cnt} of ${names.length}`);

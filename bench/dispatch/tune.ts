// Quick look at a few instances while tuning: npx tsx bench/dispatch/tune.ts SET SECONDS OBJECTIVE NAME...
// e.g. npx tsx bench/dispatch/tune.ts solomon 10 hierarchical C206 RC202
import { readFileSync } from 'node:fs';
import { parseSolomon } from '../../src/modules/dispatch/solver/formats.js';
import { solve } from '../../src/modules/dispatch/solver/solve.js';
import { checkSolution } from '../../src/modules/dispatch/solver/checker.js';
const DIR = process.env.VRPTW_DIR ?? '/work/shared/bench/vrptw';
const bks = JSON.parse(readFileSync(`${DIR}/bks.json`, 'utf8'));
const [set, lim, obj, ...names] = process.argv.slice(2);
let tot = 0;
for (const name of names) {
  const p = parseSolomon(readFileSync(`${DIR}/${set}/${name}.txt`, 'utf8'));
  const s = solve(p, { timeLimitMs: Number(lim) * 1000, objective: obj as any, seed: 1 });
  const c = checkSolution(p, s);
  const b = bks[name];
  let bd = b.distance, bv = b.vehicles;
  if (obj === 'travel') { const a = (b.alternatives ?? []).find((x: any) => x.objective === 'distance-only' && x.convention.includes('double')); if (a) { bd = a.distance; bv = a.vehicles; } }
  const gap = 100 * (c.distance - bd) / bd;
  tot += gap;
  console.log(name, c.ok, c.vehicles, bv, c.distance.toFixed(2), bd, gap.toFixed(2) + '%', s.summary.iterations);
}
console.log('mean gap', (tot / names.length).toFixed(2));

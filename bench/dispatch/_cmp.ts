import { readFileSync } from 'node:fs';
import { parseSolomon } from '../../src/modules/dispatch/solver/formats.js';
import { solve } from '../../src/modules/dispatch/solver/solve.js';
import { checkSolution } from '../../src/modules/dispatch/solver/checker.js';
const DIR = '/work/shared/bench/vrptw';
const bks = JSON.parse(readFileSync(`${DIR}/bks.json`, 'utf8'));
const [set, budget, obj, ...names] = process.argv.slice(2);
let tot = 0, cnt = 0; const out: string[] = [];
const t0 = Date.now();
for (const name of names) {
  const p = parseSolomon(readFileSync(`${DIR}/${set}/${name}.txt`, 'utf8'));
  const b0 = budget.endsWith('s') ? { timeLimitMs: Number(budget.slice(0, -1)) * 1000 } : { iterations: Number(budget) };
  const s = solve(p, { ...b0, objective: obj as any, seed: Number(process.env.SEED ?? 1) });
  const c = checkSolution(p, s);
  const b = bks[name];
  let bd = b.distance, bv = b.vehicles;
  if (obj === 'travel') { const a = (b.alternatives ?? []).find((x: any) => x.objective === 'distance-only' && x.convention.includes('double')); if (a) { bd = a.distance; bv = a.vehicles; } }
  const gap = 100 * (c.distance - bd) / bd;
  if (obj === 'travel' || c.vehicles === bv) { tot += gap; cnt++; }
  out.push(`${name} ${c.ok ? '' : 'INVALID'} ${c.vehicles}/${bv} ${gap.toFixed(2)}% ${s.summary.iterations}`);
}
console.log(`${process.env.STUNE ?? 'base'} mean ${(tot / cnt).toFixed(2)}% (${cnt}) ${((Date.now() - t0) / 1000).toFixed(0)}s | ${out.join(' | ')}`);

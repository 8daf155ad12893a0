// Field-service days (over-subscribed, priorities, skills, lunch breaks, one or two windows)
// against VROOM 1.14 -x 1 and -x 5, each instance given VROOM -x 1's CPU seconds (at least 1 s).
// Every plan is checked by the project's checker and by the independent check.py.
// npx tsx bench/fieldservice/run.ts [--seeds 1,2,3] [--filter t40] [--scale 1] [--dir DIR]
//   [--generated N] [--gen-seed S] [--wall] [--iters-per-s N] [--tune KEY=VALUE,...] [--ab KEY=VALUE,...]
// --tune: set search switches (TUNE in search.ts) for the whole run; --ab: run each instance and seed
// twice, first with these settings (the baseline, column "ab" = A), then without (B), side by side.
// --iters-per-s N: a fixed number of iterations (budget seconds × N) instead of a time budget:
// the same plan whatever the machine's load, for comparing search changes that do not change speed.
// --generated N: N days from ./generate.ts instead of the shared ones (no VROOM figures; for tuning).
// The budget is measured in this process's CPU time (user + system, process.cpuUsage) unless
// --wall: the machine is shared, and CPU time is what VROOM's figures are in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { checkSolution } from '../../src/modules/dispatch/solver/checker.js';
import { buildModel } from '../../src/modules/dispatch/solver/model.js';
import { buildSolution } from '../../src/modules/dispatch/solver/output.js';
import { createRng } from '../../src/modules/dispatch/solver/rng.js';
import { search, TUNE } from '../../src/modules/dispatch/solver/search.js';
import type { Solution, VroomProblem } from '../../src/modules/dispatch/solver/types.js';
import { generateDay } from './generate.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const DIR = opt('--dir') ?? join(import.meta.dirname, '../../../shared/bench/fieldservice');
const seeds = (opt('--seeds') ?? '1').split(',').map(Number);
const filter = opt('--filter');
const scale = Number(opt('--scale') ?? 1);
const wall = args.includes('--wall');
const generated = opt('--generated') ? Number(opt('--generated')) : 0;
const genSeed = Number(opt('--gen-seed') ?? 1000);
const itersPerS = opt('--iters-per-s') ? Number(opt('--iters-per-s')) : 0;
const settings = (spec: string | undefined) =>
  (spec ? spec.split(',') : []).map((kv) => {
    const [k, v] = kv.split('=');
    if (!(k in TUNE)) throw new Error(`--tune/--ab: no switch ${k}`);
    return [k, v === 'true' ? true : v === 'false' ? false : Number(v)] as const;
  });
const apply = (kvs: readonly (readonly [string, boolean | number])[]) => {
  for (const [k, v] of kvs) (TUNE as Record<string, unknown>)[k] = v;
};
apply(settings(opt('--tune')));
const abSettings = settings(opt('--ab'));
const abDefaults = abSettings.map(([k]) => [k, (TUNE as Record<string, boolean | number>)[k]] as const);
const variants = abSettings.length ? ['A', 'B'] : [''];

interface Ref { priority: number; assigned: number; travel: number; cpu: number }
const vroom = new Map<string, { x1: Ref; x5: Ref }>();
if (!generated) {
  const lines = readFileSync(join(DIR, 'vroom.csv'), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const col = (row: string[], name: string) => row[head.indexOf(name)];
  for (const line of lines.slice(1)) {
    const row = line.split(',');
    const ref: Ref = { priority: Number(col(row, 'priority_sum')), assigned: Number(col(row, 'assigned')), travel: Number(col(row, 'travel_s')), cpu: Number(col(row, 'cpu_s')) };
    const e = vroom.get(col(row, 'instance')) ?? ({} as { x1: Ref; x5: Ref });
    if (col(row, 'explore') === '1') e.x1 = ref;
    else e.x5 = ref;
    vroom.set(col(row, 'instance'), e);
  }
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// process.cpuUsage is a system call, and the search reads the clock every iteration (measured: 12 %
// of a 60 × 500 run's samples). Between readings at most 2 ms of wall time apart, the CPU time is
// estimated as the last reading plus the wall time since: about the CPU time actually
// used, and no less while the search is the only busy thread; "used s" is read exactly.
let lastCpu = -Infinity;
let lastWall = -Infinity;
const cpuMs = () => {
  const w = performance.now();
  if (w - lastWall >= 2) {
    lastCpu = cpuNow();
    lastWall = w;
    return lastCpu;
  }
  return lastCpu + (w - lastWall);
};
const clock = wall ? () => performance.now() : cpuMs;
const exactClock = wall ? () => performance.now() : cpuNow; // for the "used s" column

/** solve() with the budget on `clock` (solve's own limit is wall time). */
function solveOn(problem: VroomProblem, budgetMs: number, seed: number): Solution {
  const t0 = clock();
  const w0 = performance.now();
  const md = buildModel(problem);
  const w1 = performance.now();
  const budget = itersPerS > 0 ? { iterations: Math.round((budgetMs / 1000) * itersPerS) } : { deadline: t0 + budgetMs };
  const res = search(md, { hierarchical: false, ...budget, now: clock }, createRng(seed));
  return buildSolution(md, problem, res.sol, res.excluded, res.fixedFailed, { loading: w1 - w0, solving: performance.now() - w1 }, res.iterations);
}

/** -1 when a is worse than b under priority, then travel; 0 equal; 1 better. */
function verdict(p: number, t: number, ref: Ref): string {
  if (p !== ref.priority) return p > ref.priority ? `+${p - ref.priority} prio` : `${p - ref.priority} prio`;
  const d = ((t - ref.travel) / ref.travel) * 100;
  return `= prio ${d >= 0 ? '+' : ''}${d.toFixed(1)} % travel`;
}
const better = (p: number, t: number, ref: Ref) => p > ref.priority || (p === ref.priority && t <= ref.travel);

const tmp = mkdtempSync(join(os.tmpdir(), 'fieldservice-'));
const instances: { name: string; problem: VroomProblem; path: string }[] = [];
if (generated) {
  for (let g = 0; g < generated; g++) {
    const sizes = [[20, 150], [40, 300], [60, 500]] as const;
    const [T, J] = sizes[g % sizes.length];
    const tight = g % 2 === 1;
    const s = genSeed + g;
    const name = `gen_t${T}_j${J}_s${s}${tight ? '_tight' : ''}`;
    if (filter && !name.includes(filter)) continue;
    const problem = generateDay({ technicians: T, jobs: J, seed: s, tight });
    const path = join(tmp, `${name}.json`);
    writeFileSync(path, JSON.stringify(problem));
    instances.push({ name, problem, path });
  }
} else {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json.gz')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const f of files) {
    const name = f.replace(/\.json\.gz$/, '');
    if (filter && !name.includes(filter)) continue;
    instances.push({ name, problem: JSON.parse(gunzipSync(readFileSync(join(DIR, f))).toString('utf8')), path: join(DIR, f) });
  }
}

console.log(`budget: ${wall ? 'wall' : 'CPU'} time = max(1 s, VROOM -x 1 CPU s)${scale !== 1 ? ` × ${scale}` : ''}; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${os.cpus().length} cores`);
console.log('| instance | seed | budget s | used s | iters | priority | jobs | travel s | insertable | swappable | checks | vs -x 1 | vs -x 5 |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const newTotals = () => ({ prio: 0, jobs: 0, travel: 0, used: 0, insertable: 0, swappable: 0, failed: 0, geX1: 0, geX5: 0, prioGeX1: 0, prioGeX5: 0, runs: 0 });
const allTotals = new Map(variants.map((x) => [x, newTotals()]));
for (const inst of instances) {
  const ref = vroom.get(inst.name);
  const budgetS = Math.max(1, ref?.x1.cpu ?? 1) * scale;
  for (const seed of seeds) for (const variant of variants) {
    if (variant) apply(variant === 'A' ? abSettings : abDefaults);
    const totals = allTotals.get(variant)!;
    const c0 = exactClock();
    const sol = solveOn(inst.problem, budgetS * 1000, seed);
    const usedS = (exactClock() - c0) / 1000;
    const own = checkSolution(inst.problem, sol);
    const solPath = join(tmp, `${inst.name}.${seed}.sol.json`);
    writeFileSync(solPath, JSON.stringify(sol));
    let py: { feasible: boolean; priority_sum: number; assigned: number; travel_s: number; insertable_unassigned: number; swappable_unassigned: number };
    try {
      py = JSON.parse(execFileSync('python3', [join(DIR, 'check.py'), inst.path, solPath, '--insertion', '--swap'], { encoding: 'utf8' }));
    } catch (e) {
      py = JSON.parse((e as { stdout: string }).stdout);
    }
    const ok = own.ok && py.feasible;
    const p = py.priority_sum;
    const t = py.travel_s;
    totals.runs++;
    totals.used += usedS;
    totals.prio += p;
    totals.jobs += py.assigned;
    totals.travel += t;
    totals.insertable += py.insertable_unassigned;
    totals.swappable += py.swappable_unassigned;
    if (!ok) totals.failed++;
    if (ref) {
      if (better(p, t, ref.x1)) totals.geX1++;
      if (better(p, t, ref.x5)) totals.geX5++;
      if (p >= ref.x1.priority) totals.prioGeX1++;
      if (p >= ref.x5.priority) totals.prioGeX5++;
    }
    if (args.includes('--verbose') && (py.insertable_unassigned > 0 || py.swappable_unassigned > 0))
      console.log(JSON.stringify({ insertable: (py as { insertable_examples?: unknown }).insertable_examples, swappable: (py as { swappable_examples?: unknown }).swappable_examples, solution: solPath }));
    const checks = ok ? 'ok' : `FAIL ${own.errors.slice(0, 2).join('; ')}`;
    console.log(
      `| ${inst.name} | ${seed}${variant ? ` ${variant}` : ''} | ${budgetS.toFixed(2)} | ${usedS.toFixed(2)} | ${sol.summary.iterations ?? 0} | ${p} | ${py.assigned} | ${t} | ${py.insertable_unassigned} | ${py.swappable_unassigned} | ${checks} | ${ref ? verdict(p, t, ref.x1) : '—'} | ${ref ? verdict(p, t, ref.x5) : '—'} |`,
    );
  }
}
for (const [variant, totals] of allTotals) console.log(
  `| **total**${variant ? ` ${variant}` : ''} (${totals.runs} runs) | | | ${totals.used.toFixed(2)} | | ${totals.prio} | ${totals.jobs} | ${totals.travel} | ${totals.insertable} | ${totals.swappable} | ${totals.failed === 0 ? 'all ok' : `${totals.failed} FAIL`} | ${vroom.size ? `≥ on ${totals.geX1}, prio ≥ on ${totals.prioGeX1}` : '—'} | ${vroom.size ? `≥ on ${totals.geX5}, prio ≥ on ${totals.prioGeX5}` : '—'} |`,
);
console.log(`load after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

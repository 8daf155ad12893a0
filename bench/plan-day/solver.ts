// The plan-the-day problem through the solver alone, on a saved copy (`run.ts --save-problem FILE`),
// one thread, travel objective as the service plans it. With `--solvers A,B` each round runs every
// solver folder (e.g. a copy of the old code, and src/modules/dispatch/solver) once per budget,
// one after the other and alternating, each in a process of its own, so that old and new see the
// same load on a shared machine. Prints one line per run and the means per (solver, budget).
// usage: npx tsx bench/plan-day/solver.ts FILE [--seconds 10,30] [--rounds 1] [--seed 1]
//                                         [--solvers DIR[,DIR…]] (default: this tree's solver)
// A single run (what the rounds call): … FILE --one DIR --seconds S  → one JSON line
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Solution, SolveOptions, VroomProblem } from '../../src/modules/dispatch/solver/types.js';
import { arg } from '../kit.js';

const file = process.argv[2];
if (!file || file.startsWith('--')) throw new Error('usage: solver.ts FILE [--seconds 10,30] [--rounds N] [--solvers DIR,…]');
const seed = Number(arg('--seed', '1'));
const here = fileURLToPath(new URL('.', import.meta.url));
const ownSolver = resolve(here, '../../src/modules/dispatch/solver');

interface Run { solver: string; seconds: number; planned: number; priority: number; travelH: number; iterations: number; firstSearchS: number; loadingS: number; wallS: number; load: number }

async function one(dir: string, seconds: number): Promise<Run> {
  const mod = (await import(pathToFileURL(resolve(dir, 'solve.ts')).href)) as { solve: (p: VroomProblem, o: SolveOptions) => Solution };
  const problem = JSON.parse(readFileSync(file, 'utf8')) as VroomProblem;
  let first = -1;
  const t0 = performance.now();
  // Every new best is reported (progressEveryMs 0): the first report is the search's start.
  const sol = mod.solve(problem, {
    objective: 'travel', timeLimitMs: seconds * 1000, iterations: 10_000_000, seed, progressEveryMs: 0,
    onProgress: (p) => {
      if (first < 0) first = p.elapsedMs;
    },
  });
  const wall = performance.now() - t0;
  const planned = sol.routes.reduce((a, r) => a + r.steps.filter((s) => s.type === 'job').length, 0);
  return {
    solver: dir, seconds, planned, priority: sol.summary.priority ?? 0, travelH: sol.summary.duration / 3600,
    iterations: sol.summary.iterations ?? 0, firstSearchS: first / 1000, loadingS: sol.summary.computing_times.loading / 1000, wallS: wall / 1000, load: loadavg()[0],
  };
}

const oneDir = arg('--one', '');
if (oneDir) {
  process.stdout.write(`${JSON.stringify(await one(oneDir, Number(arg('--seconds', '10'))))}\n`);
} else {
  const budgets = arg('--seconds', '10,30').split(',').map(Number);
  const rounds = Number(arg('--rounds', '1'));
  const solvers = arg('--solvers', ownSolver).split(',').map((d) => resolve(d));
  const runs: Run[] = [];
  for (let k = 0; k < rounds; k++)
    for (const seconds of budgets) {
      // Alternate which solver goes first, so neither always meets the same moment of load.
      const order = k % 2 === 0 ? solvers : [...solvers].reverse();
      for (const dir of order) {
        const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), file, '--one', dir, '--seconds', String(seconds), '--seed', String(seed)], { encoding: 'utf8', maxBuffer: 1 << 24 });
        const r = JSON.parse(out.trim().split('\n').pop()!) as Run;
        runs.push(r);
        process.stdout.write(
          `round ${k + 1} ${String(seconds).padStart(3)} s ${dir.padEnd(48)} planned ${r.planned} priority ${r.priority} travel ${r.travelH.toFixed(1)} h, ` +
            `${r.iterations} iterations (${(r.iterations / Math.max(0.001, r.seconds - r.firstSearchS)).toFixed(0)}/s), search from ${r.firstSearchS.toFixed(2)} s (model ${r.loadingS.toFixed(2)} s), wall ${r.wallS.toFixed(1)} s, load ${r.load.toFixed(1)}\n`,
        );
      }
    }
  process.stdout.write('\nmeans per solver and budget:\n');
  for (const dir of solvers)
    for (const seconds of budgets) {
      const rs = runs.filter((r) => r.solver === dir && r.seconds === seconds);
      const mean = (f: (r: Run) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
      process.stdout.write(
        `${String(seconds).padStart(3)} s ${dir.padEnd(48)} planned ${mean((r) => r.planned).toFixed(1)} (${rs.map((r) => r.planned).join('/')}), travel ${mean((r) => r.travelH).toFixed(1)} h (${rs.map((r) => r.travelH.toFixed(1)).join('/')}), ` +
          `${mean((r) => r.iterations).toFixed(0)} iterations, search from ${mean((r) => r.firstSearchS).toFixed(2)} s, load ${mean((r) => r.load).toFixed(1)}\n`,
      );
    }
}

// Several independent seeds side by side in worker threads; the best plan wins.
import { Worker } from 'node:worker_threads';
import { compareSolutions, solve } from './solver/solve.js';
import type { Solution, SolveOptions, VroomProblem } from './solver/types.js';

// Workers do not inherit tsx's loader, so the worker registers it before importing the solver
// when we run from TypeScript sources.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const { solve } = await import(workerData.solver);
  parentPort.postMessage(solve(workerData.problem, workerData.options));
})().catch((e) => { throw e; });
`;

export async function solveInThreads(problem: VroomProblem, options: SolveOptions): Promise<Solution> {
  const threads = Math.max(1, options.threads ?? 1);
  if (threads === 1) return solve(problem, options);
  const seed = options.seed ?? 1;
  const fromTs = import.meta.url.endsWith('.ts');
  const solver = new URL(fromTs ? './solver/solve.ts' : './solver/solve.js', import.meta.url).href;
  const tsx = fromTs ? import.meta.resolve('tsx/esm/api') : undefined;
  const runs = Array.from({ length: threads }, (_, k) =>
    new Promise<Solution>((resolve, reject) => {
      const w = new Worker(WORKER, {
        eval: true,
        workerData: { problem, options: { ...options, threads: 1, seed: seed + k * 7919 }, solver, tsx },
      });
      w.once('message', (s: Solution) => resolve(s));
      w.once('error', reject);
      w.once('exit', (code) => code !== 0 && reject(new Error(`solver worker exited with ${code}`)));
    }),
  );
  const sols = await Promise.all(runs);
  const hierarchical = (options.objective ?? 'hierarchical') === 'hierarchical';
  return sols.reduce((a, b) => (compareSolutions(b, a, problem, hierarchical) < 0 ? b : a));
}

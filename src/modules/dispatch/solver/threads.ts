// Several independent seeds side by side in worker threads; the best plan wins.
import { Worker } from 'node:worker_threads';
import { compareSolutions, solve } from './solve.js';
import type { Solution, SolveOptions, VroomProblem } from './types.js';

export async function solveInThreads(problem: VroomProblem, options: SolveOptions): Promise<Solution> {
  const threads = Math.max(1, options.threads ?? 1);
  if (threads === 1) return solve(problem, options);
  const seed = options.seed ?? 1;
  const url = new URL('./solve.worker.ts', import.meta.url);
  const runs = Array.from({ length: threads }, (_, k) =>
    new Promise<Solution>((resolve, reject) => {
      const w = new Worker(url, {
        workerData: { problem, options: { ...options, threads: 1, seed: seed + k * 7919 } },
        execArgv: ['--import', 'tsx'],
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

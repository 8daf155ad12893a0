// Several independent seeds side by side in worker threads; the best plan wins.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compareSolutions, solve } from './solver/solve.js';
import type { Solution, SolveOptions, SolveProgress, VroomProblem } from './solver/types.js';

// Workers do not inherit tsx's loader, so the worker registers it before importing the solver
// when we run from TypeScript sources. The solve is synchronous, so a worker cannot hear a
// message while it runs: "stop" is a flag in shared memory it reads at every iteration, and
// progress is posted from inside the search.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const { solve } = await import(workerData.solver);
  const stop = new Int32Array(workerData.stop);
  const options = {
    ...workerData.options,
    signal: { get aborted() { return Atomics.load(stop, 0) === 1; } },
    onProgress: workerData.progress ? (p) => parentPort.postMessage({ progress: p }) : undefined,
  };
  // The time limit counts from the caller's call: starting the worker and loading the solver
  // (seconds on a busy machine) come out of it.
  if (options.timeLimitMs !== undefined) options.timeLimitMs = Math.max(0, options.timeLimitMs - (Date.now() - workerData.calledAt));
  parentPort.postMessage({ solution: solve(workerData.problem, options) });
})().catch((e) => { throw e; });
`;

/** tsx's ESM API; vitest has no import.meta.resolve, and require.resolve finds the CommonJS twin. */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}

/** Lower is better: more priority planned, then more jobs, then (hierarchical) fewer routes, then less cost. */
function progressOrder(a: SolveProgress, b: SolveProgress, hierarchical: boolean): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.jobs !== b.jobs) return b.jobs - a.jobs;
  if (hierarchical && a.routes !== b.routes) return a.routes - b.routes;
  return a.travel + a.lateness - (b.travel + b.lateness);
}

/**
 * `onProgress` hears the best plan so far of all threads; `signal` stops them all, each
 * returning its best plan so far. With either, even one thread runs in a worker.
 */
export async function solveInThreads(problem: VroomProblem, options: SolveOptions): Promise<Solution> {
  const threads = Math.max(1, options.threads ?? 1);
  // One thread runs in place, unless someone wants to hear from it or stop it while it runs:
  // in place, the search would hold this thread until it ends.
  if (threads === 1 && !options.onProgress && !options.signal) return solve(problem, options);
  const { onProgress, signal, ...plain } = options;
  const seed = options.seed ?? 1;
  const hierarchical = (options.objective ?? 'hierarchical') === 'hierarchical';
  const fromTs = import.meta.url.endsWith('.ts');
  const solver = new URL(fromTs ? './solver/solve.ts' : './solver/solve.js', import.meta.url).href;
  const tsx = fromTs ? tsxApi() : undefined;
  const calledAt = Date.now();
  const stopBuffer = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopBuffer);
  const raise = () => Atomics.store(stop, 0, 1);
  let timer: ReturnType<typeof setInterval> | undefined;
  if (signal) {
    // An AbortSignal tells us; any other { aborted } is looked at now and then.
    if (signal instanceof AbortSignal) signal.addEventListener('abort', raise, { once: true });
    else timer = setInterval(() => signal.aborted && raise(), 100);
    if (signal.aborted) raise();
  }
  let best: SolveProgress | undefined;
  const heard = (p: SolveProgress) => {
    if (best && progressOrder(p, best, hierarchical) >= 0) return;
    best = p;
    onProgress!(p);
  };
  const runs = Array.from({ length: threads }, (_, k) =>
    new Promise<Solution>((resolve, reject) => {
      const w = new Worker(WORKER, {
        eval: true,
        workerData: { problem, options: { ...plain, threads: 1, seed: seed + k * 7919 }, solver, tsx, stop: stopBuffer, progress: !!onProgress, calledAt },
      });
      w.on('message', (m: { progress?: SolveProgress; solution?: Solution }) => {
        if (m.progress) heard(m.progress);
        if (m.solution) resolve(m.solution);
      });
      w.once('error', reject);
      w.once('exit', (code) => code !== 0 && reject(new Error(`solver worker exited with ${code}`)));
    }),
  );
  try {
    const sols = await Promise.all(runs);
    return sols.reduce((a, b) => (compareSolutions(b, a, problem, hierarchical) < 0 ? b : a));
  } finally {
    if (timer) clearInterval(timer);
    if (signal instanceof AbortSignal) signal.removeEventListener('abort', raise);
  }
}

// Entry points of the solver library.
import { buildModel, type Model } from './model.js';
import { buildSolution } from './output.js';
import { createRng } from './rng.js';
import { search, solCost, usedRoutes, type Sol } from './search.js';
import type { Solution, SolveOptions, SolveProgress, VroomProblem } from './types.js';

export const DEFAULT_ITERATIONS = 20_000;

/** Plan in this thread. Deterministic for a given seed when `iterations` bounds the search. */
export function solve(problem: VroomProblem, options: SolveOptions = {}): Solution {
  const t0 = performance.now();
  const md = buildModel(problem);
  const t1 = performance.now();
  const hierarchical = (options.objective ?? 'hierarchical') === 'hierarchical';
  const timeLimitMs = options.timeLimitMs;
  const iterations = options.iterations ?? (timeLimitMs === undefined ? DEFAULT_ITERATIONS : undefined);
  const watch = watcher(md, options, t0, hierarchical);
  const res = search(
    md,
    {
      hierarchical,
      iterations,
      deadline: timeLimitMs === undefined ? undefined : t0 + timeLimitMs,
      now: watch.now,
      onBest: watch.onBest,
      reserveFrom: t0,
    },
    createRng(options.seed ?? 1),
  );
  watch.flush(res.sol);
  const t2 = performance.now();
  return buildSolution(md, problem, res.sol, res.excluded, res.fixedFailed, { loading: t1 - t0, solving: t2 - t1 }, res.iterations);
}

/** Lower is better: unplanned priority first, then vehicles (hierarchical), then cost. */
export function compareSolutions(a: Solution, b: Solution, problem: VroomProblem, hierarchical: boolean): number {
  const n = problem.jobs?.length ?? 0;
  const weight = (s: Solution) => {
    const prio = new Map((problem.jobs ?? []).map((j) => [j.id, j.priority ?? 0]));
    return s.unassigned.reduce((acc, u) => acc + (prio.get(u.id) ?? 0) * (n + 1) + 1, 0);
  };
  const wa = weight(a);
  const wb = weight(b);
  if (wa !== wb) return wa - wb;
  if (hierarchical && a.summary.routes !== b.summary.routes) return a.summary.routes - b.summary.routes;
  return a.summary.cost - b.summary.cost;
}

/** What `onProgress` says about a plan. */
function progressOf(md: Model, s: Sol, elapsedMs: number): SolveProgress {
  let priority = 0;
  let jobs = 0;
  for (let j = 0; j < md.n; j++)
    if (s.routeOf[j] >= 0) {
      priority += md.priority[j];
      jobs++;
    }
  let travel = 0;
  let lateness = 0;
  for (const r of s.routes) {
    travel += r.travel;
    lateness += r.late;
  }
  return { elapsedMs: Math.round(elapsedMs), priority, jobs, unassigned: md.n - jobs, routes: usedRoutes(s), travel, lateness };
}

/**
 * The search's clock, which also stops it (an aborted signal makes every budget spent) and
 * reports the best plan so far: a new best is noted, and reported once `progressEveryMs` have
 * passed since the last report — checked on every new best and every iteration, so a quiet
 * stretch of the search still reports the best it has. Reports only ever get better.
 */
function watcher(md: Model, options: SolveOptions, t0: number, hierarchical: boolean) {
  const every = options.progressEveryMs ?? 500;
  const onProgress = options.onProgress;
  const signal = options.signal;
  let pending: Sol | undefined;
  let last = -Infinity;
  let key: [number, number, number] = [Infinity, Infinity, Infinity];
  const report = (s: Sol, t: number) => {
    pending = undefined;
    last = t;
    const k: [number, number, number] = [s.unW, hierarchical ? usedRoutes(s) : 0, solCost(md, s)];
    const better = k[0] !== key[0] ? k[0] < key[0] : k[1] !== key[1] ? k[1] < key[1] : k[2] < key[2];
    if (!better) return;
    key = k;
    onProgress!(progressOf(md, s, t - t0));
  };
  return {
    now: (): number => {
      const t = performance.now();
      if (pending && t - last >= every) report(pending, t);
      return signal?.aborted ? Infinity : t;
    },
    onBest: onProgress
      ? (s: Sol) => {
          pending = s;
          const t = performance.now();
          if (t - last >= every) report(s, t);
        }
      : undefined,
    /** The final plan, always reported. */
    flush: (s: Sol) => {
      if (onProgress) report(s, performance.now());
    },
  };
}

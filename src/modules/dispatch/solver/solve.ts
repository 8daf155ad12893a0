// Entry points of the solver library.
import { buildModel } from './model.js';
import { buildSolution } from './output.js';
import { createRng } from './rng.js';
import { search } from './search.js';
import type { Solution, SolveOptions, VroomProblem } from './types.js';

export const DEFAULT_ITERATIONS = 20_000;

/** Plan in this thread. Deterministic for a given seed when `iterations` bounds the search. */
export function solve(problem: VroomProblem, options: SolveOptions = {}): Solution {
  const t0 = performance.now();
  const md = buildModel(problem);
  const t1 = performance.now();
  const hierarchical = (options.objective ?? 'hierarchical') === 'hierarchical';
  const timeLimitMs = options.timeLimitMs;
  const iterations = options.iterations ?? (timeLimitMs === undefined ? DEFAULT_ITERATIONS : undefined);
  const res = search(
    md,
    {
      hierarchical,
      iterations,
      deadline: timeLimitMs === undefined ? undefined : t0 + timeLimitMs,
      now: () => performance.now(),
    },
    createRng(options.seed ?? 1),
  );
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

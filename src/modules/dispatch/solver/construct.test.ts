import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.js';
import { regretInsertion } from './construct.js';
import { buildModel } from './model.js';
import { createRng } from './rng.js';
import { createSol } from './search.js';
import { solve } from './solve.js';
import type { VroomJob, VroomProblem } from './types.js';

/** Two technicians on a line, at 0 and at 100, one visit each. */
function line(jobs: VroomJob[]): VroomProblem {
  return {
    metric: 'euclidean',
    vehicles: [
      { id: 1, start: [0, 0], end: [0, 0], max_tasks: 1 },
      { id: 2, start: [100, 0], end: [100, 0], max_tasks: 1 },
    ],
    jobs,
  };
}

function construct(problem: VroomProblem, k = 20) {
  const md = buildModel(problem);
  const s = createSol(md);
  const order = Array.from({ length: md.n }, (_, j) => j);
  const inserted = regretInsertion(md, s, order, k);
  const routeOf = (id: number) => s.routeOf[md.jobId.indexOf(id)];
  const travel = s.routes.reduce((a, r) => a + r.travel, 0);
  return { md, s, inserted, routeOf, travel };
}

describe('regret insertion', () => {
  it('places first the job that would lose most by waiting, whatever order the jobs come in', () => {
    // A (at 49) is nearly as cheap for either technician; B (at 10) is cheap only for the first.
    // Placing A first where it is cheapest (technician 1: 98) would send B across town (180).
    const c = construct(line([{ id: 1, location: [49, 0] }, { id: 2, location: [10, 0] }]));
    expect(c.inserted.map((j) => c.md.jobId[j])).toEqual([2, 1]);
    expect(c.routeOf(2)).toBe(0);
    expect(c.routeOf(1)).toBe(1);
    expect(c.travel).toBe(20 + 102);
  });

  it('places higher priority first, even where a lower one has the larger regret', () => {
    const c = construct(line([{ id: 1, location: [10, 0], priority: 0 }, { id: 2, location: [12, 0], priority: 5 }, { id: 3, location: [11, 0], priority: 5 }]));
    expect(c.inserted.map((j) => c.md.jobId[j]).slice(0, 2).sort()).toEqual([2, 3]);
    expect(c.inserted).toHaveLength(2); // two technicians, one visit each: the low-priority job stays out
    expect(c.routeOf(1)).toBe(-1);
  });

  it('only ever makes feasible routes, each job at most once, on busy days with windows, skills and breaks', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = createRng(seed);
      const pt = (): [number, number] => [Math.round(rng() * 100), Math.round(rng() * 100)];
      const problem: VroomProblem = {
        metric: 'euclidean',
        vehicles: Array.from({ length: 8 }, (_, k) => {
          const home = pt();
          return {
            id: k + 1, start: home, end: home, time_window: [0, 600] as [number, number], skills: k % 3 === 0 ? [1, 2] : [2], max_tasks: 12,
            breaks: [{ id: k + 1, service: 30, time_windows: [[250, 350]] as [number, number][] }],
          };
        }),
        jobs: Array.from({ length: 160 }, (_, i) => {
          const lo = Math.round(rng() * 500);
          return { id: i + 1, location: pt(), service: 15, skills: [rng() < 0.2 ? 1 : 2], priority: rng() < 0.2 ? 10 : 0, time_windows: [[lo, lo + 90]] as [number, number][] };
        }),
      };
      const c = construct(problem, 4);
      expect(new Set(c.inserted).size).toBe(c.inserted.length);
      expect(c.inserted.length).toBeGreaterThan(40);
      for (const r of c.s.routes) {
        expect(r.feasible).toBe(true);
        expect(r.jobs).toBeLessThanOrEqual(12);
        for (let i = 0; i < r.len; i++) if (r.nodes[i] < c.md.n) expect(c.s.routeOf[r.nodes[i]]).toBe(r.v);
      }
      // Through the whole solver (travel objective, more than 150 jobs: regret construction), the checker agrees.
      const sol = solve(problem, { objective: 'travel', iterations: 0, seed });
      expect(checkSolution(problem, sol).ok).toBe(true);
      expect(sol.unassigned.length).toBeLessThan(problem.jobs!.length - 40);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.js';
import { createLsWork, localSearch } from './localsearch.js';
import { buildModel, type Model } from './model.js';
import { buildSolution } from './output.js';
import { createRng, type Rng } from './rng.js';
import { insertionCost, insertNode } from './route.js';
import { createSol, solCost, type Sol } from './search.js';
import type { VroomJob, VroomProblem, VroomVehicle } from './types.js';

// Random small field-service days: skills, several windows, setup, breaks, pickups, max_tasks,
// deadlines, fixed steps, open routes, matrices (asymmetric) or coordinates.
const problemArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    nJobs: fc.integer({ min: 2, max: 24 }),
    nVeh: fc.integer({ min: 1, max: 4 }),
    matrix: fc.boolean(),
  })
  .map(({ seed, nJobs, nVeh, matrix }): VroomProblem => {
    const rng = createRng(seed);
    const int = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
    const nLoc = nJobs + nVeh + 1;
    const pts = Array.from({ length: nLoc }, () => [int(0, 60), int(0, 60)] as [number, number]);
    const durations = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]) * 10 + (a === b ? 0 : int(0, 30)))));
    const where = (i: number) => (matrix ? { location_index: i } : { location: pts[i] });
    const jobs: VroomJob[] = Array.from({ length: nJobs }, (_, i) => {
      const windows: [number, number][] = [];
      const nw = int(0, 2);
      let t = int(0, 400);
      for (let w = 0; w < nw; w++) {
        const len = int(50, 400);
        windows.push([t, t + len]);
        t += len + int(10, 200);
      }
      return {
        id: 100 + i, ...where(i), service: int(0, 40), setup: rng() < 0.2 ? int(1, 10) : undefined,
        time_windows: windows.length ? windows : undefined, delivery: [int(0, 3)], pickup: rng() < 0.3 ? [int(0, 3)] : undefined,
        skills: rng() < 0.2 ? [int(1, 3)] : undefined,
        deadline: rng() < 0.2 ? int(50, 600) : undefined, late_cost_per_minute: 5,
      };
    });
    const vehicles: VroomVehicle[] = Array.from({ length: nVeh }, (_, k) => {
      const v: VroomVehicle = {
        id: k + 1, ...(rng() < 0.9 ? (matrix ? { start_index: nJobs + k } : { start: pts[nJobs + k] }) : {}),
        ...(rng() < 0.8 ? (matrix ? { end_index: nJobs + nVeh } : { end: pts[nJobs + nVeh] }) : {}),
        capacity: [int(6, 20)], skills: [int(1, 3), int(1, 3)], time_window: [int(0, 100), int(800, 2000)],
        max_tasks: rng() < 0.2 ? int(2, 6) : undefined,
      };
      if (rng() < 0.4) v.breaks = [{ id: 1, service: int(10, 40), time_windows: [[int(100, 250), int(260, 600)]] }];
      return v;
    });
    for (const j of jobs) {
      if (rng() < 0.1) {
        const v = vehicles[int(0, nVeh - 1)];
        (v.steps ??= []).push({ type: 'job', id: j.id });
      }
    }
    const p: VroomProblem = { jobs, vehicles };
    if (matrix) p.matrices = { car: { durations } };
    else p.metric = 'euclidean';
    return p;
  });

/** A deliberately poor feasible plan: jobs in random order at random feasible places. */
function randomPlan(md: Model, rng: Rng): { sol: Sol; fixedFailed: Uint8Array } {
  const sol = createSol(md);
  const fixedFailed = new Uint8Array(md.n);
  for (let v = 0; v < md.m; v++) {
    const r = sol.routes[v];
    for (const j of md.vPinned[v]) {
      const p = r.len;
      if (md.compat[j * md.m + v] && r.jobs < md.vMaxTasks[v] && insertionCost(md, r, j, p) < Infinity) {
        insertNode(md, r, p, j);
        sol.routeOf[j] = v;
      } else fixedFailed[j] = 1;
    }
  }
  const order = Array.from({ length: md.n }, (_, i) => i).filter((j) => md.pinnedTo[j] < 0);
  for (let i = order.length - 1; i > 0; i--) {
    const k = Math.floor(rng() * (i + 1));
    [order[i], order[k]] = [order[k], order[i]];
  }
  const opts: [number, number][] = [];
  for (const j of order) {
    opts.length = 0;
    for (let v = 0; v < md.m; v++) {
      const r = sol.routes[v];
      if (!md.compat[j * md.m + v] || !r.feasible || r.jobs >= md.vMaxTasks[v]) continue;
      for (let p = 0; p <= r.len; p++) if (insertionCost(md, r, j, p) < Infinity) opts.push([v, p]);
    }
    if (opts.length === 0) {
      sol.bank[sol.bankLen++] = j;
      sol.unW += md.weight[j];
      continue;
    }
    const [v, p] = opts[Math.floor(rng() * opts.length)];
    insertNode(md, sol.routes[v], p, j);
    sol.routeOf[j] = v;
  }
  return { sol, fixedFailed };
}

describe('local search', () => {
  it('keeps every plan feasible by the independent checker and never makes it dearer', () => {
    let improvedPlans = 0;
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 1000 }), (p, seed) => {
        const md = buildModel(p);
        const { sol, fixedFailed } = randomPlan(md, createRng(seed));
        const planned = Array.from(sol.routeOf).filter((r) => r >= 0).length;
        const before = solCost(md, sol);
        const w = createLsWork(md, 10);
        const gain = localSearch(w, sol);
        const after = solCost(md, sol);
        expect(gain).toBeGreaterThanOrEqual(0);
        if (gain > 0) improvedPlans++;
        expect(after).toBeCloseTo(before - gain, 6);
        expect(Array.from(sol.routeOf).filter((r) => r >= 0).length).toBe(planned);
        for (let ri = 0; ri < sol.routes.length; ri++) {
          const r = sol.routes[ri];
          expect(r.feasible).toBe(true);
          for (let i = 0; i < r.len; i++) if (r.nodes[i] < md.n) expect(sol.routeOf[r.nodes[i]]).toBe(ri);
        }
        const s = buildSolution(md, p, sol, new Uint8Array(md.n), fixedFailed, { loading: 0, solving: 0 }, 0);
        expect(checkSolution(p, s).errors).toEqual([]);
      }),
      { numRuns: 150, seed: 42 },
    );
    expect(improvedPlans).toBeGreaterThan(50); // the moves really ran
  });

  it('2-opt* uncrosses two routes into the known better plan', () => {
    // Two routes from the depot that cross: 1 → 2 and 3 → 4. Exchanging the tails gives 1 → 4 and
    // 3 → 2. Windows and capacities (two jobs a day) leave that as the only better plan.
    const p: VroomProblem = {
      metric: 'euclidean',
      vehicles: [
        { id: 1, start: [0, 0], end: [0, 0], time_window: [0, 1000], capacity: [2] },
        { id: 2, start: [0, 0], end: [0, 0], time_window: [0, 1000], capacity: [2] },
      ],
      jobs: [
        { id: 1, location: [-10, 10], time_windows: [[0, 30]], delivery: [1] },
        { id: 2, location: [10, 40], time_windows: [[100, 200]], delivery: [1] },
        { id: 3, location: [10, 10], time_windows: [[0, 30]], delivery: [1] },
        { id: 4, location: [-10, 40], time_windows: [[100, 200]], delivery: [1] },
      ],
    };
    const md = buildModel(p);
    const sol = createSol(md);
    const put = (v: number, j: number) => {
      insertNode(md, sol.routes[v], sol.routes[v].len, j);
      sol.routeOf[j] = v;
    };
    put(0, 0);
    put(0, 1);
    put(1, 2);
    put(1, 3);
    const before = solCost(md, sol);
    const gain = localSearch(createLsWork(md), sol);
    expect(gain).toBeGreaterThan(0);
    const ids = sol.routes.map((r) => Array.from(r.nodes.subarray(0, r.len)).map((j) => md.jobId[j]));
    expect(ids.map((x) => x.join(',')).sort()).toEqual(['1,4', '3,2']);
    const d = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    const opt = 2 * (d([0, 0], [-10, 10]) + d([-10, 10], [-10, 40]) + d([-10, 40], [0, 0]));
    expect(solCost(md, sol)).toBeCloseTo(opt, 9);
  });
});

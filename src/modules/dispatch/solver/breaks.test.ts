import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.js';
import { buildModel, type Model } from './model.js';
import { createRng } from './rng.js';
import { copyRoute, fitsInGap, insertionCost, insertNode, newRoute, removeAt, updateRange, updateRoute, type Route } from './route.js';
import { solve } from './solve.js';
import type { VroomJob, VroomProblem, VroomVehicle } from './types.js';

// Breaks float in the drive between two stops (VROOM's semantics, which check.py follows): the
// technician may drive while waiting for a break's window to open, so a lunch taken "on the way"
// costs no extra drive.

/** Home at 0, one job 50 away (service 10) with the given window, a break of 30 that starts in 40–100. */
function oneJobDay(window: [number, number]): VroomProblem {
  return {
    metric: 'euclidean',
    jobs: [{ id: 1, location: [50, 0], service: 10, time_windows: [window] }],
    vehicles: [{ id: 1, start: [0, 0], end: [0, 0], time_window: [0, 200], breaks: [{ id: 7, service: 30, time_windows: [[40, 100]] }] }],
  };
}

describe('breaks taken while waiting', () => {
  it('serves a job that fits only when the drive goes on while waiting for the break', () => {
    // Home at 0, the job 50 away with its window at 100–110. The break may not start before 40:
    // taken at home it ends at 70 and the job is reached at 120, too late; driving 40 first, the
    // break 40–70 on the way, and the last 10 after it, the technician is there at 80.
    const p = oneJobDay([100, 110]);
    const s = solve(p, { iterations: 200, objective: 'travel' });
    expect(s.unassigned).toEqual([]);
    expect(checkSolution(p, s).errors).toEqual([]);
    const steps = s.routes[0].steps;
    expect(steps.map((x) => x.type)).toEqual(['start', 'break', 'job', 'end']);
    const br = steps[1];
    expect(br.arrival + br.waiting_time).toBe(40);
    expect(steps[2].arrival).toBe(80);
    expect(steps[2].arrival + steps[2].waiting_time).toBe(100);
  });

  it('the checker still refuses a drive that the break does not leave time for', () => {
    const p = oneJobDay([0, 75]);
    const s = solve(p, { iterations: 200, objective: 'travel' });
    expect(checkSolution(p, s).errors).toEqual([]);
    // Claim the job right after a break at 40: 40 of the 50 driven before it, 10 after: 80 > 75.
    const forged = structuredClone(s);
    forged.routes = [{
      ...s.routes[0],
      steps: [
        { type: 'start', arrival: 0, duration: 0, setup: 0, service: 0, waiting_time: 0, distance: 0, location: [0, 0] },
        { type: 'break', id: 7, arrival: 0, duration: 0, setup: 0, service: 30, waiting_time: 40, distance: 0 },
        { type: 'job', id: 1, arrival: 75, duration: 50, setup: 0, service: 10, waiting_time: 0, distance: 50, location: [50, 0] },
        { type: 'end', arrival: 135, duration: 100, setup: 0, service: 0, waiting_time: 0, distance: 100, location: [0, 0] },
      ],
    }];
    forged.unassigned = [];
    expect(checkSolution(p, forged).errors.join('\n')).toMatch(/job 1/);
  });
});

// Random small days where every technician has one or two breaks with narrow windows.
const dayArb = fc
  .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), nJobs: fc.integer({ min: 3, max: 16 }), nVeh: fc.integer({ min: 1, max: 3 }) })
  .map(({ seed, nJobs, nVeh }): VroomProblem => {
    const rng = createRng(seed);
    const int = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
    const nLoc = nJobs + nVeh;
    const pts = Array.from({ length: nLoc }, () => [int(0, 60), int(0, 60)] as [number, number]);
    const durations = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]) * 3 + (a === b ? 0 : int(0, 20)))));
    const jobs: VroomJob[] = Array.from({ length: nJobs }, (_, i) => {
      const lo = int(0, 700);
      const windows: [number, number][] = rng() < 0.7 ? [[lo, lo + int(20, 200)]] : [];
      if (windows.length && rng() < 0.3) windows.push([lo + 300, lo + 300 + int(20, 100)]);
      return {
        id: 10 + i, location_index: i, service: int(5, 60), setup: rng() < 0.2 ? int(1, 10) : undefined,
        time_windows: windows.length ? windows : undefined, delivery: [int(0, 2)],
        deadline: rng() < 0.3 ? int(100, 600) : undefined, late_cost_per_minute: 3,
      };
    });
    const vehicles: VroomVehicle[] = Array.from({ length: nVeh }, (_, k) => {
      const lunch = int(250, 400);
      const v: VroomVehicle = {
        id: k + 1, start_index: nJobs + k, end_index: nJobs + k, capacity: [int(8, 20)], time_window: [int(0, 50), int(700, 1000)],
        breaks: [{ id: 1, service: int(20, 60), time_windows: [[lunch, lunch + int(0, 60)]] }],
      };
      if (rng() < 0.3) v.breaks!.push({ id: 2, service: int(5, 20), time_windows: [[lunch + 120, lunch + 200]] });
      return v;
    });
    return { jobs, vehicles, matrices: { car: { durations } } };
  });

function sameSchedule(md: Model, a: Route, b: Route): void {
  const P = a.len + 2;
  expect(a.feasible).toBe(b.feasible);
  if (!a.feasible) return;
  expect(Array.from(a.est.subarray(0, P))).toEqual(Array.from(b.est.subarray(0, P)));
  expect(Array.from(a.lst.subarray(0, P))).toEqual(Array.from(b.lst.subarray(0, P)));
  expect(Array.from(a.gap.subarray(0, P))).toEqual(Array.from(b.gap.subarray(0, P)));
  expect(Array.from(a.rem.subarray(0, P))).toEqual(Array.from(b.rem.subarray(0, P)));
  expect(a.travel).toBe(b.travel);
  expect(a.late).toBe(b.late);
  void md;
}

describe('route timing with floating breaks', () => {
  it('the O(1) insertion check agrees with a full re-timing, and incremental updates with full ones', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 1000 }), (p, seed) => {
        const md = buildModel(p);
        const rng = createRng(seed);
        const fresh = newRoute(md, 0);
        for (let v = 0; v < md.m; v++) {
          const r = newRoute(md, v);
          for (let j = 0; j < md.n; j++) {
            const ok: number[] = [];
            for (let q = 0; q <= r.len; q++) {
              const c = insertionCost(md, r, j, q);
              const trial = newRoute(md, v);
              copyRoute(md, trial, r);
              insertNode(md, trial, q, j);
              // insertNode re-times incrementally; compare with a full re-timing of the same nodes.
              const full = newRoute(md, v);
              copyRoute(md, full, trial);
              updateRoute(md, full);
              sameSchedule(md, trial, full);
              expect(c < Infinity, `job ${j} at ${q}`).toBe(full.feasible);
              if (c < Infinity) ok.push(q);
            }
            if (ok.length > 0 && rng() < 0.7) insertNode(md, r, ok[Math.floor(rng() * ok.length)], j);
          }
          // Remove jobs one by one, re-timing incrementally, as ruin does.
          while (r.jobs > 0) {
            const at: number[] = [];
            for (let i = 0; i < r.len; i++) if (r.nodes[i] < md.n) at.push(i);
            const i = at[Math.floor(rng() * at.length)];
            removeAt(r, i);
            updateRange(md, r, i, i - 1, -1, r.jobs - 1);
            copyRoute(md, fresh, r);
            fresh.v = r.v;
            updateRoute(md, fresh);
            sameSchedule(md, r, fresh);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a job fits in the gap a block of jobs leaves exactly when it fits there in a re-timed copy without them', () => {
    let compared = 0;
    let fits = 0;
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 1000 }), (day, seed) => {
        // Windows and breaks only: fitsInGap leaves loads to the exact check.
        const p: VroomProblem = { ...day, jobs: (day.jobs ?? []).map((j) => ({ ...j, delivery: undefined })), vehicles: day.vehicles.map((v) => ({ ...v, capacity: undefined })) };
        const md = buildModel(p);
        const rng = createRng(seed);
        const copy = newRoute(md, 0);
        for (let v = 0; v < md.m; v++) {
          const r = newRoute(md, v);
          const out: number[] = [];
          for (let j = 0; j < md.n; j++) {
            const ok: number[] = [];
            for (let q = 0; q <= r.len; q++) if (insertionCost(md, r, j, q) < Infinity) ok.push(q);
            if (ok.length > 0 && rng() < 0.7) insertNode(md, r, ok[Math.floor(rng() * ok.length)], j);
            else out.push(j);
          }
          for (let i = 0; i < r.len; i++)
            for (let L = 1; L <= 3 && i + L <= r.len && r.nodes[i + L - 1] < md.n; L++) {
              copyRoute(md, copy, r);
              copy.v = v;
              for (let q = 0; q < L; q++) removeAt(copy, i);
              updateRoute(md, copy);
              if (!copy.feasible) continue;
              for (const j of [...out, r.nodes[i]]) {
                const exact = insertionCost(md, copy, j, i) < Infinity;
                expect(fitsInGap(md, r, j, i, i + L + 1), `job ${j} for ${L} at ${i}`).toBe(exact);
                compared++;
                if (exact) fits++;
              }
            }
        }
      }),
      { numRuns: 150 },
    );
    // Both answers occur, so the comparison tells something.
    expect(fits).toBeGreaterThan(0);
    expect(compared - fits).toBeGreaterThan(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.js';
import { createRng } from './rng.js';
import { solve } from './solve.js';
import { bruteForce } from './testing/brute-force.js';
import type { Solution, SolveProgress, VroomJob, VroomProblem, VroomVehicle } from './types.js';

function tinyProblem(seed: number, nJobs: number): VroomProblem {
  const rng = createRng(seed);
  const pt = (): [number, number] => [Math.round(rng() * 100), Math.round(rng() * 100)];
  const depot: [number, number] = [50, 50];
  const jobs: VroomJob[] = Array.from({ length: nJobs }, (_, i) => {
    const lo = Math.round(rng() * 150);
    return {
      id: i + 1, location: pt(), service: Math.round(rng() * 20), delivery: [1 + Math.floor(rng() * 4)],
      time_windows: [[lo, lo + 30 + Math.round(rng() * 120)]], priority: rng() < 0.3 ? 10 : 0,
      skills: rng() < 0.2 ? [1] : [],
    };
  });
  const vehicles: VroomVehicle[] = [0, 1].map((k) => ({
    id: k + 1, start: depot, end: k === 0 ? depot : pt(), capacity: [8], time_window: [0, 260 + Math.round(rng() * 100)],
    skills: k === 0 ? [1] : [],
  }));
  return { metric: 'euclidean', jobs, vehicles };
}

function key(s: Solution, p: VroomProblem, hierarchical: boolean) {
  const n = p.jobs!.length;
  const prio = new Map(p.jobs!.map((j) => [j.id, j.priority ?? 0]));
  return {
    unassignedWeight: s.unassigned.reduce((a, u) => a + prio.get(u.id)! * (n + 1) + 1, 0),
    vehicles: s.routes.length,
    travel: s.summary.distance,
  };
}

describe('solve against brute force on tiny problems', () => {
  for (const objective of ['hierarchical', 'travel'] as const) {
    it(`finds the optimum (${objective})`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const p = tinyProblem(seed * 31 + (objective === 'travel' ? 7 : 0), 7);
        const opt = bruteForce(p, objective === 'hierarchical');
        const s = solve(p, { objective, iterations: 1500, seed: 3 });
        expect(checkSolution(p, s).errors).toEqual([]);
        const k = key(s, p, objective === 'hierarchical');
        expect(k.unassignedWeight, `seed ${seed}`).toBe(opt.unassignedWeight);
        if (objective === 'hierarchical') expect(k.vehicles, `seed ${seed}`).toBe(opt.vehicles);
        expect(k.travel, `seed ${seed}`).toBeCloseTo(opt.travel, 6);
      }
    });
  }
});

// Random small field-service days: skills, several windows, breaks, capacities, max_tasks,
// priorities, fixed steps, open routes, matrices or coordinates.
const problemArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    nJobs: fc.integer({ min: 0, max: 14 }),
    nVeh: fc.integer({ min: 1, max: 4 }),
    matrix: fc.boolean(),
  })
  .map(({ seed, nJobs, nVeh, matrix }): VroomProblem => {
    const rng = createRng(seed);
    const int = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
    const nLoc = nJobs + nVeh + 1;
    const pts = Array.from({ length: nLoc }, () => [int(0, 60), int(0, 60)] as [number, number]);
    const durations = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]) * 10)));
    const where = (i: number) => (matrix ? { location_index: i } : { location: pts[i] });
    const jobs: VroomJob[] = Array.from({ length: nJobs }, (_, i) => {
      const windows: [number, number][] = [];
      const nw = int(0, 2);
      let t = int(0, 300);
      for (let w = 0; w < nw; w++) {
        const len = int(20, 200);
        windows.push([t, t + len]);
        t += len + int(10, 200);
      }
      return {
        id: 100 + i, ...where(i), service: int(0, 60), setup: rng() < 0.2 ? int(1, 10) : undefined,
        time_windows: windows.length ? windows : undefined, delivery: [int(0, 3)], pickup: rng() < 0.3 ? [int(0, 3)] : undefined,
        skills: rng() < 0.3 ? [int(1, 4)] : undefined, priority: rng() < 0.3 ? int(1, 100) : undefined,
        deadline: rng() < 0.2 ? int(50, 400) : undefined, late_cost_per_minute: 5,
      };
    });
    const vehicles: VroomVehicle[] = Array.from({ length: nVeh }, (_, k) => {
      const tw: [number, number] = [int(0, 100), int(300, 900)];
      const v: VroomVehicle = {
        id: k + 1, ...(rng() < 0.9 ? (matrix ? { start_index: nJobs + k } : { start: pts[nJobs + k] }) : {}),
        ...(rng() < 0.8 ? (matrix ? { end_index: nJobs + nVeh } : { end: pts[nJobs + nVeh] }) : {}),
        capacity: [int(3, 10)], skills: [int(1, 4), int(1, 4)], time_window: tw,
        max_tasks: rng() < 0.2 ? int(1, 4) : undefined,
      };
      if (rng() < 0.4) v.breaks = [{ id: 1, service: int(10, 40), time_windows: [[int(100, 250), int(260, 400)]] }];
      return v;
    });
    // Fix a few jobs to vehicles, in order.
    for (const j of jobs) {
      if (rng() < 0.15) {
        const v = vehicles[int(0, nVeh - 1)];
        (v.steps ??= []).push({ type: 'job', id: j.id });
      }
    }
    const p: VroomProblem = { jobs, vehicles };
    if (matrix) p.matrices = { car: { durations } };
    else p.metric = 'euclidean';
    return p;
  });

function directlyReachable(p: VroomProblem, j: VroomJob, v: VroomVehicle): boolean {
  const matrix = p.matrices?.car?.durations;
  const s = matrix ? v.start_index : v.start;
  let travel = 0;
  if (s !== undefined) {
    travel = matrix
      ? matrix[v.start_index!][j.location_index!]
      : Math.hypot(v.start![0] - j.location![0], v.start![1] - j.location![1]);
  }
  const arr = (v.time_window?.[0] ?? 0) + travel + (j.setup ?? 0);
  const ws = j.time_windows ?? [[0, Infinity]];
  return ws.some(([, hi]) => arr <= hi);
}

describe('properties', () => {
  it('every plan passes the independent checker, and unassigned reasons are true', () => {
    fc.assert(
      fc.property(problemArb, fc.boolean(), (p, hier) => {
        const s = solve(p, { objective: hier ? 'hierarchical' : 'travel', iterations: 150, seed: 5 });
        const report = checkSolution(p, s);
        expect(report.errors).toEqual([]);
        const jobs = new Map(p.jobs!.map((j) => [j.id, j]));
        const hasSkills = (j: VroomJob, v: VroomVehicle) => (j.skills ?? []).every((x) => (v.skills ?? []).includes(x));
        for (const u of s.unassigned) {
          const j = jobs.get(u.id)!;
          const skilled = p.vehicles.filter((v) => hasSkills(j, v));
          if (u.reason_code === 'skills') expect(skilled.length === 0 || p.vehicles.some((v) => v.steps?.some((x) => x.id === j.id))).toBe(true);
          if (skilled.length === 0) expect(u.reason_code).toBe('skills');
          if (u.reason_code === 'time_window') {
            // Only the technician a fixed step names can take the job.
            const pin = p.vehicles.find((v) => v.steps?.some((x) => x.id === j.id));
            const cands = (pin ? [pin] : skilled).filter((v) => (v.max_tasks ?? 1) > 0);
            for (const v of cands) expect(directlyReachable(p, j, v)).toBe(false);
          }
        }
        // A job that no vehicle could ever reach in time is reported for its time window.
        for (const j of p.jobs!) {
          const skilled = p.vehicles.filter((v) => hasSkills(j, v) && (v.capacity?.[0] ?? Infinity) >= Math.max(j.delivery?.[0] ?? 0, j.pickup?.[0] ?? 0) && (v.max_tasks ?? 1) > 0);
          const pinned = p.vehicles.some((v) => v.steps?.some((x) => x.id === j.id));
          if (!pinned && skilled.length > 0 && skilled.every((v) => !directlyReachable(p, j, v))) {
            const u = s.unassigned.find((x) => x.id === j.id);
            expect(u?.reason_code).toBe('time_window');
          }
        }
      }),
      { numRuns: 120, seed: 42 },
    );
  });
});

describe('features', () => {
  const base = (jobs: VroomJob[], vehicles: VroomVehicle[]): VroomProblem => ({ metric: 'euclidean', jobs, vehicles });

  it('gives a job to the only technician with its skills, and reports skills nobody has', () => {
    const p = base(
      [
        { id: 1, location: [1, 0], skills: [7] },
        { id: 2, location: [2, 0], skills: [9] },
      ],
      [
        { id: 10, start: [0, 0], end: [0, 0], skills: [] },
        { id: 20, start: [50, 0], end: [50, 0], skills: [7] },
      ],
    );
    const s = solve(p, { iterations: 100 });
    expect(s.routes.map((r) => [r.vehicle, r.steps.filter((x) => x.type === 'job').map((x) => x.id)])).toEqual([[20, [1]]]);
    expect(s.unassigned).toMatchObject([{ id: 2, reason_code: 'skills', reason: 'no technician has skills 9' }]);
  });

  it('takes breaks inside their windows', () => {
    const p = base(
      Array.from({ length: 6 }, (_, i) => ({ id: i + 1, location: [10 * (i + 1), 0] as [number, number], service: 30 })),
      [{ id: 1, start: [0, 0], end: [0, 0], time_window: [0, 1000], breaks: [{ id: 5, service: 60, time_windows: [[100, 130]] }] }],
    );
    const s = solve(p, { iterations: 300 });
    expect(checkSolution(p, s).errors).toEqual([]);
    const br = s.routes[0].steps.find((x) => x.type === 'break')!;
    const start = br.arrival + br.waiting_time;
    expect(start).toBeGreaterThanOrEqual(100);
    expect(start).toBeLessThanOrEqual(130);
    expect(s.unassigned).toEqual([]);
  });

  it('uses a later time window when the first one cannot be reached', () => {
    const p = base(
      [{ id: 1, location: [100, 0], time_windows: [[0, 50], [300, 400]] }],
      [{ id: 1, start: [0, 0], end: [0, 0] }],
    );
    const s = solve(p, { iterations: 50 });
    const step = s.routes[0].steps[1];
    expect(step.arrival + step.waiting_time).toBe(300);
  });

  it('reports a window that no technician can reach in time', () => {
    const p = base(
      [{ id: 1, location: [100, 0], time_windows: [[0, 50]] }, { id: 2, location: [1, 0], time_windows: [[0, 50]], service: 10 }],
      [{ id: 1, start: [0, 0], end: [0, 0], time_window: [0, 1000] }],
    );
    const s = solve(p, { iterations: 50 });
    expect(s.unassigned).toMatchObject([{ id: 1, reason_code: 'time_window' }]);
  });

  it('reports a shift too short to go and come back', () => {
    const p = base([{ id: 1, location: [100, 0], time_windows: [[0, 150]] }], [{ id: 1, start: [0, 0], end: [0, 0], time_window: [0, 150] }]);
    const s = solve(p, { iterations: 50 });
    expect(s.unassigned).toMatchObject([{ id: 1, reason_code: 'shift' }]);
  });

  it('reports capacity', () => {
    const p = base([{ id: 1, location: [1, 0], delivery: [12] }], [{ id: 1, start: [0, 0], end: [0, 0], capacity: [10] }]);
    expect(solve(p, { iterations: 10 }).unassigned).toMatchObject([{ id: 1, reason_code: 'capacity' }]);
  });

  it('keeps fixed steps with their technician and in their order', () => {
    // Job 1 and 2 sit next to technician 2's home, yet they are booked with technician 1, 2 before 1.
    const p = base(
      [
        { id: 1, location: [100, 0] },
        { id: 2, location: [101, 0] },
        { id: 3, location: [1, 0] },
      ],
      [
        { id: 1, start: [0, 0], end: [0, 0], steps: [{ type: 'job', id: 2 }, { type: 'job', id: 1 }] },
        { id: 2, start: [100, 1], end: [100, 1] },
      ],
    );
    const s = solve(p, { iterations: 300, objective: 'travel' });
    expect(checkSolution(p, s).errors).toEqual([]);
    const r1 = s.routes.find((r) => r.vehicle === 1)!;
    const ids = r1.steps.filter((x) => x.type === 'job').map((x) => x.id);
    expect(ids.filter((x) => x !== 3)).toEqual([2, 1]);
  });

  it('honours service_at on a fixed step', () => {
    const p = base([{ id: 1, location: [10, 0] }], [{ id: 1, start: [0, 0], end: [0, 0], steps: [{ type: 'job', id: 1, service_at: 200 }] }]);
    const s = solve(p, { iterations: 20 });
    const st = s.routes[0].steps[1];
    expect(st.arrival + st.waiting_time).toBe(200);
  });

  it('serves a soft deadline first when lateness costs more than the detour', () => {
    const jobs = (deadline?: number): VroomJob[] => [
      { id: 1, location: [10, 0], service: 5, deadline, late_cost_per_minute: deadline === undefined ? undefined : 600 },
      { id: 2, location: [5, 0], service: 5 },
    ];
    const veh: VroomVehicle[] = [{ id: 1, start: [0, 0] }];
    const order = (s: Solution) => s.routes[0].steps.filter((x) => x.type === 'job').map((x) => x.id);
    expect(order(solve(base(jobs(), veh), { iterations: 100 }))).toEqual([2, 1]);
    const s = solve(base(jobs(10), veh), { iterations: 100 });
    expect(order(s)).toEqual([1, 2]);
    expect(s.summary.lateness_cost).toBe(0);
    // When being on time is impossible, the lateness is charged and reported.
    const late = solve(base(jobs(5), veh), { iterations: 100 });
    expect(late.summary.lateness_cost).toBeCloseTo(50, 6);
    expect(late.routes[0].steps.find((x) => x.id === 1)!.late_minutes).toBeCloseTo(5 / 60, 6);
  });

  it('keeps hard windows over soft deadlines, and charges the lateness it cannot avoid', () => {
    // Job 1's promise (deadline 10) could be kept only by starting it before its window opens.
    const p = base(
      [
        { id: 1, location: [10, 0], time_windows: [[30, 100]], deadline: 10, late_cost_per_minute: 60 },
        { id: 2, location: [20, 0], deadline: 25, late_cost_per_minute: 6 },
      ],
      [{ id: 1, start: [0, 0] }],
    );
    const s = solve(p, { iterations: 200 });
    expect(checkSolution(p, s).errors).toEqual([]);
    const start = (id: number) => { const st = s.routes[0].steps.find((x) => x.id === id)!; return st.arrival + st.waiting_time; };
    expect(start(1)).toBeGreaterThanOrEqual(30);
    // 1 first: waits for its window (20 minutes' worth late at 1 a time unit), job 2 then 15 late at 0.1: 21.5 + travel 20;
    // 2 first: on time, job 1 still 20 late: 20 + travel 30.
    expect(s.routes[0].steps.filter((x) => x.type === 'job').map((x) => x.id)).toEqual([1, 2]);
    expect(s.summary.lateness_cost).toBeCloseTo(21.5, 6);
  });

  it('reports its best plan so far, each report no worse than the one before, the last one the plan returned', () => {
    const p = tinyProblem(7, 12);
    const seen: SolveProgress[] = [];
    const s = solve(p, { iterations: 300, progressEveryMs: 0, onProgress: (x) => seen.push(x) });
    expect(seen.length).toBeGreaterThan(1);
    // Strictly better each time: more priority, then more jobs, then fewer routes, then less cost.
    const key = (x: SolveProgress) => [-x.priority, -x.jobs, x.routes, x.travel + x.lateness];
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [key(seen[i - 1]), key(seen[i])];
      const k = a.findIndex((v, q) => v !== b[q]);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(b[k]).toBeLessThan(a[k]);
    }
    const last = seen[seen.length - 1];
    expect(last.jobs).toBe(p.jobs!.length - s.unassigned.length);
    expect(last.priority).toBe(s.summary.priority);
    expect(last.travel).toBeCloseTo(s.summary.cost, 6);
  });

  it('stops when its signal is aborted and returns the best plan so far', () => {
    const p = tinyProblem(3, 12);
    const signal = { aborted: false };
    let reports = 0;
    // A billion iterations would not end within the test's time: only the signal can stop it.
    const s = solve(p, { iterations: 1e9, progressEveryMs: 0, signal, onProgress: () => { if (++reports === 3) signal.aborted = true; } });
    expect(checkSolution(p, s).errors).toEqual([]);
    expect(s.summary.iterations).toBeLessThan(1e9);
    expect(s.routes.length + s.unassigned.length).toBeGreaterThan(0);
  });

  it('serves the higher priority when not everything fits', () => {
    const p = base(
      [
        { id: 1, location: [10, 0], service: 100, priority: 0 },
        { id: 2, location: [-10, 0], service: 100, priority: 50 },
      ],
      [{ id: 1, start: [0, 0], end: [0, 0], time_window: [0, 150] }],
    );
    const s = solve(p, { iterations: 50 });
    expect(s.routes[0].steps.filter((x) => x.type === 'job').map((x) => x.id)).toEqual([2]);
    expect(s.unassigned).toMatchObject([{ id: 1, reason_code: 'no_room' }]);
  });

  it('uses fewer vehicles in hierarchical mode, less travel in travel mode', () => {
    // Two jobs on opposite sides: one vehicle can do both (long), two do it shorter from two homes.
    const p = base(
      [
        { id: 1, location: [0, 10] },
        { id: 2, location: [100, 10] },
      ],
      [
        { id: 1, start: [0, 0], end: [0, 0] },
        { id: 2, start: [100, 0], end: [100, 0] },
      ],
    );
    expect(solve(p, { objective: 'hierarchical', iterations: 200 }).routes).toHaveLength(1);
    const t = solve(p, { objective: 'travel', iterations: 200 });
    expect(t.routes).toHaveLength(2);
    expect(t.summary.distance).toBeCloseTo(40, 9);
  });

  it('respects max_tasks', () => {
    const p = base(
      Array.from({ length: 5 }, (_, i) => ({ id: i + 1, location: [i + 1, 0] as [number, number] })),
      [
        { id: 1, start: [0, 0], end: [0, 0], max_tasks: 2 },
        { id: 2, start: [0, 0], end: [0, 0], max_tasks: 2 },
      ],
    );
    const s = solve(p, { iterations: 100 });
    expect(s.routes.map((r) => r.steps.filter((x) => x.type === 'job').length)).toEqual([2, 2]);
    expect(s.unassigned).toHaveLength(1);
    expect(checkSolution(p, s).errors).toEqual([]);
  });

  it('is deterministic for a seed and an iteration budget', () => {
    const p = tinyProblem(99, 7);
    const bigger: VroomProblem = { ...p, jobs: [...p.jobs!, ...tinyProblem(98, 7).jobs!.map((j) => ({ ...j, id: j.id + 50 }))] };
    const strip = (s: Solution) => JSON.stringify({ ...s, summary: { ...s.summary, computing_times: null } });
    const a = solve(bigger, { iterations: 400, seed: 11 });
    const b = solve(bigger, { iterations: 400, seed: 11 });
    expect(strip(a)).toBe(strip(b));
  });
});

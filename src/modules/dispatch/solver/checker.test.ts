import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.js';
import { solve } from './solve.js';
import type { Solution, VroomProblem } from './types.js';

const problem: VroomProblem = {
  metric: 'euclidean',
  vehicles: [{ id: 1, start: [0, 0], end: [0, 0], capacity: [5], time_window: [0, 100] }],
  jobs: [
    { id: 1, location: [10, 0], delivery: [2], time_windows: [[0, 15]] },
    { id: 2, location: [20, 0], delivery: [2], time_windows: [[15, 40]] },
  ],
};

describe('checker', () => {
  const good = solve(problem, { iterations: 50 });
  const clone = (): Solution => JSON.parse(JSON.stringify(good));

  it('accepts a valid plan and recomputes its distance', () => {
    const r = checkSolution(problem, good);
    expect(r.errors).toEqual([]);
    expect(r.distance).toBeCloseTo(40, 9);
  });

  it('catches a missed time window', () => {
    const bad = clone();
    const steps = bad.routes[0].steps;
    [steps[1], steps[2]] = [steps[2], steps[1]];
    expect(checkSolution(problem, bad).errors.join()).toMatch(/time window/);
  });

  it('catches a job planned twice or not at all', () => {
    const bad = clone();
    bad.routes[0].steps[2] = { ...bad.routes[0].steps[1] };
    const errs = checkSolution(problem, bad).errors.join();
    expect(errs).toMatch(/twice/);
    expect(errs).toMatch(/neither planned nor unassigned/);
  });

  it('catches overload and a late return', () => {
    const tight: VroomProblem = { ...problem, vehicles: [{ ...problem.vehicles[0], capacity: [3], time_window: [0, 30] }] };
    const errs = checkSolution(tight, good).errors.join();
    expect(errs).toMatch(/capacity/);
    expect(errs).toMatch(/shift ends/);
  });

  it('recomputes the lateness of soft deadlines and catches a plan that misreports it', () => {
    // Job 2 (at 20) promised by 15: whichever way round, it is reached at 20 at the earliest.
    const promised: VroomProblem = { ...problem, jobs: [problem.jobs![0], { ...problem.jobs![1], deadline: 15, late_cost_per_minute: 120 }] };
    const s = solve(promised, { iterations: 50 });
    const r = checkSolution(promised, s);
    expect(r.errors).toEqual([]);
    expect(r.lateness).toBeCloseTo(((20 - 15) / 60) * 120, 9);
    const hidden: Solution = JSON.parse(JSON.stringify(s));
    for (const st of hidden.routes[0].steps) delete st.late_minutes;
    hidden.routes[0].lateness_cost = 0;
    hidden.summary.lateness_cost = 0;
    const errs = checkSolution(promised, hidden).errors.join();
    expect(errs).toMatch(/job 2 reported 0 minutes late/);
    expect(errs).toMatch(/lateness cost 0 reported/);
    expect(errs).toMatch(/total lateness cost 0 reported/);
  });
});

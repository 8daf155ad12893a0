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
});

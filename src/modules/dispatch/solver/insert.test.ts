import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.js';
import { createPlan, insert } from './insert.js';
import { solve } from './solve.js';
import type { Solution, VroomJob, VroomProblem } from './types.js';

const problem: VroomProblem = {
  metric: 'euclidean',
  vehicles: [
    { id: 1, start: [0, 0], end: [0, 0], time_window: [0, 500], skills: [1] },
    { id: 2, start: [100, 0], end: [100, 0], time_window: [0, 500], breaks: [{ id: 9, service: 30, time_windows: [[200, 260]] }] },
  ],
  jobs: [
    { id: 1, location: [10, 0], service: 10 },
    { id: 2, location: [20, 5], service: 10, time_windows: [[50, 120]] },
    { id: 3, location: [90, 10], service: 10 },
    { id: 4, location: [80, -10], service: 10 },
  ],
};

function withJobAt(sol: Solution, vehicle: number, position: number, job: VroomJob): VroomProblem {
  // The same problem with the new job fixed at the chosen place, every other job fixed as planned.
  const vehicles = problem.vehicles.map((v) => {
    const r = sol.routes.find((x) => x.vehicle === v.id);
    const ids = r ? r.steps.filter((s) => s.type === 'job').map((s) => s.id!) : [];
    if (v.id === vehicle) ids.splice(position, 0, job.id);
    return { ...v, steps: ids.map((id) => ({ type: 'job' as const, id })) };
  });
  return { ...problem, vehicles, jobs: [...problem.jobs!, job] };
}

describe('insert', () => {
  const sol = solve(problem, { iterations: 300, objective: 'travel' });
  const plan = createPlan(problem, sol);

  it('ranks feasible places cheapest first, each cost equal to the real added travel', () => {
    const job: VroomJob = { id: 50, location: [50, 0], service: 5 };
    const options = insert(plan, job);
    expect(options.length).toBeGreaterThan(2);
    for (let i = 1; i < options.length; i++) expect(options[i].cost).toBeGreaterThanOrEqual(options[i - 1].cost);
    for (const o of options) {
      const p2 = withJobAt(sol, o.vehicle, o.position, job);
      const s2 = solve(p2, { iterations: 0, objective: 'travel' });
      expect(checkSolution(p2, s2).errors).toEqual([]);
      expect(s2.unassigned).toEqual([]);
      expect(s2.summary.cost - sol.summary.cost).toBeCloseTo(o.cost, 6);
    }
  });

  it('offers only technicians with the skills, and times that fit the window', () => {
    const job: VroomJob = { id: 51, location: [30, 0], service: 5, skills: [1], time_windows: [[300, 320]] };
    const options = insert(plan, job);
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) {
      expect(o.vehicle).toBe(1);
      expect(o.start).toBeGreaterThanOrEqual(300);
      expect(o.start).toBeLessThanOrEqual(320);
    }
    expect(insert(plan, { ...job, skills: [5] })).toEqual([]);
  });

  it('does not change the plan between questions', () => {
    const job: VroomJob = { id: 52, location: [60, 0], service: 5 };
    const first = insert(plan, job);
    insert(plan, { id: 53, location: [5, 5], time_windows: [[0, 10], [400, 450]], service: 30 });
    expect(insert(plan, job)).toEqual(first);
  });
});

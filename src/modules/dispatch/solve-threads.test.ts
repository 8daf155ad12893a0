import { describe, expect, it } from 'vitest';
import { solveInThreads } from './solve-threads.js';
import { checkSolution } from './solver/checker.js';
import type { SolveProgress, VroomProblem } from './solver/types.js';

const problem: VroomProblem = {
  metric: 'euclidean',
  vehicles: [1, 2].map((id) => ({ id, start: [0, 0] as [number, number], end: [0, 0] as [number, number], time_window: [0, 400] as [number, number] })),
  jobs: Array.from({ length: 30 }, (_, i) => ({ id: i + 1, location: [(i * 37) % 50, (i * 53) % 40] as [number, number], service: 5, priority: i % 3 === 0 ? 10 : 0 })),
};

describe('solve in worker threads', () => {
  it('reports the best plan of all threads while it runs, and stops every thread when told', async () => {
    const stop = new AbortController();
    const heard: SolveProgress[] = [];
    // A billion iterations would outlast the test: only the signal ends it.
    const s = await solveInThreads(problem, {
      objective: 'travel', iterations: 1e9, threads: 2, progressEveryMs: 0, signal: stop.signal,
      onProgress: (p) => {
        heard.push(p);
        if (heard.length === 5) stop.abort();
      },
    });
    expect(checkSolution(problem, s).errors).toEqual([]);
    expect(heard.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < heard.length; i++) {
      const [a, b] = [heard[i - 1], heard[i]];
      expect(b.priority > a.priority || (b.priority === a.priority && (b.jobs > a.jobs || (b.jobs === a.jobs && b.travel + b.lateness < a.travel + a.lateness)))).toBe(true);
    }
    // The plan returned is at least as good as anything reported.
    const last = heard[heard.length - 1];
    expect(s.summary.priority).toBeGreaterThanOrEqual(last.priority);
  }, 60_000);
});

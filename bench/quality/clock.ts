import type { Clock } from '../../src/shared/clock.js';

/** A clock stopped at `iso`: the benchmark's "today". */
export function manualClockAt(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

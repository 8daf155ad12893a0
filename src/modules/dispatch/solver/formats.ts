// Input formats: VROOM JSON and the Solomon / Gehring-Homberger text files.
import { ProblemError } from './model.js';
import type { VroomProblem } from './types.js';

/**
 * Solomon text → a VROOM problem with `metric: "euclidean"`: customer 0 is the depot,
 * travel time = distance in double precision, windows bound the start of service,
 * every vehicle returns by the depot's due time.
 */
export function parseSolomon(text: string): VroomProblem {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const vi = lines.findIndex((l) => /^VEHICLE\b/i.test(l));
  if (vi < 0) throw new ProblemError('Solomon file: no VEHICLE section');
  let fleet = 0;
  let capacity = 0;
  for (let i = vi + 1; i < lines.length; i++) {
    const nums = lines[i].split(/\s+/).filter(Boolean).map(Number);
    if (nums.length >= 2 && nums.every(Number.isFinite)) {
      [fleet, capacity] = nums;
      break;
    }
  }
  const ci = lines.findIndex((l) => /^CUSTOMER\b/i.test(l));
  if (ci < 0 || fleet <= 0) throw new ProblemError('Solomon file: no CUSTOMER section or fleet size');
  const rows: number[][] = [];
  for (let i = ci + 1; i < lines.length; i++) {
    const nums = lines[i].split(/\s+/).filter(Boolean).map(Number);
    if (nums.length >= 7 && nums.every(Number.isFinite)) rows.push(nums);
  }
  if (rows.length === 0 || rows[0][0] !== 0) throw new ProblemError('Solomon file: customer 0 (the depot) missing');
  const [, dx, dy, , ready0, due0] = rows[0];
  const depot: [number, number] = [dx, dy];
  return {
    metric: 'euclidean',
    vehicles: Array.from({ length: fleet }, (_, i) => ({
      id: i + 1, start: depot, end: depot, capacity: [capacity], time_window: [ready0, due0] as [number, number],
    })),
    jobs: rows.slice(1).map(([id, x, y, demand, ready, due, service]) => ({
      id, location: [x, y] as [number, number], delivery: [demand], service, time_windows: [[ready, due]] as [number, number][],
    })),
  };
}

export type InputFormat = 'vroom' | 'solomon';

export function detectFormat(text: string): InputFormat {
  return text.trimStart().startsWith('{') ? 'vroom' : 'solomon';
}

export function parseProblem(text: string, format: InputFormat = detectFormat(text)): VroomProblem {
  if (format === 'solomon') return parseSolomon(text);
  let p: unknown;
  try {
    p = JSON.parse(text);
  } catch (e) {
    throw new ProblemError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!p || typeof p !== 'object' || !Array.isArray((p as VroomProblem).vehicles)) throw new ProblemError('VROOM input needs a "vehicles" array');
  return p as VroomProblem;
}

// Exhaustive optimum for tiny problems (≤ 7 jobs, a couple of vehicles), written independently of
// the solver: single-window jobs, Euclidean coordinates, capacity as delivery, vehicle shifts.
import type { VroomProblem } from '../types.js';

export interface BruteResult {
  unassignedWeight: number;
  vehicles: number;
  travel: number;
}

export function bruteForce(p: VroomProblem, hierarchical: boolean): BruteResult {
  const jobs = p.jobs ?? [];
  const n = jobs.length;
  const d = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const routeCost = (vi: number, order: number[]): number => {
    const v = p.vehicles[vi];
    const tw = v.time_window ?? [0, Infinity];
    let t = tw[0];
    let at = v.start!;
    let travel = 0;
    let load = 0;
    for (const k of order) {
      const j = jobs[k];
      if (!(j.skills ?? []).every((s) => (v.skills ?? []).includes(s))) return Infinity;
      load += j.delivery?.[0] ?? 0;
      const leg = d(at, j.location!);
      travel += leg;
      t += leg;
      const [lo, hi] = j.time_windows?.[0] ?? [0, Infinity];
      if (t > hi) return Infinity;
      t = Math.max(t, lo) + (j.service ?? 0);
      at = j.location!;
    }
    if (v.capacity && load > v.capacity[0]) return Infinity;
    const back = d(at, v.end!);
    if (t + back > tw[1]) return Infinity;
    return order.length === 0 ? 0 : travel + back;
  };
  const permute = (items: number[], f: (o: number[]) => void, acc: number[] = []) => {
    if (items.length === 0) return f(acc);
    for (let i = 0; i < items.length; i++) permute([...items.slice(0, i), ...items.slice(i + 1)], f, [...acc, items[i]]);
  };
  const m = p.vehicles.length;
  // Best cost per (vehicle, subset of jobs).
  const best: Float64Array[] = [];
  for (let v = 0; v < m; v++) {
    const arr = new Float64Array(1 << n).fill(Infinity);
    for (let s = 0; s < 1 << n; s++) {
      const items = [...Array(n).keys()].filter((k) => s & (1 << k));
      permute(items, (o) => {
        const c = routeCost(v, o);
        if (c < arr[s]) arr[s] = c;
      });
    }
    best.push(arr);
  }
  const weight = (k: number) => (jobs[k].priority ?? 0) * (n + 1) + 1;
  let res: BruteResult = { unassignedWeight: Infinity, vehicles: Infinity, travel: Infinity };
  const better = (a: BruteResult, b: BruteResult) =>
    a.unassignedWeight !== b.unassignedWeight
      ? a.unassignedWeight < b.unassignedWeight
      : hierarchical && a.vehicles !== b.vehicles
        ? a.vehicles < b.vehicles
        : a.travel < b.travel - 1e-9;
  const assign = (v: number, free: number, used: number, travel: number) => {
    if (v === m) {
      let uw = 0;
      for (let k = 0; k < n; k++) if (free & (1 << k)) uw += weight(k);
      const cand = { unassignedWeight: uw, vehicles: used, travel };
      if (better(cand, res)) res = cand;
      return;
    }
    // Every subset of the still-free jobs for vehicle v.
    for (let s = free; ; s = (s - 1) & free) {
      const c = best[v][s];
      if (c < Infinity) assign(v + 1, free & ~s, used + (s ? 1 : 0), travel + c);
      if (s === 0) break;
    }
  };
  assign(0, (1 << n) - 1, 0, 0);
  return res;
}

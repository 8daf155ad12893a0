// An independent referee for solutions: it re-derives travel, the schedule and the loads from
// the problem text alone (it shares no code with the solver) and lists every broken rule.
import type { Solution, VroomProblem } from './types.js';

export interface CheckReport {
  ok: boolean;
  errors: string[];
  vehicles: number;
  distance: number; // recomputed, double precision
  served: number;
  /** Lateness cost of the soft deadlines, recomputed from the planned starts. */
  lateness: number;
}

type Pt = [number, number];

function greatCircle(a: Pt, b: Pt): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const phi1 = rad(a[1]);
  const phi2 = rad(b[1]);
  const dphi = phi2 - phi1;
  const dl = rad(b[0] - a[0]);
  const h = Math.sin(dphi / 2) * Math.sin(dphi / 2) + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dl / 2) * Math.sin(dl / 2);
  return 6371008.8 * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

export function checkSolution(problem: VroomProblem, solution: Solution): CheckReport {
  const errors: string[] = [];
  const EPS = 1e-6;
  const jobs = new Map((problem.jobs ?? []).map((j) => [j.id, j]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const mx = problem.matrices ? (problem.matrices.car ?? Object.values(problem.matrices)[0]) : problem.matrix ? { durations: problem.matrix } : undefined;
  type Place = { idx?: number; pt?: Pt } | null;
  const travel = (a: Place, b: Place): { t: number; d: number } => {
    if (!a || !b) return { t: 0, d: 0 };
    if (mx) {
      const dm = mx.durations ?? mx.costs ?? mx.distances!;
      return { t: dm[a.idx!][b.idx!], d: mx.distances ? mx.distances[a.idx!][b.idx!] : 0 };
    }
    if (problem.metric === 'euclidean') {
      const d = Math.hypot(a.pt![0] - b.pt![0], a.pt![1] - b.pt![1]);
      return { t: d, d };
    }
    if (a.pt![0] === b.pt![0] && a.pt![1] === b.pt![1]) return { t: 0, d: 0 };
    const d = greatCircle(a.pt!, b.pt!) * (problem.road_factor ?? 1.3);
    return { t: Math.round(d / (((problem.speed_kmh ?? 40) * 1000) / 3600)), d };
  };
  const same = (a: Place, b: Place) =>
    !!a && !!b && (mx ? a.idx === b.idx : a.pt![0] === b.pt![0] && a.pt![1] === b.pt![1]);
  const jobPlace = (id: number): Place => {
    const j = jobs.get(id)!;
    return mx ? { idx: j.location_index } : { pt: j.location as Pt };
  };
  const inWindows = (t: number, ws: [number, number][] | undefined) =>
    !ws || ws.length === 0 || ws.some(([a, b]) => t >= a - EPS && t <= b + EPS);
  const firstStart = (t: number, ws: [number, number][] | undefined): number => {
    if (!ws || ws.length === 0) return t;
    let best = Infinity;
    for (const [a, b] of ws) if (t <= b + EPS) best = Math.min(best, Math.max(a, t));
    return best;
  };

  const seen = new Map<number, string>();
  const mark = (id: number, where: string) => {
    if (!jobs.has(id)) errors.push(`unknown job ${id} in ${where}`);
    else if (seen.has(id)) errors.push(`job ${id} appears twice (${seen.get(id)} and ${where})`);
    else seen.set(id, where);
  };
  for (const u of solution.unassigned) {
    mark(u.id, 'unassigned');
    if (!u.reason) errors.push(`unassigned job ${u.id} has no reason`);
  }
  let totalDistance = 0;
  let totalLate = 0;
  let served = 0;
  const usedVehicles = new Set<number>();
  for (const route of solution.routes) {
    const v = vehicles.get(route.vehicle);
    if (!v) {
      errors.push(`route for unknown vehicle ${route.vehicle}`);
      continue;
    }
    if (usedVehicles.has(v.id)) errors.push(`vehicle ${v.id} has two routes`);
    usedVehicles.add(v.id);
    const where = `vehicle ${v.id}`;
    const steps = route.steps;
    if (steps[0]?.type !== 'start' || steps[steps.length - 1]?.type !== 'end') errors.push(`${where}: route must go from start to end`);
    const skills = new Set(v.skills ?? []);
    const cap = v.capacity;
    const K = Math.max(cap?.length ?? 0, ...[...jobs.values()].map((j) => Math.max(j.delivery?.length ?? 0, j.pickup?.length ?? 0, j.amount?.length ?? 0)));
    const startPlace: Place = mx ? (v.start_index !== undefined ? { idx: v.start_index } : null) : v.start ? { pt: v.start as Pt } : null;
    const endPlace: Place = mx ? (v.end_index !== undefined ? { idx: v.end_index } : null) : v.end ? { pt: v.end as Pt } : null;
    const tw = v.time_window ?? [0, Infinity];
    let t = Math.max(tw[0], steps[0]?.arrival ?? tw[0]);
    let place: Place = startPlace;
    let dist = 0;
    const load = new Array(K).fill(0);
    let count = 0;
    const breaksSeen = new Set<number>();
    const jobOrder: number[] = [];
    let late = 0;
    // Breaks float in the drive (VROOM's semantics): time spent waiting for a break's window
    // since the last stop may be spent driving on.
    let idle = 0;
    for (const s of steps) if (s.type === 'job') for (let k = 0; k < K; k++) {
      const j = jobs.get(s.id!);
      load[k] += (j?.delivery ?? j?.amount ?? [])[k] ?? 0;
    }
    const checkLoad = (at: string) => {
      if (cap) for (let k = 0; k < K; k++) if (load[k] > (cap[k] ?? 0) + EPS) errors.push(`${where}: load ${load[k]} over capacity ${cap[k] ?? 0} at ${at}`);
    };
    checkLoad('start');
    for (const s of steps.slice(1)) {
      if (s.type === 'job') {
        const j = jobs.get(s.id!);
        mark(s.id!, where);
        if (!j) continue;
        count++;
        served++;
        jobOrder.push(j.id);
        for (const sk of j.skills ?? []) if (!skills.has(sk)) errors.push(`${where}: job ${j.id} needs skill ${sk}`);
        const p = jobPlace(j.id);
        const leg = travel(place, p);
        dist += leg.d || (mx ? 0 : leg.t);
        const arrival = t + Math.max(0, leg.t - idle);
        idle = 0;
        const setup = same(place, p) ? 0 : (j.setup ?? 0);
        let start = firstStart(arrival + setup, j.time_windows);
        for (const st of v.steps ?? []) if (st.type === 'job' && st.id === j.id) {
          if (st.service_at !== undefined && Math.abs(start - st.service_at) > EPS && start < st.service_at) start = st.service_at;
          if (st.service_after !== undefined && start < st.service_after) start = st.service_after;
          if (st.service_before !== undefined && start > st.service_before + EPS) errors.push(`${where}: job ${j.id} starts after its service_before`);
          if (st.service_at !== undefined && Math.abs(start - st.service_at) > EPS) errors.push(`${where}: job ${j.id} not at its service_at`);
        }
        if (!Number.isFinite(start) || !inWindows(start, j.time_windows)) errors.push(`${where}: job ${j.id} cannot start inside a time window (arrives ${arrival})`);
        const reported = s.arrival + (s.setup ?? 0) + (s.waiting_time ?? 0);
        if (reported < start - 1e-4) errors.push(`${where}: job ${j.id} reported to start at ${reported}, before it can (${start})`);
        if (!inWindows(reported, j.time_windows)) errors.push(`${where}: job ${j.id} reported start ${reported} outside its windows`);
        // A soft deadline: the start as planned is judged against it, in minutes of 60 time units.
        const rate = j.late_cost_per_minute ?? 0;
        const lateMinutes = j.deadline !== undefined && rate > 0 ? Math.max(0, reported - j.deadline) / 60 : 0;
        late += lateMinutes * rate;
        if (Math.abs((s.late_minutes ?? 0) - lateMinutes) > 1e-3) errors.push(`${where}: job ${j.id} reported ${s.late_minutes ?? 0} minutes late, is ${lateMinutes}`);
        t = Math.max(start, reported) + (j.service ?? 0);
        place = p;
        for (let k = 0; k < K; k++) load[k] += ((j.pickup ?? [])[k] ?? 0) - ((j.delivery ?? j.amount ?? [])[k] ?? 0);
        checkLoad(`job ${j.id}`);
      } else if (s.type === 'break') {
        const b = (v.breaks ?? []).find((x) => x.id === s.id);
        if (!b) {
          errors.push(`${where}: unknown break ${s.id}`);
          continue;
        }
        if (breaksSeen.has(b.id)) errors.push(`${where}: break ${b.id} twice`);
        breaksSeen.add(b.id);
        const start = firstStart(t, b.time_windows);
        if (!Number.isFinite(start)) errors.push(`${where}: break ${b.id} misses its windows`);
        const reported = s.arrival + (s.waiting_time ?? 0);
        const begin = Math.max(start, reported);
        idle += begin - t;
        t = begin + (b.service ?? 0);
      } else if (s.type === 'end') {
        const leg = travel(place, endPlace);
        dist += leg.d || (mx ? 0 : leg.t);
        t += Math.max(0, leg.t - idle);
        idle = 0;
        if (t > tw[1] + EPS) errors.push(`${where}: back at ${t}, after the shift ends at ${tw[1]}`);
      }
    }
    for (const b of v.breaks ?? []) if (!breaksSeen.has(b.id)) errors.push(`${where}: break ${b.id} missing`);
    if (v.max_tasks !== undefined && count > v.max_tasks) errors.push(`${where}: ${count} jobs, max_tasks ${v.max_tasks}`);
    const fixed = (v.steps ?? []).filter((s) => s.type === 'job').map((s) => s.id!);
    const kept = jobOrder.filter((id) => fixed.includes(id));
    if (kept.join(',') !== fixed.join(',')) {
      const missing = fixed.filter((id) => !kept.includes(id) && !solution.unassigned.some((u) => u.id === id));
      if (missing.length > 0 || kept.join(',') !== fixed.filter((id) => kept.includes(id)).join(','))
        errors.push(`${where}: fixed steps ${fixed.join(',')} not kept in order (got ${kept.join(',')})`);
    }
    if (mx && !mx.distances) dist = 0;
    totalDistance += dist;
    if (Math.abs((route.lateness_cost ?? 0) - late) > 1e-3 * Math.max(1, late)) errors.push(`${where}: lateness cost ${route.lateness_cost ?? 0} reported, is ${late}`);
    totalLate += late;
  }
  for (const v of problem.vehicles)
    for (const s of v.steps ?? [])
      if (s.type === 'job' && seen.get(s.id!) !== undefined && seen.get(s.id!) !== `vehicle ${v.id}` && seen.get(s.id!) !== 'unassigned')
        errors.push(`job ${s.id} is fixed to vehicle ${v.id} but planned on ${seen.get(s.id!)}`);
  for (const id of jobs.keys()) if (!seen.has(id)) errors.push(`job ${id} is neither planned nor unassigned`);
  const reportedLate = solution.summary?.lateness_cost ?? 0;
  if (Math.abs(reportedLate - totalLate) > 1e-3 * Math.max(1, totalLate)) errors.push(`total lateness cost ${reportedLate} reported, is ${totalLate}`);
  return { ok: errors.length === 0, errors, vehicles: solution.routes.length, distance: totalDistance, served, lateness: totalLate };
}

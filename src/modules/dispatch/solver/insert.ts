// "Who can take this job now, and when?": rank every feasible (technician, position) of an
// existing plan for one new job, cheapest first. The plan is prepared once; each question
// then costs one pass over the planned stops.
import { buildModel, haversineMetres, ProblemError, type Model } from './model.js';
import { earliestIn, grow, insertionCost, newRoute, updateRoute, type Route } from './route.js';
import type { Solution, VroomJob, VroomProblem } from './types.js';

export interface Plan {
  problem: VroomProblem;
  md: Model;
  routes: Route[]; // one per vehicle, in problem order
  probe: number; // job node reserved for the job being asked about
  planned: Set<number>; // job ids already in the plan
}

export interface InsertionOption {
  vehicle: number;
  /** Number of jobs of this vehicle's route that come before the new job. */
  position: number;
  /** Added cost (travel, plus fixed cost when the technician was idle, plus lateness). */
  cost: number;
  /** Earliest start of service for the new job at this position. */
  start: number;
  arrival: number;
}

const PROBE_ID = -0x7fffffff;

/** Prepare a plan (a solution of `problem`, or empty routes) for repeated `insert` questions. */
export function createPlan(problem: VroomProblem, solution?: Solution): Plan {
  const jobs = problem.jobs ?? [];
  const usesMatrix = !!(problem.matrices || problem.matrix);
  const probeJob: VroomJob = usesMatrix ? { id: PROBE_ID, location_index: 0 } : { id: PROBE_ID, location: [0, 0] };
  const md = buildModel({ ...problem, jobs: [...jobs, probeJob] }, { probe: true });
  const probe = md.n - 1;
  const routes = Array.from({ length: md.m }, (_, v) => newRoute(md, v));
  const jobIndex = new Map(jobs.map((j, i) => [j.id, i]));
  const vIndex = new Map(problem.vehicles.map((v, i) => [v.id, i]));
  const planned = new Set<number>();
  for (const r of solution?.routes ?? []) {
    const v = vIndex.get(r.vehicle);
    if (v === undefined) throw new ProblemError(`plan has a route for unknown vehicle ${r.vehicle}`);
    const route = routes[v];
    const breaks = problem.vehicles[v].breaks ?? [];
    const nodes: number[] = [];
    for (const s of r.steps) {
      if (s.type === 'job') {
        const j = jobIndex.get(s.id!);
        if (j === undefined) throw new ProblemError(`plan has unknown job ${s.id}`);
        nodes.push(j);
        planned.add(s.id!);
      } else if (s.type === 'break') {
        const b = breaks.findIndex((x) => x.id === s.id);
        if (b >= 0) nodes.push(md.vBreaks[v][b]);
      }
    }
    for (const b of md.vBreaks[v]) if (!nodes.includes(b)) nodes.push(b);
    grow(md, route, nodes.length);
    route.nodes.set(nodes);
    route.len = nodes.length;
    updateRoute(md, route);
  }
  return { problem, md, routes, probe, planned };
}

function setProbe(plan: Plan, job: VroomJob): void {
  const { md, probe, problem } = plan;
  const NL = md.nl;
  const P = md.nodeLoc[probe];
  if (problem.matrices || problem.matrix) {
    const mx = problem.matrices ? (problem.matrices.car ?? Object.values(problem.matrices)[0]) : { durations: problem.matrix };
    const li = job.location_index;
    const size = (mx.durations ?? mx.costs ?? mx.distances)!.length;
    if (li === undefined || li < 0 || li >= size) throw new ProblemError('job needs a location_index inside the matrix');
    for (let a = 0; a < NL; a++) {
      const from = a === md.none || a === P ? -1 : a;
      md.dur[a * NL + P] = from < 0 ? 0 : md.dur[from * NL + li];
      md.dur[P * NL + a] = from < 0 ? 0 : md.dur[li * NL + from];
      if (md.dist !== md.dur) {
        md.dist[a * NL + P] = from < 0 ? 0 : md.dist[from * NL + li];
        md.dist[P * NL + a] = from < 0 ? 0 : md.dist[li * NL + from];
      }
      if (md.cost !== md.dur) {
        md.cost[a * NL + P] = from < 0 ? 0 : md.cost[from * NL + li];
        md.cost[P * NL + a] = from < 0 ? 0 : md.cost[li * NL + from];
      }
    }
  } else {
    const c = job.location;
    if (!c) throw new ProblemError('job needs a location');
    for (let a = 0; a < NL; a++) {
      const ca = md.coords[a];
      let d = 0;
      let t = 0;
      if (ca && a !== P) {
        if (md.metric === 'euclidean') d = t = Math.hypot(ca[0] - c[0], ca[1] - c[1]);
        else {
          d = ca[0] === c[0] && ca[1] === c[1] ? 0 : haversineMetres(ca, c) * md.roadFactor;
          t = Math.round(d / md.speedMs);
        }
      }
      md.dur[a * NL + P] = md.dur[P * NL + a] = t;
      if (md.dist !== md.dur) md.dist[a * NL + P] = md.dist[P * NL + a] = d;
    }
  }
  md.service[probe] = job.service ?? 0;
  md.setup[probe] = job.setup ?? 0;
  // The probe's windows sit just before the breaks' windows; rebuild that part of the table.
  const ws = (job.time_windows && job.time_windows.length > 0 ? [...job.time_windows] : [[0, Infinity] as [number, number]]).sort(
    (a, b) => a[0] - b[0],
  );
  const a = md.twFirst[probe];
  const b = md.twFirst[probe + 1];
  const lo = Array.from(md.twLo.subarray(0, a)).concat(ws.map((w) => w[0]), Array.from(md.twLo.subarray(b)));
  const hi = Array.from(md.twHi.subarray(0, a)).concat(ws.map((w) => w[1]), Array.from(md.twHi.subarray(b)));
  const shift = ws.length - (b - a);
  for (let i = probe + 1; i < md.twFirst.length; i++) md.twFirst[i] += shift;
  md.twLo = Float64Array.from(lo);
  md.twHi = Float64Array.from(hi);
  const K = md.K;
  for (let k = 0; k < K; k++) {
    md.delivery[probe * K + k] = (job.delivery ?? job.amount ?? [])[k] ?? 0;
    md.pickup[probe * K + k] = (job.pickup ?? [])[k] ?? 0;
  }
  if (job.deadline !== undefined && (job.late_cost_per_minute ?? 0) > 0) {
    md.deadline[probe] = job.deadline;
    md.lateRate[probe] = job.late_cost_per_minute! / 60;
    md.hasDeadlines = true;
  } else {
    md.deadline[probe] = Infinity;
    md.lateRate[probe] = 0;
  }
  const skills = job.skills ?? [];
  for (let v = 0; v < md.m; v++) {
    let ok = skills.every((s) => md.vSkills[v].has(s));
    for (let k = 0; k < K && ok; k++)
      if (md.delivery[probe * K + k] > md.vCap[v * K + k] || md.pickup[probe * K + k] > md.vCap[v * K + k]) ok = false;
    md.compat[probe * md.m + v] = ok ? 1 : 0;
  }
}

/** Every feasible (technician, position) for `job` in the plan, cheapest first. The plan is not changed. */
export function insert(plan: Plan, job: VroomJob, options: { limit?: number } = {}): InsertionOption[] {
  const { md, probe, routes } = plan;
  setProbe(plan, job);
  const out: InsertionOption[] = [];
  const NL = md.nl;
  const lj = md.nodeLoc[probe];
  for (const r of routes) {
    const v = r.v;
    if (!md.compat[probe * md.m + v] || !r.feasible || r.jobs >= md.vMaxTasks[v]) continue;
    let before = 0;
    for (let p = 0; p <= r.len; p++) {
      if (p > 0 && r.nodes[p - 1] < md.n) before++;
      const c = insertionCost(md, r, probe, p);
      if (c === Infinity) continue;
      const prev = r.loc[p];
      const depart = r.est[p] + (p > 0 ? md.service[r.nodes[p - 1]] : 0);
      const drive = md.dur[prev * NL + lj] - r.gap[p]; // after a break: what waiting for it did not cover
      const arrival = depart + (drive > 0 ? drive : 0);
      const start = earliestIn(md, probe, arrival + (prev !== lj ? md.setup[probe] : 0));
      out.push({ vehicle: md.vehicleId[v], position: before, cost: c, start, arrival });
    }
  }
  out.sort((a, b) => a.cost - b.cost || a.start - b.start || a.vehicle - b.vehicle);
  return options.limit !== undefined ? out.slice(0, options.limit) : out;
}

// The flat, typed-array form of a problem that the search works on.
import type { Coordinates, VroomProblem, VroomVehicle } from './types.js';

export interface Model {
  n: number; // jobs: node ids 0..n-1
  m: number; // vehicles
  nb: number; // breaks: node ids n..n+nb-1
  K: number; // capacity dimensions
  nl: number; // locations, the last one is a "nowhere" with zero travel (open routes)
  none: number; // index of that nowhere location
  dur: Float64Array;
  dist: Float64Array;
  cost: Float64Array;
  coords: (Coordinates | undefined)[]; // per location, when known
  metric: 'euclidean' | 'haversine' | 'matrix';
  roadFactor: number;
  speedMs: number;
  // nodes (jobs then breaks)
  nodeLoc: Int32Array; // -1 for breaks: they happen where the technician is
  service: Float64Array;
  setup: Float64Array;
  twFirst: Int32Array; // windows of node i are twLo/twHi[twFirst[i] .. twFirst[i+1])
  twLo: Float64Array;
  twHi: Float64Array;
  breakVehicle: Int32Array; // per break (index - n)
  // jobs
  jobId: number[];
  delivery: Float64Array; // n*K
  pickup: Float64Array; // n*K
  priority: Float64Array;
  weight: Float64Array; // penalty weight of leaving the job out: priority first, then count
  deadline: Float64Array; // +Infinity when none
  lateRate: Float64Array; // cost per time unit late
  compat: Uint8Array; // n*m: skills, capacity and pinning allow job on vehicle
  skillsOk: Uint8Array; // n*m: skills alone
  pinnedTo: Int32Array; // vehicle index or -1
  jobSkills: number[][];
  // vehicles
  vehicleId: number[];
  vStart: Int32Array;
  vEnd: Int32Array;
  vTwLo: Float64Array;
  vTwHi: Float64Array;
  vCap: Float64Array; // m*K, +Infinity when none
  vMaxTasks: Int32Array;
  vFixed: Float64Array;
  vBreaks: number[][]; // node ids in order
  vPinned: number[][]; // job nodes in the order given by the vehicle's steps
  vClass: Int32Array; // vehicles with identical attributes share a class
  vSkills: Set<number>[];
  hasDeadlines: boolean;
  // per job: other jobs by increasing cost from it (truncated), computed lazily
  adj?: Int32Array[];
  scale: number; // a typical arc cost, for temperatures
}

const HAVERSINE_R = 6371008.8;

export function haversineMetres(a: Coordinates, b: Coordinates): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * HAVERSINE_R * Math.asin(Math.min(1, Math.sqrt(s)));
}

export class ProblemError extends Error {}

function sortedWindows(w: [number, number][] | undefined): [number, number][] {
  if (!w || w.length === 0) return [[0, Infinity]];
  for (const [a, b] of w) {
    if (!(a <= b)) throw new ProblemError(`time window [${a}, ${b}] is empty`);
  }
  return [...w].sort((x, y) => x[0] - y[0]);
}

function intersect(ws: [number, number][], lo: number, hi: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of ws) {
    const x = Math.max(a, lo);
    const y = Math.min(b, hi);
    if (x <= y) out.push([x, y]);
  }
  return out;
}

/** Vehicles with the same key are interchangeable: trying one empty route of each kind is enough. */
function vehicleShapeKey(v: VroomVehicle): string {
  return JSON.stringify([
    v.start, v.start_index, v.end, v.end_index, v.capacity, [...(v.skills ?? [])].sort(), v.time_window,
    v.breaks?.map((x) => [x.service, x.time_windows]), v.max_tasks, v.costs, v.steps?.length ? v.id : 0,
  ]);
}

/**
 * `probe`: the last job is a placeholder with a location slot of its own, filled in later
 * by `insert` for each job it is asked about.
 */
export function buildModel(p: VroomProblem, opts: { probe?: boolean } = {}): Model {
  const jobs = p.jobs ?? [];
  const vehicles = p.vehicles ?? [];
  if (!Array.isArray(vehicles) || vehicles.length === 0) throw new ProblemError('no vehicles');
  if (p.shipments && p.shipments.length > 0) throw new ProblemError('shipments are not supported yet');
  const n = jobs.length;
  const m = vehicles.length;
  const seenJob = new Set<number>();
  for (const j of jobs) {
    if (typeof j.id !== 'number') throw new ProblemError('a job has no numeric id');
    if (seenJob.has(j.id)) throw new ProblemError(`duplicate job id ${j.id}`);
    seenJob.add(j.id);
  }

  // Locations: either all from a matrix (indices) or all from coordinates.
  const matrix = p.matrices ? (p.matrices.car ?? Object.values(p.matrices)[0]) : p.matrix ? { durations: p.matrix } : undefined;
  const coords: (Coordinates | undefined)[] = [];
  let nl: number;
  const jobLoc = new Int32Array(n);
  const vStart = new Int32Array(m);
  const vEnd = new Int32Array(m);
  let metric: Model['metric'];
  if (matrix) {
    metric = 'matrix';
    const base = matrix.durations ?? matrix.costs ?? matrix.distances;
    if (!base) throw new ProblemError('matrix has no durations');
    nl = base.length + (opts.probe ? 1 : 0);
    const need = (idx: number | undefined, what: string): number => {
      if (idx === undefined || !Number.isInteger(idx) || idx < 0 || idx >= nl) throw new ProblemError(`${what}: location_index missing or out of the matrix`);
      return idx;
    };
    jobs.forEach((j, i) => {
      if (opts.probe && i === n - 1) {
        jobLoc[i] = nl - 1;
        return;
      }
      jobLoc[i] = need(j.location_index, `job ${j.id}`);
      if (j.location) coords[jobLoc[i]] = j.location;
    });
    vehicles.forEach((v, i) => {
      vStart[i] = v.start_index === undefined ? -1 : need(v.start_index, `vehicle ${v.id} start`);
      vEnd[i] = v.end_index === undefined ? -1 : need(v.end_index, `vehicle ${v.id} end`);
      if (v.start && v.start_index !== undefined) coords[v.start_index] = v.start;
      if (v.end && v.end_index !== undefined) coords[v.end_index] = v.end;
    });
  } else {
    metric = p.metric === 'euclidean' ? 'euclidean' : 'haversine';
    const index = new Map<string, number>();
    const at = (c: Coordinates | undefined, what: string): number => {
      if (!c || c.length < 2 || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) throw new ProblemError(`${what}: location missing`);
      const k = `${c[0]},${c[1]}`;
      let i = index.get(k);
      if (i === undefined) {
        i = coords.length;
        index.set(k, i);
        coords.push([c[0], c[1]]);
      }
      return i;
    };
    jobs.forEach((j, i) => {
      if (opts.probe && i === n - 1) return;
      jobLoc[i] = at(j.location, `job ${j.id}`);
    });
    if (opts.probe) {
      jobLoc[n - 1] = coords.length;
      coords.push(undefined);
    }
    vehicles.forEach((v, i) => {
      vStart[i] = v.start ? at(v.start, `vehicle ${v.id} start`) : -1;
      vEnd[i] = v.end ? at(v.end, `vehicle ${v.id} end`) : -1;
    });
    nl = coords.length;
  }
  const none = nl;
  const NL = nl + 1;
  for (let i = 0; i < m; i++) {
    if (vStart[i] < 0) vStart[i] = none;
    if (vEnd[i] < 0) vEnd[i] = none;
  }
  const roadFactor = p.road_factor ?? 1.3;
  const speedMs = ((p.speed_kmh ?? 40) * 1000) / 3600;
  const dur = new Float64Array(NL * NL);
  let dist: Float64Array;
  let cost: Float64Array;
  if (matrix) {
    const fill = (src: number[][] | undefined, dst: Float64Array, what: string) => {
      if (!src) return false;
      const size = src.length;
      for (let a = 0; a < size; a++) {
        const row = src[a];
        if (!row || row.length !== size) throw new ProblemError(`${what} matrix is not square`);
        for (let b = 0; b < size; b++) dst[a * NL + b] = row[b];
      }
      return true;
    };
    fill(matrix.durations ?? matrix.costs ?? matrix.distances, dur, 'durations');
    dist = new Float64Array(NL * NL);
    if (!fill(matrix.distances, dist, 'distances')) dist.fill(0);
    if (matrix.costs) {
      cost = new Float64Array(NL * NL);
      fill(matrix.costs, cost, 'costs');
    } else cost = dur;
  } else if (metric === 'euclidean') {
    for (let a = 0; a < nl; a++)
      for (let b = 0; b < nl; b++) {
        const ca = coords[a];
        const cb = coords[b];
        if (!ca || !cb) continue;
        dur[a * NL + b] = Math.sqrt((ca[0] - cb[0]) ** 2 + (ca[1] - cb[1]) ** 2);
      }
    dist = dur;
    cost = dur;
  } else {
    dist = new Float64Array(NL * NL);
    // Great-circle distance is symmetric (bit for bit: the formula only squares the differences
    // and multiplies the cosines), so each pair is computed once: half the time on a big day.
    for (let a = 0; a < nl; a++)
      for (let b = a + 1; b < nl; b++) {
        if (!coords[a] || !coords[b]) continue;
        const d = haversineMetres(coords[a]!, coords[b]!) * roadFactor;
        const t = Math.round(d / speedMs);
        dist[a * NL + b] = d;
        dist[b * NL + a] = d;
        dur[a * NL + b] = t;
        dur[b * NL + a] = t;
      }
    cost = dur;
  }

  // Capacity dimensions.
  let K = 0;
  for (const v of vehicles) K = Math.max(K, v.capacity?.length ?? 0);
  for (const j of jobs) K = Math.max(K, j.delivery?.length ?? 0, j.pickup?.length ?? 0, j.amount?.length ?? 0);
  K = Math.max(K, 1);

  // Pinned jobs from vehicle steps.
  const jobIndex = new Map<number, number>();
  jobs.forEach((j, i) => jobIndex.set(j.id, i));
  const pinnedTo = new Int32Array(n).fill(-1);
  const vPinned: number[][] = vehicles.map(() => []);
  const stepWindow = new Map<number, [number, number]>();
  vehicles.forEach((v, vi) => {
    for (const s of v.steps ?? []) {
      if (s.type !== 'job') continue;
      const ji = s.id === undefined ? undefined : jobIndex.get(s.id);
      if (ji === undefined) throw new ProblemError(`vehicle ${v.id} step refers to unknown job ${s.id}`);
      if (pinnedTo[ji] >= 0) throw new ProblemError(`job ${s.id} is fixed to two vehicles`);
      pinnedTo[ji] = vi;
      vPinned[vi].push(ji);
      let lo = s.service_after ?? -Infinity;
      let hi = s.service_before ?? Infinity;
      if (s.service_at !== undefined) lo = hi = s.service_at;
      if (lo > -Infinity || hi < Infinity) stepWindow.set(ji, [lo, hi]);
    }
  });

  // Nodes: windows.
  const nbList: { v: number; b: NonNullable<VroomVehicle['breaks']>[number] }[] = [];
  vehicles.forEach((v, vi) => (v.breaks ?? []).forEach((b) => nbList.push({ v: vi, b })));
  const nb = nbList.length;
  const N = n + nb;
  const nodeLoc = new Int32Array(N);
  const service = new Float64Array(N);
  const setup = new Float64Array(N);
  const twFirst = new Int32Array(N + 1);
  const lo: number[] = [];
  const hi: number[] = [];
  const delivery = new Float64Array(n * K);
  const pickup = new Float64Array(n * K);
  const priority = new Float64Array(n);
  const weight = new Float64Array(n);
  const deadline = new Float64Array(n).fill(Infinity);
  const lateRate = new Float64Array(n);
  let hasDeadlines = false;
  for (let i = 0; i < n; i++) {
    const j = jobs[i];
    nodeLoc[i] = jobLoc[i];
    service[i] = j.service ?? 0;
    setup[i] = j.setup ?? 0;
    let ws = sortedWindows(j.time_windows);
    const sw = stepWindow.get(i);
    if (sw) ws = intersect(ws, sw[0], sw[1]);
    twFirst[i] = lo.length;
    for (const [a, b] of ws) {
      lo.push(a);
      hi.push(b);
    }
    const del = j.delivery ?? j.amount ?? [];
    const pic = j.pickup ?? [];
    for (let k = 0; k < K; k++) {
      delivery[i * K + k] = del[k] ?? 0;
      pickup[i * K + k] = pic[k] ?? 0;
    }
    priority[i] = j.priority ?? 0;
    weight[i] = priority[i] * (n + 1) + 1;
    if (j.deadline !== undefined && (j.late_cost_per_minute ?? 0) > 0) {
      deadline[i] = j.deadline;
      lateRate[i] = (j.late_cost_per_minute ?? 0) / 60;
      hasDeadlines = true;
    }
  }
  const breakVehicle = new Int32Array(nb);
  const vBreaks: number[][] = vehicles.map(() => []);
  nbList.forEach(({ v, b }, k) => {
    const id = n + k;
    nodeLoc[id] = -1;
    service[id] = b.service ?? 0;
    breakVehicle[k] = v;
    vBreaks[v].push(id);
    twFirst[id] = lo.length;
    for (const [a, c] of sortedWindows(b.time_windows)) {
      lo.push(a);
      hi.push(c);
    }
  });
  twFirst[N] = lo.length;

  // Vehicles.
  const vTwLo = new Float64Array(m);
  const vTwHi = new Float64Array(m);
  const vCap = new Float64Array(m * K);
  const vMaxTasks = new Int32Array(m);
  const vFixed = new Float64Array(m);
  const vSkills: Set<number>[] = [];
  const vClass = new Int32Array(m);
  const shapes = new Map<string, number>();
  vehicles.forEach((v, i) => {
    vTwLo[i] = v.time_window?.[0] ?? 0;
    vTwHi[i] = v.time_window?.[1] ?? Infinity;
    for (let k = 0; k < K; k++) vCap[i * K + k] = v.capacity ? (v.capacity[k] ?? 0) : Infinity;
    vMaxTasks[i] = v.max_tasks ?? 0x3fffffff;
    vFixed[i] = v.costs?.fixed ?? 0;
    vSkills.push(new Set(v.skills ?? []));
    const key = vehicleShapeKey(v);
    const first = shapes.get(key);
    vClass[i] = first ?? i;
    if (first === undefined) shapes.set(key, i);
  });
  const jobSkills = jobs.map((j) => j.skills ?? []);
  const compat = new Uint8Array(n * m);
  const skillsOk = new Uint8Array(n * m);
  for (let i = 0; i < n; i++)
    for (let v = 0; v < m; v++) {
      let ok = jobSkills[i].every((s) => vSkills[v].has(s));
      skillsOk[i * m + v] = ok ? 1 : 0;
      for (let k = 0; k < K && ok; k++)
        if (delivery[i * K + k] > vCap[v * K + k] || pickup[i * K + k] > vCap[v * K + k]) ok = false;
      if (pinnedTo[i] >= 0 && pinnedTo[i] !== v) ok = false;
      if (vMaxTasks[v] <= 0) ok = false;
      compat[i * m + v] = ok ? 1 : 0;
    }

  // A typical arc cost: mean cost between job locations and their nearest neighbours.
  let scale = 0;
  let cnt = 0;
  for (let i = 0; i < Math.min(n, 200); i++) {
    let best = Infinity;
    for (let q = 0; q < n; q++) if (q !== i) best = Math.min(best, cost[jobLoc[i] * NL + jobLoc[q]] + cost[jobLoc[q] * NL + jobLoc[i]]);
    if (Number.isFinite(best)) {
      scale += best / 2;
      cnt++;
    }
  }
  scale = cnt > 0 && scale > 0 ? scale / cnt : 1;

  return {
    n, m, nb, K, nl: NL, none, dur, dist, cost, coords, metric, roadFactor, speedMs,
    nodeLoc, service, setup, twFirst, twLo: Float64Array.from(lo), twHi: Float64Array.from(hi), breakVehicle,
    jobId: jobs.map((j) => j.id), delivery, pickup, priority, weight, deadline, lateRate, compat, skillsOk, pinnedTo, jobSkills,
    vehicleId: vehicles.map((v) => v.id), vStart, vEnd, vTwLo, vTwHi, vCap, vMaxTasks, vFixed, vBreaks, vPinned, vClass, vSkills,
    hasDeadlines, scale,
  };
}

/** The k-th smallest value of a (0-based), reordering a: Hoare's selection, linear on average. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const x = a[i];
        a[i] = a[j];
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Jobs ordered by closeness, for picking related jobs to remove together. */
export function adjacency(md: Model, limit = 100): Int32Array[] {
  if (md.adj) return md.adj;
  const { n, nl, cost, nodeLoc } = md;
  const keep = Math.min(limit, n);
  const adj: Int32Array[] = [];
  const key = new Float64Array(n);
  const sorted = new Float64Array(n);
  const pick: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < n; q++) key[q] = q === i ? -1 : cost[nodeLoc[i] * nl + nodeLoc[q]] + cost[nodeLoc[q] * nl + nodeLoc[i]];
    // The `keep` closest by (cost, index), as a full sort would list them: the keep-th smallest
    // cost is selected first, and only the jobs up to it are sorted (a comparator sort of every
    // job for every job took seconds on a 2,000-job day).
    sorted.set(key);
    const limitKey = keep > 0 ? select(sorted, keep - 1) : -Infinity;
    pick.length = 0;
    for (let q = 0; q < n; q++) if (key[q] <= limitKey) pick.push(q);
    pick.sort((a, b) => key[a] - key[b] || a - b);
    adj.push(Int32Array.from(pick.slice(0, keep)));
  }
  md.adj = adj;
  return adj;
}

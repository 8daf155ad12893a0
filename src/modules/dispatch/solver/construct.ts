// The first plan of a big day: parallel regret insertion over each job's nearest technicians.
// Sequential cheapest insertion (one job after another, each where it costs least now) fills
// the technicians nearest to the first jobs with whatever comes first, and leaves later jobs
// with only poor places; regret insertion places first the job that would lose most by waiting
// (the gap between its best and second-best technician), so each technician's day is built from
// the jobs that need it most. Each job only looks at its `k` nearest technicians, so after an
// insertion only the jobs that have that technician among theirs are priced again.
import type { Model } from './model.js';
import { insertionRest, insertNode, type Route } from './route.js';

export interface ConstructPlan {
  routes: Route[];
  routeOf: Int32Array;
}

let bestPos = -1;

/** Cheapest feasible insertion of job j into r (position in bestPos); Infinity when none. */
function cheapest(md: Model, r: Route, j: number, lastTw: number): number {
  const { nl, cost } = md;
  const v = r.v;
  bestPos = -1;
  if (!r.feasible || r.jobs >= md.vMaxTasks[v]) return Infinity;
  const lj = md.nodeLoc[j];
  const { est, loc, nextLoc } = r;
  const empty = r.jobs === 0;
  let best = Infinity;
  for (let p = 0; p <= r.len; p++) {
    if (est[p] > lastTw) break;
    const a = loc[p];
    const b = nextLoc[p];
    let delta = cost[a * nl + lj] + cost[lj * nl + b] - cost[a * nl + b];
    if (empty) delta += cost[a * nl + b] + md.vFixed[v];
    if (delta >= best) continue;
    const c = insertionRest(md, r, j, p, delta);
    if (c < best) {
      best = c;
      bestPos = p;
    }
  }
  return best;
}

/**
 * Insert as many of `jobs` as fit into the plan, higher weight (priority) first, then by regret:
 * the difference between a job's cheapest and second-cheapest technician among its `k` nearest
 * (a job with a single possible technician goes first). Returns the jobs inserted, in order.
 */
export function regretInsertion(md: Model, s: ConstructPlan, jobs: readonly number[], k: number): number[] {
  const { m, nl, cost, nodeLoc } = md;
  const cnt = jobs.length;
  const K = Math.min(k, m);
  // Nearest technicians of each job: closeness from any place the route visits now (home, end,
  // booked stops), among those allowed to take the job. Jobs go in blocks so that the closeness
  // table of a block stays in the cache; matrix rows are read in order.
  const B = 128;
  const near = new Float64Array(B * m);
  const jobLoc = new Int32Array(cnt);
  for (let x = 0; x < cnt; x++) jobLoc[x] = nodeLoc[jobs[x]];
  const veh = new Int32Array(cnt * K).fill(-1);
  const price = new Float64Array(cnt * K).fill(Infinity);
  const place = new Int32Array(cnt * K);
  const users: number[][] = Array.from({ length: m }, () => []); // per vehicle: slots (job index * K + c)
  const lastTw = new Float64Array(cnt);
  const top = new Float64Array(K); // the K nearest so far, by closeness (veh holds the vehicles)
  for (let xb = 0; xb < cnt; xb += B) {
    const xe = Math.min(cnt, xb + B);
    near.fill(Infinity);
    for (let v = 0; v < m; v++) {
      const r = s.routes[v];
      for (let p = 0; p <= r.len + 1; p++) {
        const row = r.loc[p] * nl;
        for (let x = xb; x < xe; x++) {
          const e = cost[row + jobLoc[x]];
          if (e < near[(x - xb) * m + v]) near[(x - xb) * m + v] = e;
        }
      }
    }
    for (let x = xb; x < xe; x++) {
      const j = jobs[x];
      lastTw[x] = md.twHi[md.twFirst[j + 1] - 1];
      const base = x * K;
      let c = 0;
      for (let v = 0; v < m; v++) {
        if (!md.compat[j * m + v]) continue;
        const d = near[(x - xb) * m + v];
        if (c === K && d >= top[K - 1]) continue;
        let q = c < K ? c++ : K - 1;
        while (q > 0 && top[q - 1] > d) {
          top[q] = top[q - 1];
          veh[base + q] = veh[base + q - 1];
          q--;
        }
        top[q] = d;
        veh[base + q] = v;
      }
      for (let q = 0; q < c; q++) {
        const v = veh[base + q];
        users[v].push(base + q);
        price[base + q] = cheapest(md, s.routes[v], j, lastTw[x]);
        place[base + q] = bestPos;
      }
    }
  }
  // Best and second-best price per job.
  // score: the regret (a single option beats any regret); -Infinity when done or nowhere to go.
  const score = new Float64Array(cnt);
  const bestSlot = new Int32Array(cnt);
  const wgt = new Float64Array(cnt);
  for (let x = 0; x < cnt; x++) wgt[x] = md.weight[jobs[x]];
  const rank = (x: number) => {
    let b1 = Infinity;
    let b2 = Infinity;
    let slot = -1;
    for (let q = x * K; q < x * K + K; q++) {
      const c = price[q];
      if (c < b1) {
        b2 = b1;
        b1 = c;
        slot = q;
      } else if (c < b2) b2 = c;
    }
    score[x] = b1 === Infinity ? -Infinity : b2 === Infinity ? Number.MAX_VALUE - b1 : b2 - b1;
    bestSlot[x] = slot;
  };
  for (let x = 0; x < cnt; x++) rank(x);
  const done = new Uint8Array(cnt);
  const inserted: number[] = [];
  for (;;) {
    // The job with the highest weight, then the largest regret (a single option beats any regret).
    let pick = -1;
    let pw = -Infinity;
    let pr = -Infinity;
    for (let x = 0; x < cnt; x++) {
      const reg = score[x];
      if (reg === -Infinity) continue;
      const w = wgt[x];
      if (w > pw || (w === pw && reg > pr)) {
        pick = x;
        pw = w;
        pr = reg;
      }
    }
    if (pick < 0) break;
    const slot = bestSlot[pick];
    const v = veh[slot];
    const j = jobs[pick];
    insertNode(md, s.routes[v], place[slot], j);
    s.routeOf[j] = v;
    done[pick] = 1;
    score[pick] = -Infinity;
    inserted.push(j);
    // Only the jobs that count this technician among theirs see a change.
    const r = s.routes[v];
    for (const q of users[v]) {
      const x = (q / K) | 0;
      if (done[x]) continue;
      price[q] = cheapest(md, r, jobs[x], lastTw[x]);
      place[q] = bestPos;
      rank(x);
    }
  }
  return inserted;
}

// One technician's day as arrays, with the forward/backward schedule that makes every
// insertion check O(1) (plus a walk over breaks that follow the insertion point).
import type { Model } from './model.js';

export interface Route {
  v: number;
  len: number; // nodes between start and end (jobs and breaks)
  jobs: number;
  nodes: Int32Array;
  // Position arrays: 0 = start, 1..len = nodes, len+1 = end.
  loc: Int32Array; // where the technician is (a break inherits the previous place)
  est: Float64Array; // earliest start of service (start: departure, end: arrival)
  lst: Float64Array; // latest start of service that keeps the rest of the day feasible
  nextLoc: Int32Array; // place of the next real stop after this position
  // Breaks float in the drive between two stops, as VROOM and check.py have them: the technician
  // may drive while waiting for a break's window, so a break taken "while waiting" costs no drive.
  // gap: at a break, the idle time (waiting for break windows) since the last stop, which the
  // drive to the next stop can use; 0 at stops. rem: at a break, in the backward pass, the part
  // of that drive still to be placed before the break's latest start; 0 at stops.
  gap: Float64Array;
  rem: Float64Array;
  load: Float64Array; // K per position: load on leaving
  pre: Float64Array; // K per position: max load up to here
  suf: Float64Array; // K per position: max load from here on
  // Travel and lateness summed from the start up to each position, in route order, so that an
  // update from position i on gives the very same totals (bit for bit) as a full rebuild.
  cum: Float64Array;
  cumLate: Float64Array;
  travel: number;
  late: number;
  feasible: boolean;
  // The longest time between leaving a position and the latest start of the next one: a job
  // with a longer service cannot go anywhere in this route (most left-out jobs on a full day).
  slack: number;
}

export function newRoute(md: Model, v: number): Route {
  const cap = md.vBreaks[v].length + 8;
  const r: Route = {
    v, len: 0, jobs: 0, nodes: new Int32Array(cap), loc: new Int32Array(0), est: new Float64Array(0), lst: new Float64Array(0),
    nextLoc: new Int32Array(0), gap: new Float64Array(0), rem: new Float64Array(0), load: new Float64Array(0), pre: new Float64Array(0), suf: new Float64Array(0),
    cum: new Float64Array(0), cumLate: new Float64Array(0), travel: 0, late: 0, feasible: true, slack: 0,
  };
  allocPositions(md, r, cap);
  for (const b of md.vBreaks[v]) r.nodes[r.len++] = b;
  updateRoute(md, r);
  return r;
}

export function grow(md: Model, r: Route, need: number): void {
  if (r.nodes.length >= need) return;
  const cap = Math.max(need, r.nodes.length * 2);
  const nodes = new Int32Array(cap);
  nodes.set(r.nodes.subarray(0, r.len));
  r.nodes = nodes;
  allocPositions(md, r, cap);
}

/** Fresh (zeroed) position arrays for up to cap nodes; the schedule must be rebuilt after. */
export function allocPositions(md: Model, r: Route, cap: number): void {
  r.loc = new Int32Array(cap + 2);
  r.est = new Float64Array(cap + 2);
  r.lst = new Float64Array(cap + 2);
  r.nextLoc = new Int32Array(cap + 2);
  r.gap = new Float64Array(cap + 2);
  r.rem = new Float64Array(cap + 2);
  r.load = new Float64Array((cap + 2) * md.K);
  r.pre = new Float64Array((cap + 2) * md.K);
  r.suf = new Float64Array((cap + 2) * md.K);
  r.cum = new Float64Array(cap + 2);
  r.cumLate = new Float64Array(cap + 2);
}

/** Earliest start in one of node's windows at or after t; Infinity when none. */
export function earliestIn(md: Model, node: number, t: number): number {
  const end = md.twFirst[node + 1];
  for (let w = md.twFirst[node]; w < end; w++) {
    if (t <= md.twHi[w]) return t < md.twLo[w] ? md.twLo[w] : t;
  }
  return Infinity;
}

/** Latest start in one of node's windows at or before t; -Infinity when none. */
export function latestIn(md: Model, node: number, t: number): number {
  const first = md.twFirst[node];
  for (let w = md.twFirst[node + 1] - 1; w >= first; w--) {
    if (t >= md.twLo[w]) return t > md.twHi[w] ? md.twHi[w] : t;
  }
  return -Infinity;
}

/** The part of a drive not already done while waiting for breaks' windows (idle time g). */
function driveLeft(d: number, g: number): number {
  return d > g ? d - g : 0;
}

/**
 * Latest start at position i (the start: latest departure) from position i+1's latest start,
 * walking the drive backwards through the breaks in it; sets rem[i] at breaks. Reverse of the
 * forward pass: a break starts as late as it may, and the time between its end and the next
 * latest start takes as much of the drive as it can.
 */
function latestAt(md: Model, r: Route, i: number): number {
  const { n, nl, dur, setup, service } = md;
  const { nodes, loc, lst, rem } = r;
  const nxt = i + 1 <= r.len ? nodes[i] : -1; // node at position i+1
  let L: number;
  let R: number;
  if (nxt >= n) {
    L = lst[i + 1];
    R = rem[i + 1];
  } else {
    L = lst[i + 1] - (nxt >= 0 && loc[i] !== loc[i + 1] ? setup[nxt] : 0);
    R = dur[loc[i] * nl + loc[i + 1]];
  }
  if (i === 0) {
    rem[0] = 0;
    return L - R;
  }
  const node = nodes[i - 1];
  if (node < n) {
    rem[i] = 0;
    return latestIn(md, node, L - R - service[node]);
  }
  const ls = latestIn(md, node, L - service[node]);
  if (ls === -Infinity) {
    rem[i] = R;
    return ls;
  }
  const after = L - ls - service[node];
  rem[i] = R > after ? R - after : 0;
  return ls;
}

export function updateRoute(md: Model, r: Route): void {
  const { n, nl, dur, cost, service, setup, nodeLoc, K } = md;
  const { nodes, loc, est, lst, nextLoc, gap, rem, cum, cumLate } = r;
  const len = r.len;
  const v = r.v;
  let jobs = 0;
  let travel = 0;
  let late = 0;
  let feasible = true;
  loc[0] = md.vStart[v];
  est[0] = md.vTwLo[v];
  cum[0] = 0;
  cumLate[0] = 0;
  gap[0] = 0;
  let t = est[0];
  let g = 0;
  for (let i = 1; i <= len; i++) {
    const node = nodes[i - 1];
    const prevLoc = loc[i - 1];
    let arr: number;
    if (node >= n) {
      loc[i] = prevLoc;
      arr = t;
    } else {
      jobs++;
      const l = nodeLoc[node];
      loc[i] = l;
      arr = t + driveLeft(dur[prevLoc * nl + l], g) + (prevLoc !== l ? setup[node] : 0);
      travel += cost[prevLoc * nl + l];
    }
    const s = earliestIn(md, node, arr);
    if (s === Infinity) feasible = false;
    g = node >= n && s !== Infinity ? g + s - arr : 0;
    gap[i] = g;
    est[i] = s;
    if (node < n && s > md.deadline[node]) late += (s - md.deadline[node]) * md.lateRate[node];
    cum[i] = travel;
    cumLate[i] = late;
    t = s + service[node];
  }
  const e = len + 1;
  loc[e] = md.vEnd[v];
  est[e] = t + driveLeft(dur[loc[len] * nl + loc[e]], g);
  gap[e] = 0;
  rem[e] = 0;
  travel += cost[loc[len] * nl + loc[e]];
  cum[e] = travel;
  cumLate[e] = late;
  if (est[e] > md.vTwHi[v]) feasible = false;
  lst[e] = md.vTwHi[v];
  nextLoc[e] = -1;
  let nl2 = loc[e];
  for (let i = len; i >= 0; i--) {
    nextLoc[i] = nl2;
    const l = latestAt(md, r, i);
    lst[i] = l;
    if (l < est[i]) feasible = false;
    if (i > 0 && nodes[i - 1] < n) nl2 = loc[i];
  }
  if (!updateLoads(md, r)) feasible = false;
  r.slack = maxSlack(md, r);
  r.jobs = jobs;
  r.travel = jobs > 0 ? travel : 0;
  r.late = late;
  r.feasible = feasible;
}

function maxSlack(md: Model, r: Route): number {
  const { est, lst, nodes } = r;
  const service = md.service;
  let best = lst[1] - est[0];
  for (let p = 1; p <= r.len; p++) {
    const x = lst[p + 1] - est[p] - service[nodes[p - 1]];
    if (x > best) best = x;
  }
  return best;
}

/** Loads, prefix and suffix maxima; false when the capacity is exceeded somewhere. */
function updateLoads(md: Model, r: Route): boolean {
  const { n, K } = md;
  const { nodes, load, pre, suf } = r;
  const len = r.len;
  const v = r.v;
  let feasible = true;
  if (K === 1) {
    // The common single-capacity case: the same sums in the same order, without the strides.
    const { delivery, pickup } = md;
    let d = 0;
    for (let i = 0; i < len; i++) {
      const x = nodes[i];
      if (x < n) d += delivery[x];
    }
    load[0] = d;
    pre[0] = d;
    let x = d;
    let mx = d;
    for (let i = 1; i <= len; i++) {
      const node = nodes[i - 1];
      if (node < n) x += pickup[node] - delivery[node];
      load[i] = x;
      if (x > mx) mx = x;
      pre[i] = mx;
    }
    load[len + 1] = x;
    pre[len + 1] = mx;
    let sm = x;
    suf[len + 1] = sm;
    for (let i = len; i >= 0; i--) {
      const li = load[i];
      if (li > sm) sm = li;
      suf[i] = sm;
    }
    return !(mx > md.vCap[v]);
  }
  // Loads: leaving the start with every delivery, picking up along the way.
  for (let k = 0; k < K; k++) {
    let d = 0;
    for (let i = 0; i < len; i++) if (nodes[i] < n) d += md.delivery[nodes[i] * K + k];
    load[k] = d;
    pre[k] = d;
    for (let i = 1; i <= len + 1; i++) {
      const node = i <= len ? nodes[i - 1] : -1;
      let x = load[(i - 1) * K + k];
      if (node >= 0 && node < n) x += md.pickup[node * K + k] - md.delivery[node * K + k];
      load[i * K + k] = x;
      pre[i * K + k] = Math.max(pre[(i - 1) * K + k], x);
    }
    suf[(len + 1) * K + k] = load[(len + 1) * K + k];
    for (let i = len; i >= 0; i--) suf[i * K + k] = Math.max(suf[(i + 1) * K + k], load[i * K + k]);
    if (pre[(len + 1) * K + k] > md.vCap[v * K + k]) feasible = false;
  }
  return feasible;
}

/**
 * Bring the schedule up to date after nodes[first..lastNew] (0-based node indices, empty when
 * lastNew < first) replaced a stretch of an until-then feasible route and the length changed by
 * delta. Forward data is recomputed from the stretch on, and only until start times agree with
 * the old ones again (travel sums still run to the end, in order, for identical totals); backward
 * data from the stretch (and the breaks right after it, which inherit its place) back to the
 * start, and only until latest starts agree again. Gives the same values as updateRoute.
 */
export function updateRange(md: Model, r: Route, first: number, lastNew: number, delta: number, jobs: number): void {
  if (!r.feasible) {
    updateRoute(md, r);
    return;
  }
  const { n, nl, dur, cost, service, setup, nodeLoc } = md;
  const { nodes, loc, est, lst, nextLoc, gap, rem, cum, cumLate } = r;
  const { deadline, lateRate } = md;
  const len = r.len;
  const v = r.v;
  const e = len + 1;
  const oldE = e - delta;
  // The unchanged tail's position data moves with it.
  const ts = lastNew + 2;
  if (delta !== 0 && ts - delta <= oldE) {
    const a = ts - delta;
    const b = oldE + 1;
    loc.copyWithin(ts, a, b);
    est.copyWithin(ts, a, b);
    lst.copyWithin(ts, a, b);
    nextLoc.copyWithin(ts, a, b);
    gap.copyWithin(ts, a, b);
    rem.copyWithin(ts, a, b);
  }
  let feasible = true;
  // Backward pass start: the stretch's last position, and the breaks after it (their place is its place).
  let b = lastNew + 1;
  while (b < len && nodes[b] >= n) b++;
  // Forward.
  const a = first + 1;
  let travel = cum[a - 1];
  let late = cumLate[a - 1];
  let t = est[a - 1] + (a - 1 > 0 ? service[nodes[a - 2]] : 0);
  let g = gap[a - 1];
  let i = a;
  let converged = false;
  for (; i <= len; i++) {
    const node = nodes[i - 1];
    const prevLoc = loc[i - 1];
    let arr: number;
    if (node >= n) {
      loc[i] = prevLoc;
      arr = t;
    } else {
      const l = nodeLoc[node];
      loc[i] = l;
      arr = t + driveLeft(dur[prevLoc * nl + l], g) + (prevLoc !== l ? setup[node] : 0);
      travel += cost[prevLoc * nl + l];
    }
    const s = earliestIn(md, node, arr);
    if (s === Infinity) feasible = false;
    g = node >= n && s !== Infinity ? g + s - arr : 0;
    gap[i] = g;
    if (i > b) {
      // Old tail: its latest starts still hold.
      if (s > lst[i]) feasible = false;
      if (node < n && s === est[i]) converged = true;
    }
    est[i] = s;
    if (node < n && s > deadline[node]) late += (s - deadline[node]) * lateRate[node];
    cum[i] = travel;
    cumLate[i] = late;
    t = s + service[node];
    if (converged) {
      i++;
      break;
    }
  }
  if (converged) {
    // Start times are the old ones from here on; only the sums move.
    for (; i <= len; i++) {
      const node = nodes[i - 1];
      if (node < n) {
        travel += cost[loc[i - 1] * nl + loc[i]];
        const s = est[i];
        if (s > deadline[node]) late += (s - deadline[node]) * lateRate[node];
      }
      cum[i] = travel;
      cumLate[i] = late;
    }
  } else {
    est[e] = t + driveLeft(dur[loc[len] * nl + loc[e]], g);
    if (est[e] > md.vTwHi[v]) feasible = false;
  }
  travel += cost[loc[len] * nl + loc[e]];
  cum[e] = travel;
  cumLate[e] = late;
  // Backward.
  let nl2 = loc[b + 1];
  for (let i = b; i >= 0; i--) {
    const old = i <= first; // this position's stored values are the old route's
    const oldL = lst[i];
    const oldR = rem[i];
    const l = latestAt(md, r, i);
    if (l < est[i]) feasible = false;
    const same = old && l === oldL && rem[i] === oldR && nextLoc[i] === nl2;
    lst[i] = l;
    nextLoc[i] = nl2;
    if (same) break;
    if (i > 0 && nodes[i - 1] < n) nl2 = loc[i];
  }
  if (!updateLoads(md, r)) feasible = false;
  r.slack = maxSlack(md, r);
  r.jobs = jobs;
  r.travel = jobs > 0 ? travel : 0;
  r.late = late;
  r.feasible = feasible;
}

/** Objective contribution of a route, excluding the "vehicle used" count. */
export function routeCost(md: Model, r: Route): number {
  return r.jobs > 0 ? r.travel + r.late + md.vFixed[r.v] : 0;
}

export function insertNode(md: Model, r: Route, pos: number, node: number): void {
  const grew = r.nodes.length < r.len + 1;
  grow(md, r, r.len + 1);
  r.nodes.copyWithin(pos + 1, pos, r.len);
  r.nodes[pos] = node;
  r.len++;
  if (grew) updateRoute(md, r);
  else updateRange(md, r, pos, pos, 1, r.jobs + (node < md.n ? 1 : 0));
}

export function removeAt(r: Route, pos: number): void {
  r.nodes.copyWithin(pos, pos + 1, r.len);
  r.len--;
}

export function copyRoute(md: Model, dst: Route, src: Route): void {
  grow(md, dst, src.len);
  const P = src.len + 2;
  dst.len = src.len;
  dst.jobs = src.jobs;
  dst.nodes.set(src.nodes.subarray(0, src.len));
  dst.loc.set(src.loc.subarray(0, P));
  dst.est.set(src.est.subarray(0, P));
  dst.lst.set(src.lst.subarray(0, P));
  dst.nextLoc.set(src.nextLoc.subarray(0, P));
  dst.gap.set(src.gap.subarray(0, P));
  dst.rem.set(src.rem.subarray(0, P));
  dst.load.set(src.load.subarray(0, P * md.K));
  dst.pre.set(src.pre.subarray(0, P * md.K));
  dst.suf.set(src.suf.subarray(0, P * md.K));
  dst.cum.set(src.cum.subarray(0, P));
  dst.cumLate.set(src.cumLate.subarray(0, P));
  dst.travel = src.travel;
  dst.late = src.late;
  dst.feasible = src.feasible;
  dst.slack = src.slack;
}

/**
 * Whether job j could be served between positions p and q (p < q) of r once the jobs between them
 * (positions p+1..q-1, no breaks among them) are taken out: p keeps its earliest times and q its
 * latest, as neither depends on those jobs. Time windows and breaks only (no loads, lateness or
 * max_tasks): a necessary condition, read before re-timing a copy of the route without them.
 */
export function fitsInGap(md: Model, r: Route, j: number, p: number, q: number): boolean {
  const { n, nl, dur, service, setup } = md;
  const { nodes, loc, est, lst } = r;
  const lj = md.nodeLoc[j];
  const prevLoc = loc[p];
  const depart = est[p] + (p > 0 ? service[nodes[p - 1]] : 0);
  const s = earliestIn(md, j, depart + driveLeft(dur[prevLoc * nl + lj], r.gap[p]) + (prevLoc !== lj ? setup[j] : 0));
  if (s === Infinity) return false;
  let t = s + service[j];
  let g = 0;
  let x = q;
  const len = r.len;
  while (x <= len && nodes[x - 1] >= n) {
    const b = nodes[x - 1];
    const bs = earliestIn(md, b, t);
    if (bs === Infinity) return false;
    g += bs - t;
    t = bs + service[b];
    x++;
  }
  const lx = loc[x];
  return t + driveLeft(dur[lj * nl + lx], g) + (x <= len && lj !== lx ? setup[nodes[x - 1]] : 0) <= lst[x];
}

/**
 * Added cost of putting job j right after position p (0..len), or Infinity when infeasible.
 * Includes lateness changes down the route when soft deadlines are in play.
 */
export function insertionCost(md: Model, r: Route, j: number, p: number, bound = Infinity): number {
  const { n, nl, dur, cost, service, setup, K } = md;
  const { nodes, loc, est, lst } = r;
  const v = r.v;
  const lj = md.nodeLoc[j];
  const prevLoc = loc[p];
  // Travel first: it is a lower bound of the full added cost and is cheap, so most positions stop here.
  const nx = r.nextLoc[p];
  let delta = cost[prevLoc * nl + lj] + cost[lj * nl + nx] - cost[prevLoc * nl + nx];
  if (r.jobs === 0) delta += cost[prevLoc * nl + nx] + md.vFixed[v];
  if (delta >= bound) return Infinity;
  return insertionRest(md, r, j, p, delta);
}

/**
 * The rest of insertionCost once the travel change `delta` is known (callers in hot loops price
 * travel themselves): capacity and schedule checks, lateness. Infinity when infeasible.
 */
export function insertionRest(md: Model, r: Route, j: number, p: number, delta: number): number {
  const { n, nl, dur, service, setup, K } = md;
  const { nodes, loc, est, lst } = r;
  const v = r.v;
  const lj = md.nodeLoc[j];
  const prevLoc = loc[p];
  for (let k = 0; k < K; k++) {
    const cap = md.vCap[v * K + k];
    const dj = md.delivery[j * K + k];
    const pj = md.pickup[j * K + k];
    if (r.pre[p * K + k] + dj > cap || r.load[p * K + k] + pj > cap || r.suf[(p + 1) * K + k] + pj > cap) return Infinity;
  }
  const depart = est[p] + (p > 0 ? service[nodes[p - 1]] : 0);
  const arr = depart + driveLeft(dur[prevLoc * nl + lj], r.gap[p]) + (prevLoc !== lj ? setup[j] : 0);
  const s = earliestIn(md, j, arr);
  if (s === Infinity) return Infinity;
  let t = s + service[j];
  let g = 0;
  let q = p + 1;
  const len = r.len;
  while (q <= len && nodes[q - 1] >= n) {
    const b = nodes[q - 1];
    const bs = earliestIn(md, b, t);
    if (bs === Infinity) return Infinity;
    g += bs - t;
    t = bs + service[b];
    q++;
  }
  const lq = loc[q];
  const arrQ = t + driveLeft(dur[lj * nl + lq], g) + (q <= len && lj !== lq ? setup[nodes[q - 1]] : 0);
  if (arrQ > lst[q]) return Infinity;
  if (md.hasDeadlines) delta += lateDelta(md, r, j, s, q, arrQ);
  return delta;
}

/** Lateness change from inserting j (starting at s); arrQ is the new arrival at position q, the next stop. */
function lateDelta(md: Model, r: Route, j: number, s: number, q: number, arrQ: number): number {
  let d = s > md.deadline[j] ? (s - md.deadline[j]) * md.lateRate[j] : 0;
  const { n, nl, dur, service, setup } = md;
  const { nodes, est } = r;
  // Breaks between p and q were re-timed in insertionRest; jobs from q on may shift later.
  let t = 0;
  let g = 0;
  for (let i = q; i <= r.len; i++) {
    const node = nodes[i - 1];
    let arr: number;
    if (i === q) arr = arrQ;
    else if (node >= n) arr = t;
    else {
      const l = md.nodeLoc[node];
      const prevLoc = r.loc[i - 1];
      arr = t + driveLeft(dur[prevLoc * nl + l], g) + (prevLoc !== l ? setup[node] : 0);
    }
    const ns = earliestIn(md, node, arr);
    g = node >= n ? g + ns - arr : 0;
    // A stop that starts no later than before: the rest is as it was. (Not so at a break: a
    // later ready time leaves less of the drive to do while waiting for it.)
    if (node < n && ns <= est[i]) break;
    if (node < n && md.lateRate[node] > 0) {
      const dl = md.deadline[node];
      d += (Math.max(ns, dl) - Math.max(est[i], dl)) * md.lateRate[node];
    }
    t = ns + service[node];
  }
  return d;
}

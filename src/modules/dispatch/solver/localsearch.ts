// Local search on a complete plan: intra-route 2-opt, relocate / or-opt of strings of 1..3 jobs
// (within and between routes), inter-route swap and 2-opt* (tail exchange), in granular
// neighbourhoods (a job is only moved next to one of its nearest neighbours).
//
// Each move is first priced by its travel change alone (a few matrix reads); only moves that
// shorten the plan are then checked exactly: the changed routes are rebuilt in scratch routes
// and re-scheduled (updateRoute: windows, breaks, setup, loads, lateness), and applied when
// feasible and cheaper. First improvement; passes over all jobs until none improves.
import { adjacency, type Model } from './model.js';
import { allocPositions, copyRoute, insertionCost, newRoute, routeCost, updateRoute, type Route } from './route.js';

export interface LsPlan {
  routes: Route[];
  routeOf: Int32Array;
}

export interface LsWork {
  md: Model;
  sa: Route; // scratch routes
  sb: Route;
  pos: Int32Array; // position (1-based, as in Route's position arrays) of each planned job
  granK: number;
  maxPasses: number;
  /** Called with the index of every route a move changed (to sync copies of the plan). */
  onChange?: (ri: number) => void;
  moves: number; // applied moves, for statistics and tests
  // "Don't look" marks: a job whose moves found nothing is not looked at again until its route or
  // a route of one of its neighbours changes (its moves only read those routes, so the plan found
  // is the same, without re-scanning the whole plan on every pass).
  tick: number; // route changes so far in this call
  changedAt: Int32Array; // per route: tick of its last change
  lookedAt: Int32Array; // per job: tick when its moves last found nothing, -1 when not yet
}

export function createLsWork(md: Model, granK = 30, maxPasses = 50): LsWork {
  return {
    md, sa: newRoute(md, 0), sb: newRoute(md, 0), pos: new Int32Array(md.n), granK, maxPasses, moves: 0,
    tick: 0, changedAt: new Int32Array(md.m), lookedAt: new Int32Array(md.n),
  };
}

const EPS = 1e-9;

function ensure(md: Model, r: Route, need: number): void {
  if (r.nodes.length >= need) return;
  const cap = Math.max(need, r.nodes.length * 2);
  const nodes = new Int32Array(cap);
  r.nodes = nodes;
  allocPositions(md, r, cap);
}

function indexRoute(w: LsWork, r: Route): void {
  const n = w.md.n;
  for (let i = 0; i < r.len; i++) {
    const x = r.nodes[i];
    if (x < n) w.pos[x] = i + 1;
  }
}

/** Leaving X after position p, can the tail of Y after position q still start in time? */
function tailOk(md: Model, X: Route, p: number, Y: Route, q: number): boolean {
  const t = X.est[p] + (p > 0 ? md.service[X.nodes[p - 1]] : 0);
  const nx = q + 1;
  const from = X.loc[p];
  const to = Y.loc[nx];
  const d = md.dur[from * md.nl + to] - X.gap[p]; // a break at p: the drive may use its wait
  const arr = t + (d > 0 ? d : 0) + (nx <= Y.len && from !== to ? md.setup[Y.nodes[nx - 1]] : 0);
  return arr <= Y.lst[nx];
}

/** Scratch route s (vehicle v) is feasible and within max_tasks. */
function ok(md: Model, s: Route): boolean {
  updateRoute(md, s);
  return s.feasible && s.jobs <= md.vMaxTasks[s.v];
}

/** Copy scratch into the plan's route ri and re-index. */
function commit(w: LsWork, p: LsPlan, ri: number, s: Route): void {
  const md = w.md;
  const r = p.routes[ri];
  copyRoute(md, r, s);
  w.changedAt[ri] = ++w.tick;
  for (let i = 0; i < r.len; i++) {
    const x = r.nodes[i];
    if (x < md.n) {
      p.routeOf[x] = ri;
      w.pos[x] = i + 1;
    }
  }
  w.onChange?.(ri);
}

/**
 * Improve plan p in place. Returns the decrease of the summed route costs (≥ 0).
 * Deterministic: jobs are scanned in index order.
 */
export function localSearch(w: LsWork, p: LsPlan): number {
  const md = w.md;
  const { n, m, nl, cost, nodeLoc, compat, pinnedTo } = md;
  const adj = adjacency(md);
  const G = Math.min(w.granK, n - 1);
  for (const r of p.routes) indexRoute(w, r);
  w.tick = 0;
  w.changedAt.fill(0);
  w.lookedAt.fill(-1);
  const { changedAt, lookedAt } = w;
  let gain = 0;
  const sa = w.sa;
  const sb = w.sb;
  for (let pass = 0; pass < w.maxPasses; pass++) {
    let improved = false;
    for (let u = 0; u < n; u++) {
      const ra = p.routeOf[u];
      if (ra < 0 || pinnedTo[u] >= 0) continue;
      const nb = adj[u];
      const seen = lookedAt[u];
      if (seen >= 0 && changedAt[ra] <= seen) {
        let same = true;
        for (let a = 0; a < G && same; a++) {
          const rb = p.routeOf[nb[a]];
          if (rb >= 0 && changedAt[rb] > seen) same = false;
        }
        if (same) continue;
      }
      const movesBefore = w.tick;
      for (let a = 0; a < G; a++) {
        const v = nb[a];
        const rb = p.routeOf[v];
        if (rb < 0) continue;
        const A = p.routes[ra];
        const B = p.routes[rb];
        const pu = w.pos[u];
        const pv = w.pos[v];
        const la = A.loc;
        const lb = B.loc;
        const lu = la[pu];
        const lv = lb[pv];
        const before = routeCost(md, A) + (ra !== rb ? routeCost(md, B) : 0);
        let done = false;

        // Relocate / or-opt: the string of 1..3 jobs starting at u, put after v or before v.
        for (let len = 1; len <= 3 && !done; len++) {
          const last = pu + len - 1;
          if (last > A.len) break;
          const xl = A.nodes[last - 1];
          if (xl >= n || pinnedTo[xl] >= 0) break;
          if (ra !== rb && !compat[xl * m + B.v]) break;
          const lLast = la[last];
          const prevA = la[pu - 1];
          const nextA = A.nextLoc[last];
          const removeGain = cost[prevA * nl + lu] + cost[lLast * nl + nextA] - cost[prevA * nl + nextA];
          for (let side = 0; side < 2 && !done; side++) {
            const q = side === 0 ? pv : pv - 1; // insert after position q of B
            if (ra === rb && q >= pu - 1 && q <= last) continue;
            const ql = lb[q];
            const qn = B.nextLoc[q];
            const addFwd = cost[ql * nl + lu] + cost[lLast * nl + qn] - cost[ql * nl + qn];
            if (addFwd - removeGain >= -EPS) continue;
            // Exact check.
            if (ra === rb) {
              ensure(md, sa, A.len);
              sa.v = A.v;
              let k = 0;
              for (let i = 1; i <= A.len; i++) {
                if (i >= pu && i <= last) continue;
                sa.nodes[k++] = A.nodes[i - 1];
                if (i === q) for (let t = pu; t <= last; t++) sa.nodes[k++] = A.nodes[t - 1];
              }
              if (q === 0) {
                sa.nodes.copyWithin(len, 0, k);
                for (let t = 0; t < len; t++) sa.nodes[t] = A.nodes[pu - 1 + t];
                k += len;
              }
              sa.len = k;
              if (ok(md, sa) && routeCost(md, sa) < before - EPS) {
                gain += before - routeCost(md, sa);
                commit(w, p, ra, sa);
                done = true;
              }
            } else {
              // O(1) necessary condition: the first job of the string fits there on its own.
              if (insertionCost(md, B, u, q) === Infinity) continue;
              ensure(md, sa, A.len);
              ensure(md, sb, B.len + len);
              sa.v = A.v;
              sb.v = B.v;
              let k = 0;
              for (let i = 1; i <= A.len; i++) if (i < pu || i > last) sa.nodes[k++] = A.nodes[i - 1];
              sa.len = k;
              k = 0;
              for (let i = 1; i <= q; i++) sb.nodes[k++] = B.nodes[i - 1];
              for (let t = pu; t <= last; t++) sb.nodes[k++] = A.nodes[t - 1];
              for (let i = q + 1; i <= B.len; i++) sb.nodes[k++] = B.nodes[i - 1];
              sb.len = k;
              if (ok(md, sa) && ok(md, sb)) {
                const after = routeCost(md, sa) + routeCost(md, sb);
                if (after < before - EPS) {
                  gain += before - after;
                  commit(w, p, ra, sa);
                  commit(w, p, rb, sb);
                  done = true;
                }
              }
            }
          }
        }
        if (done) {
          improved = true;
          break;
        }

        if (ra !== rb) {
          // Swap u and v.
          if (pinnedTo[v] < 0 && compat[u * m + B.v] && compat[v * m + A.v]) {
            const pa = la[pu - 1];
            const na = A.nextLoc[pu];
            const pb = lb[pv - 1];
            const nbb = B.nextLoc[pv];
            const d =
              cost[pa * nl + lv] + cost[lv * nl + na] - cost[pa * nl + lu] - cost[lu * nl + na] +
              cost[pb * nl + lu] + cost[lu * nl + nbb] - cost[pb * nl + lv] - cost[lv * nl + nbb];
            if (d < -EPS) {
              ensure(md, sa, A.len);
              ensure(md, sb, B.len);
              sa.v = A.v;
              sb.v = B.v;
              sa.nodes.set(A.nodes.subarray(0, A.len));
              sa.len = A.len;
              sa.nodes[pu - 1] = v;
              sb.nodes.set(B.nodes.subarray(0, B.len));
              sb.len = B.len;
              sb.nodes[pv - 1] = u;
              if (ok(md, sa) && ok(md, sb)) {
                const after = routeCost(md, sa) + routeCost(md, sb);
                if (after < before - EPS) {
                  gain += before - after;
                  commit(w, p, ra, sa);
                  commit(w, p, rb, sb);
                  improved = true;
                  break;
                }
              }
            }
          }
          // 2-opt*: A[..u] + B[q+1..] and B[..q] + A[u+1..], with q = v (u's tail goes after v)
          // or q = v - 1 (u is followed by v).
          for (let side = 0; side < 2 && !done; side++) {
            const q = side === 0 ? pv : pv - 1;
            const na = A.nextLoc[pu];
            const ql = lb[q];
            const qn = B.nextLoc[q];
            const d = cost[lu * nl + qn] + cost[ql * nl + na] - cost[lu * nl + na] - cost[ql * nl + qn];
            if (d >= -EPS) continue;
            // Tails change vehicles: no breaks, compatible jobs.
            let fine = true;
            for (let i = pu + 1; i <= A.len && fine; i++) {
              const x = A.nodes[i - 1];
              if (x >= n || !compat[x * m + B.v]) fine = false;
            }
            for (let i = q + 1; i <= B.len && fine; i++) {
              const x = B.nodes[i - 1];
              if (x >= n || !compat[x * m + A.v]) fine = false;
            }
            if (!fine) continue;
            // O(1) necessary condition when both vehicles share shift and end: each new junction
            // reaches the tail no later than its latest feasible start.
            if (md.vClass[A.v] === md.vClass[B.v] && (!tailOk(md, A, pu, B, q) || !tailOk(md, B, q, A, pu))) continue;
            ensure(md, sa, pu + B.len - q);
            ensure(md, sb, q + A.len - pu);
            sa.v = A.v;
            sb.v = B.v;
            let k = 0;
            for (let i = 1; i <= pu; i++) sa.nodes[k++] = A.nodes[i - 1];
            for (let i = q + 1; i <= B.len; i++) sa.nodes[k++] = B.nodes[i - 1];
            sa.len = k;
            k = 0;
            for (let i = 1; i <= q; i++) sb.nodes[k++] = B.nodes[i - 1];
            for (let i = pu + 1; i <= A.len; i++) sb.nodes[k++] = A.nodes[i - 1];
            sb.len = k;
            if (ok(md, sa) && ok(md, sb)) {
              const after = routeCost(md, sa) + routeCost(md, sb);
              if (after < before - EPS) {
                gain += before - after;
                commit(w, p, ra, sa);
                commit(w, p, rb, sb);
                done = true;
              }
            }
          }
          if (done) {
            improved = true;
            break;
          }
        } else {
          // Intra-route 2-opt: reverse the stretch between u and v so that they become adjacent.
          const i0 = pu < pv ? pu : pv; // reverse positions i0+1 .. j0
          const j0 = pu < pv ? pv : pu;
          if (j0 - i0 < 2) continue;
          const li = la[i0];
          const lj = la[j0];
          const l1 = la[i0 + 1];
          const nj = A.nextLoc[j0];
          const d = cost[li * nl + lj] + cost[l1 * nl + nj] - cost[li * nl + l1] - cost[lj * nl + nj];
          if (d >= -EPS) continue;
          let fine = true;
          for (let i = i0 + 1; i <= j0 && fine; i++) {
            const x = A.nodes[i - 1];
            if (x >= n || pinnedTo[x] >= 0) fine = false;
          }
          if (!fine) continue;
          ensure(md, sa, A.len);
          sa.v = A.v;
          sa.nodes.set(A.nodes.subarray(0, A.len));
          sa.len = A.len;
          for (let x = i0 + 1, y = j0; x <= j0; x++, y--) sa.nodes[x - 1] = A.nodes[y - 1];
          if (ok(md, sa) && routeCost(md, sa) < before - EPS) {
            gain += before - routeCost(md, sa);
            commit(w, p, ra, sa);
            improved = true;
            break;
          }
        }
      }
      if (w.tick === movesBefore) lookedAt[u] = w.tick;
    }
    if (!improved) break;
  }
  return gain;
}

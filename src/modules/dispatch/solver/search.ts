// Ruin & recreate search: string removals (after Christiaens & Vanden Berghe's SISR) with
// blinking greedy reinsertion, simulated-annealing acceptance, and a fleet-reduction phase
// that empties one route at a time and lets jobs with a history of staying unplaced go first.
import { adjacency, type Model } from './model.js';
import { copyRoute, fitsInGap, insertionCost, insertionRest, insertNode, newRoute, removeAt, routeCost, updateRange, updateRoute, type Route } from './route.js';
import type { Rng } from './rng.js';
import { createLsWork, localSearch, type LsWork } from './localsearch.js';
import { regretInsertion } from './construct.js';

export interface Sol {
  routes: Route[];
  routeOf: Int32Array; // route index per job, -1 when unplanned
  bank: Int32Array; // unplanned jobs that the search still tries to place
  bankLen: number;
  unW: number; // weight of the bank
}

export interface SearchParams {
  hierarchical: boolean;
  /** Iterations for the whole search (deterministic), or undefined with a deadline. */
  iterations?: number;
  deadline?: number; // performance.now() value
  now: () => number;
  /** Told of each new best plan; the object is the search's own, to be read between iterations, never changed. */
  onBest?: (best: Sol) => void;
  /**
   * Travel objective with a deadline: end the annealing early enough for the final passes (local
   * search, polish) to finish by the deadline, estimating them by how long the first plan took
   * from this moment (a `now()` value: when the caller began, model building included).
   */
  reserveFrom?: number;
}

export interface SearchResult {
  sol: Sol;
  iterations: number;
  excluded: Uint8Array; // jobs never tried (no vehicle can take them at all, or failed fixed steps)
  fixedFailed: Uint8Array;
}

const C_BAR = 10; // mean jobs removed per ruin
const L_MAX = 10; // longest string removed from one route
const BLINK = 0.01;
// Tuned on a handful of Solomon / Homberger instances (see bench/dispatch/tune.ts). Exported so
// that a bench can switch a change off for a baseline in the same run; nothing else writes it.
export const TUNE = {
  // Measured on R2/RC2/R1 Solomon and Homberger subsets with fixed iteration budgets (2, 0.01 before):
  // hotter runs leave the basin the fleet reduction lands in, mostly on few long routes.
  t0: 5, // start temperature, in typical nearest-neighbour arc costs
  tf: 0.05, // final temperature, same unit
  // 0.3 before: the travel-only plan of wide-window classes has twice the routes and is mostly
  // reshaped by fleet reduction, so the budget serves better in the final annealing.
  warm: 0.15, // hierarchical: share of the budget annealing on travel alone before fleet reduction
  fleet: 0.4, // most of the budget the fleet reduction may use after that
  patience: 0.2, // budget share without a removed vehicle after which fleet reduction stops
  granN: 150, // above this many jobs, reinsertion looks only at routes near the job
  granK: 40, // how many nearest neighbours define "near"
  ls: 1, // 0: no local search, 1: on new bests, 2: on every accepted candidate (measured worse: too slow)
  lsK: 30, // local search: neighbours per job
  lsWarm: true, // local search also while annealing on travel before fleet reduction
  lsTravel: false, // travel objective: local search while annealing (else only on the final plan; measured better)
  // Hierarchical final phase (after fleet reduction), measured at 100k iterations on R2/RC2: one
  // long annealing from the reduced plan often stays in the first basin it cools into; a few hotter
  // restarts from the same plan, then a cool continuation of the best, reached lower distances
  // (R1/RC1: same vehicles, gaps within seed noise). Best of whole independent runs instead lost
  // vehicles (less fleet reduction each).
  restarts: 4,
  restartShare: 3 / 16, // of the budget left after fleet reduction, per restart
  restartT0: 10, // restarts start hotter (2 × t0) to leave the reduced plan's basin
  finishT0: 0.5, // the continuation of the best restart starts cool: it refines, it should not wander off
  // Over-subscribed days (travel objective): annealing accepts on travel + a price per left-out
  // job (in typical arc costs: softJob + softPrio × priority), so the search may give up a job
  // for a while to reshape routes; the best plan is still kept lexicographically (priority first).
  softJob: 1,
  softPrio: 2,
  // Travel objective, above granN jobs: the first plan is built by regret insertion over each job's regretK nearest
  // technicians (0: cheapest insertion, tight windows first). Plan-the-day, 300 × 2,000, before
  // any search: 2,000 planned and 122.1 h of travel (110.8 h after local search) instead of 1,928
  // and 125.2 h (116.1 h); 10 nearest: 112.4 h after local search, 40: 109.3 h but slower.
  regretK: 20,
  // reserveFrom: the final passes take about as long as building the first plan did, model
  // included (measured on plan-the-day, 300 × 2,000, at loads 1–17: 1 to 1.3 times), at most
  // reserveMax of the budget.
  reserve: 1.2,
  reserveMax: 0.3,
  // Over-subscribed days, measured with bench/fieldservice at equal iterations (9 generated days
  // on two generator seeds, and the ten shared days): ejection chains of depth 2 (a left-out job
  // takes the place of one of no higher priority, which moves to another route) in the final
  // polish and for a ruined job that no longer fits while annealing: +100 / +120 / +200 priority;
  // with the skills-aware ruin as well: +170 / +160 / +320, and less travel on all three.
  chain: true, // polish: ejection chains of depth 2 for left-out jobs
  chainAnneal: true, // recreate: the same for a ruined job that no longer fits (into a changed route; the moved job to any near route)
  skillRuin: true, // ruin: neighbouring routes only where jobs could change hands (skills): gen +50 / +100, shared +180
  exchange: true, // recreate: a ruined job that no longer fits may displace a lower-priority one
  // Round nine: relocate-then-insert (makeRoom) for a left-out job in the polish: up to roomLen
  // jobs in a row leave a route of one of its technicians, each to another technician (where it
  // fits, or in place of a job worth less than what is gained).
  room: true,
  roomLen: 3,
  // Round ten, measured side by side at the CPU budget (seeds 1-3): only for scarce skills' jobs cost
  // -280 priority on the ten shared days (the polish does find rooms for other jobs on t40-t100 plans);
  // moved jobs priced only near their place keeps the priority (t60 -60, t100 +20) at far less CPU
  // after the budget (t60 0.1-0.3 s instead of 0.2-1.3 s; t100 0.5-0.9 s instead of 3.2-6.3 s).
  roomPolishScarce: false, // polish: makeRoom only for a scarce skill's job (false: every left-out job with a priority)
  roomPolishNear: true, // polish, above granN jobs: moved jobs priced only near their place (false: all routes, round nine)
  // recreate: makeRoom for a ruined job that no longer fits (from a changed route). Off: +20 priority
  // on s723 at equal iterations, but at the CPU budget it took 40-70 % of the iterations (round nine).
  // Round ten made it cheaper (moved jobs only near their place and into gaps where they could be
  // served, the first room found taken): 80-90 % of the iterations on t40, but still 30-60 % on t20 /
  // t60 / t100, and at the CPU budget neutral: the ten shared days seeds 1-3 185,830 priority with or
  // without it, t40 +80 / +40, generated +50 (for a quarter of the ruined jobs, shared: -50).
  // Round eleven (roomGap, roomNearSmall, a block stops growing when its first job finds no place):
  // 83 % of the iterations kept on the shared days, still neutral at the CPU budget (shared seeds 1-3
  // -50 priority, travel -0.5 %, at or above -x 5 on 21 instead of 23 of 30; generated -40).
  roomAnneal: false,
  roomDrop: 2, // a moved job may take the place of up to this many jobs in a row (worth less)
  roomShare: 1, // recreate: makeRoom for this share of the ruined jobs that pass the gate
  roomFlex: 0.25, // recreate: makeRoom only for a job that at most this share of the technicians can do
  // Round eleven: makeRoom cheaper where it cost most. roomGap (annealing only): u (and a displacing
  // moved job) must fit in the gap the block leaves, drives and windows included (an O(1) check),
  // before a copy of the route is re-timed without the block. roomNearSmall: at or below granN jobs (where every route
  // is "near"), moved jobs go only to routes visiting one of their roomNearK nearest jobs.
  roomGap: true,
  roomNearSmall: true,
  roomNearK: 15,
};

export function createSol(md: Model): Sol {
  return {
    routes: Array.from({ length: md.m }, (_, v) => newRoute(md, v)),
    routeOf: new Int32Array(md.n).fill(-1),
    bank: new Int32Array(md.n),
    bankLen: 0,
    unW: 0,
  };
}

export function copySol(md: Model, dst: Sol, src: Sol): void {
  for (let i = 0; i < src.routes.length; i++) copyRoute(md, dst.routes[i], src.routes[i]);
  dst.routeOf.set(src.routeOf);
  dst.bank.set(src.bank.subarray(0, src.bankLen));
  dst.bankLen = src.bankLen;
  dst.unW = src.unW;
}

function cloneSol(md: Model, src: Sol): Sol {
  const s = createSol(md);
  copySol(md, s, src);
  return s;
}

export function usedRoutes(s: Sol): number {
  let u = 0;
  for (const r of s.routes) if (r.jobs > 0) u++;
  return u;
}

export function solCost(md: Model, s: Sol): number {
  let c = 0;
  for (const r of s.routes) c += routeCost(md, r);
  return c;
}

function bankRemove(s: Sol, md: Model, j: number): void {
  for (let i = 0; i < s.bankLen; i++)
    if (s.bank[i] === j) {
      s.bank[i] = s.bank[--s.bankLen];
      s.unW -= md.weight[j];
      return;
    }
}

function bankAdd(s: Sol, md: Model, j: number): void {
  s.bank[s.bankLen++] = j;
  s.unW += md.weight[j];
}

/** Working memory reused by every iteration, so the hot loop allocates almost nothing. */
interface Work {
  md: Model;
  rng: Rng;
  vehCost: number;
  classStamp: Int32Array;
  stamp: number;
  routeStamp: Int32Array;
  list: number[];
  key: Float64Array;
  positions: Int32Array;
  dirty: Int32Array;
  dirtyMark: Uint8Array;
  dirtyLen: number;
  touched: number[];
  lastTw: Float64Array;
  firstEnd: Float64Array; // earliest end of service: first window's opening + service
  farKey: Float64Array;
  demandKey: Float64Array;
  twKey: Float64Array;
  flexKey: Float64Array;
  hetero: boolean;
  absences: Float64Array;
  pinned: Uint8Array;
  ls: LsWork;
  lsOn: boolean;
  onBest?: (best: Sol) => void;
  byKey: (a: number, b: number) => number; // sort comparator on `key`, made once
  /** Priorities differ: reinsertion places higher priority first (then by the order's key). */
  prioVaries: boolean;
  byPrioKey: (a: number, b: number) => number;
  /** Bank jobs that stayed out through the last recreate are only tried in routes changed since. */
  bankDirtyOnly: boolean;
  fresh: Uint8Array; // jobs removed by the current ruin (tried everywhere)
  scratch: Route;
  /** makeRoom: the block's route without it, a displacement trial, and saved routes to undo a trial. */
  roomA: Route;
  roomB: Route;
  saved: Route[];
  savedIdx: number[];
  /** makeRoom while annealing: routes near a moved job (stamped with their own counter, as bestInsertion's stamps change meanwhile). */
  nearStamp: Int32Array;
  nearMark: number;
  nearList: number[];
}

/** Local search on s; the routes it changes are marked dirty (so syncChanged can copy them). */
function improve(w: Work, s: Sol): number {
  if (w.md.n === 0) return 0;
  w.ls.onChange = (ri) => {
    markDirty(w, ri);
    const r = s.routes[ri];
    for (let i = 0; i < r.len; i++) if (r.nodes[i] < w.md.n) w.touched.push(r.nodes[i]);
  };
  return localSearch(w.ls, s);
}

function createWork(md: Model, rng: Rng, hierarchical: boolean): Work {
  const { n, m } = md;
  let maxArc = 0;
  for (let i = 0; i < md.cost.length; i++) if (md.cost[i] > maxArc && Number.isFinite(md.cost[i])) maxArc = md.cost[i];
  let fixed = 0;
  for (let v = 0; v < m; v++) fixed = Math.max(fixed, md.vFixed[v]);
  const lastTw = new Float64Array(n + md.nb);
  for (let i = 0; i < n; i++) lastTw[i] = md.twHi[md.twFirst[i + 1] - 1];
  const firstEnd = new Float64Array(n + md.nb);
  for (let i = 0; i < n; i++) firstEnd[i] = md.twLo[md.twFirst[i]] + md.service[i];
  const farKey = new Float64Array(n);
  const demandKey = new Float64Array(n);
  const twKey = new Float64Array(n);
  const depot = md.vStart[0];
  for (let i = 0; i < n; i++) {
    farKey[i] = md.cost[depot * md.nl + md.nodeLoc[i]];
    for (let k = 0; k < md.K; k++) demandKey[i] += md.delivery[i * md.K + k] + md.pickup[i * md.K + k];
    twKey[i] = lastTw[i] - md.twLo[md.twFirst[i]];
  }
  // Jobs only a few technicians can take (skills, size) are best placed before the others fill those days.
  const flexKey = new Float64Array(n);
  let hetero = false;
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let v = 0; v < m; v++) c += md.compat[i * m + v];
    flexKey[i] = c;
    if (c > 0 && c < m) hetero = true;
  }
  const pinned = new Uint8Array(n);
  for (let i = 0; i < n; i++) pinned[i] = md.pinnedTo[i] >= 0 ? 1 : 0;
  const key = new Float64Array(n);
  let prioVaries = false;
  for (let i = 1; i < n; i++) if (md.priority[i] !== md.priority[0]) prioVaries = true;
  const weight = md.weight;
  return {
    md, rng,
    vehCost: hierarchical ? Math.max(1e9, 10 * (n + m) * (maxArc + fixed)) : 0,
    classStamp: new Int32Array(m), stamp: 0, routeStamp: new Int32Array(m), list: [], key,
    positions: new Int32Array(n + md.nb + 2), dirty: new Int32Array(m), dirtyMark: new Uint8Array(m), dirtyLen: 0,
    touched: [], lastTw, firstEnd, farKey, demandKey, twKey, flexKey, hetero, absences: new Float64Array(n), pinned,
    ls: createLsWork(md, TUNE.lsK),
    lsOn: true,
    byKey: (a, b) => key[a] - key[b],
    prioVaries,
    byPrioKey: (a, b) => weight[b] - weight[a] || key[a] - key[b],
    bankDirtyOnly: false,
    fresh: new Uint8Array(n),
    scratch: newRoute(md, 0),
    roomA: newRoute(md, 0),
    roomB: newRoute(md, 0),
    saved: [],
    savedIdx: [],
    nearStamp: new Int32Array(m),
    nearMark: 0,
    nearList: [],
  };
}

/**
 * Taking jobs out can make a route infeasible when a break then comes earlier in the day and
 * holds up what follows it (the break waits for its window where the technician is); such a
 * candidate is not accepted.
 */
function dirtyFeasible(w: Work, s: Sol): boolean {
  for (let i = 0; i < w.dirtyLen; i++) if (!s.routes[w.dirty[i]].feasible) return false;
  return true;
}

/** A job of a scarce skill: at most roomFlex of the technicians (and at least one) can do it. */
function scarceJob(w: Work, j: number): boolean {
  return w.flexKey[j] <= Math.max(1, TUNE.roomFlex * w.md.m);
}

function markDirty(w: Work, r: number): void {
  if (!w.dirtyMark[r]) {
    w.dirtyMark[r] = 1;
    w.dirty[w.dirtyLen++] = r;
  }
}

function clearDirty(w: Work): void {
  for (let i = 0; i < w.dirtyLen; i++) w.dirtyMark[w.dirty[i]] = 0;
  w.dirtyLen = 0;
  w.touched.length = 0;
}

/** Copy what the last ruin & recreate changed from src into dst. */
function syncChanged(w: Work, dst: Sol, src: Sol): void {
  const md = w.md;
  for (let i = 0; i < w.dirtyLen; i++) copyRoute(md, dst.routes[w.dirty[i]], src.routes[w.dirty[i]]);
  for (const j of w.touched) dst.routeOf[j] = src.routeOf[j];
  dst.bank.set(src.bank.subarray(0, src.bankLen));
  dst.bankLen = src.bankLen;
  dst.unW = src.unW;
}

let bestR = -1;
/** relocateBlock found no place for the block's first job (a longer block from there fails too). */
let blockFailedFirst = false;
let bestP = -1;

const ALL = 0; // every route (granular above granN jobs)
const DIRTY = 1; // only routes changed by the current ruin & recreate
const FULL = 2; // every route, never granular

/** Cheapest place for job j, skipping a few positions at random (blinks) to diversify. */
function bestInsertion(w: Work, s: Sol, j: number, allowNew: boolean, blink: number, mode = ALL, skip = -1, skip2 = -1): number {
  const md = w.md;
  const m = md.m;
  const rng = w.rng;
  const stamp = ++w.stamp;
  const lastTw = w.lastTw[j];
  const firstEnd = w.firstEnd[j];
  const svc = md.service;
  const service = svc[j];
  let best = Infinity;
  bestR = -1;
  bestP = -1;
  // Granular: only routes that already visit one of the job's nearest neighbours (or empty ones).
  // The neighbours' routes are stamped only once a route passes the cheaper tests below: most
  // left-out jobs retried in the changed routes fit none of them by slack alone.
  const granular = mode !== FULL && md.n > TUNE.granN;
  let stamped = false;
  const { nl, cost } = md;
  const lj = md.nodeLoc[j];
  const cnt = mode === DIRTY ? w.dirtyLen : s.routes.length;
  for (let x = 0; x < cnt; x++) {
    const ri = mode === DIRTY ? w.dirty[x] : x;
    if (ri === skip || ri === skip2) continue;
    const r = s.routes[ri];
    const v = r.v;
    if (!md.compat[j * m + v] || !r.feasible || r.jobs >= md.vMaxTasks[v] || r.slack < service) continue;
    if (granular && r.jobs > 0) {
      if (!stamped) {
        const nb = adjacency(md)[j];
        const lim = Math.min(nb.length, TUNE.granK);
        for (let a = 0; a < lim; a++) {
          const rj = s.routeOf[nb[a]];
          if (rj >= 0) w.routeStamp[rj] = stamp;
        }
        stamped = true;
      }
      if (w.routeStamp[ri] !== stamp) continue;
    }
    let extra = 0;
    if (r.jobs === 0) {
      if (!allowNew) continue;
      const c = md.vClass[v];
      if (w.classStamp[c] === stamp) continue;
      w.classStamp[c] = stamp;
      extra = w.vehCost;
      if (extra >= best) continue;
    }
    const est = r.est;
    const lst = r.lst;
    const nodes = r.nodes;
    const loc = r.loc;
    const nextLoc = r.nextLoc;
    const empty = r.jobs === 0;
    const len = r.len;
    for (let p = 0; p <= len; p++) {
      if (est[p] > lastTw) break;
      // The next position (a stop, a break or the end) must start after j could end at the
      // earliest: positions long before j's windows open are skipped before any matrix read.
      if (lst[p + 1] < firstEnd) continue;
      // ...and leave room for j's service between leaving p and the next latest start.
      if (lst[p + 1] - est[p] - (p > 0 ? svc[nodes[p - 1]] : 0) < service) continue;
      // Travel first, as insertionCost prices it: most positions stop here.
      const a = loc[p];
      const b = nextLoc[p];
      let delta = cost[a * nl + lj] + cost[lj * nl + b] - cost[a * nl + b];
      if (empty) delta += cost[a * nl + b] + md.vFixed[v];
      if (delta >= best - extra) continue;
      const c = insertionRest(md, r, j, p, delta) + extra;
      // Blinking only matters for positions that would win, so draw only for those.
      if (c < best && !(blink > 0 && rng() < blink)) {
        best = c;
        bestR = ri;
        bestP = p;
      }
    }
  }
  return best;
}

function recreate(w: Work, s: Sol, allowNew: boolean, order: number): void {
  const md = w.md;
  const list = w.list;
  list.length = 0;
  for (let i = 0; i < s.bankLen; i++) list.push(s.bank[i]);
  const rng = w.rng;
  // Shuffle first so that ties in the sort keys are broken at random.
  for (let i = list.length - 1; i > 0; i--) {
    const k = Math.floor(rng() * (i + 1));
    const t = list[i];
    list[i] = list[k];
    list[k] = t;
  }
  const key = w.key;
  if (order > 0 || w.prioVaries) {
    for (const j of list)
      key[j] =
        order === 0 ? 0 : order === 1 ? -w.demandKey[j] : order === 2 ? -w.farKey[j] : order === 3 ? w.farKey[j] : order === 4 ? w.twKey[j] : order === 5 ? -w.absences[j] : w.flexKey[j];
    list.sort(w.prioVaries ? w.byPrioKey : w.byKey);
  }
  for (const j of list) {
    const c = bestInsertion(w, s, j, allowNew, BLINK, w.bankDirtyOnly && !w.fresh[j] ? DIRTY : ALL);
    if (c === Infinity) {
      // A job just ruined that no longer fits: over-subscribed days may trade a lower-priority
      // job of a changed route for it (priority first; ruin & recreate rarely finds that swap).
      if (TUNE.exchange && w.fresh[j] && w.prioVaries && md.priority[j] > 0 && !exchange(w, s, j, true, 1) && TUNE.chainAnneal && !ejectionChain(w, s, j, true) && TUNE.roomAnneal && scarceJob(w, j) && (TUNE.roomShare >= 1 || w.rng() < TUNE.roomShare))
        makeRoom(w, s, j, true);
      continue;
    }
    const r = s.routes[bestR];
    insertNode(md, r, bestP, j);
    s.routeOf[j] = bestR;
    w.touched.push(j);
    markDirty(w, bestR);
    bankRemove(s, md, j);
  }
  for (const j of list) w.fresh[j] = 0;
}

function pickOrder(w: Work, fleet: boolean): number {
  const x = w.rng() * (12 + (fleet ? 2 : 0) + (w.hetero ? 2 : 0));
  if (x < 4) return 0; // random
  if (x < 8) return 1; // big demand first
  if (x < 10) return 2; // far first
  if (x < 11) return 3; // close first
  if (x < 12) return 4; // tight windows first
  if (fleet && x < 14) return 5; // long-unplaced first
  return 6; // fewest suitable technicians first
}

/** Remove strings of neighbouring jobs from several routes. */
function ruin(w: Work, s: Sol): void {
  const md = w.md;
  const rng = w.rng;
  const adj = adjacency(md);
  let planned = 0;
  let used = 0;
  for (const r of s.routes)
    if (r.jobs > 0) {
      planned += r.jobs;
      used++;
    }
  if (planned === 0) return;
  const avg = planned / used;
  const lsMax = Math.min(L_MAX, avg);
  const ksMax = (4 * C_BAR) / (1 + lsMax) - 1;
  const ks = Math.floor(rng() * ksMax) + 1;
  // Seed: a random planned job.
  let seed = -1;
  for (let tries = 0; tries < 50 && seed < 0; tries++) {
    const j = Math.floor(rng() * md.n);
    if (s.routeOf[j] >= 0 && !w.pinned[j]) seed = j;
  }
  if (seed < 0) return;
  const stamp = ++w.stamp;
  let done = 0;
  const nbrs = adj[seed];
  const vSeed = s.routes[s.routeOf[seed]].v;
  for (let a = -1; a < nbrs.length && done < ks; a++) {
    const c = a < 0 ? seed : nbrs[a];
    const ri = s.routeOf[c];
    if (ri < 0 || w.routeStamp[ri] === stamp || w.pinned[c]) continue;
    // Skills-aware: a neighbouring route only when its jobs and the seed's could change hands.
    if (TUNE.skillRuin && a >= 0 && w.hetero && !md.compat[seed * md.m + s.routes[ri].v] && !md.compat[c * md.m + vSeed]) continue;
    w.routeStamp[ri] = stamp;
    const r = s.routes[ri];
    // Positions of removable jobs in this route.
    const pos = w.positions;
    let cnt = 0;
    let k = -1;
    for (let i = 0; i < r.len; i++) {
      const node = r.nodes[i];
      if (node < md.n && !w.pinned[node]) {
        if (node === c) k = cnt;
        pos[cnt++] = i;
      }
    }
    const ltMax = Math.min(cnt, lsMax);
    const lt = Math.max(1, Math.floor(rng() * ltMax) + 1);
    let from: number;
    let to: number; // remove pos[from..to) except a kept block
    let keepFrom = 0;
    let keepTo = 0;
    if (lt >= cnt || rng() < 0.5) {
      const lo = Math.max(0, k - lt + 1);
      const hi = Math.min(k, cnt - lt);
      from = lo + Math.floor(rng() * (hi - lo + 1));
      to = from + lt;
    } else {
      let keep = 1;
      while (keep + lt < cnt && rng() < 0.5) keep++;
      const total = lt + keep;
      const lo = Math.max(0, k - total + 1);
      const hi = Math.min(k, cnt - total);
      from = lo + Math.floor(rng() * (hi - lo + 1));
      to = from + total;
      keepFrom = from + Math.floor(rng() * (total - keep + 1));
      keepTo = keepFrom + keep;
    }
    let removed = 0;
    for (let q = to - 1; q >= from; q--) {
      if (q >= keepFrom && q < keepTo) continue;
      const j = r.nodes[pos[q]];
      removeAt(r, pos[q]);
      removed++;
      s.routeOf[j] = -1;
      bankAdd(s, md, j);
      w.fresh[j] = 1;
      w.touched.push(j);
    }
    // Only nodes pos[from]..pos[to - 1] (old indices) changed: the rest of the schedule is reused.
    updateRange(md, r, pos[from], pos[to - 1] - removed, -removed, r.jobs - removed);
    markDirty(w, ri);
    done++;
  }
}

/** Construction, then fleet reduction (hierarchical), then annealing on cost. */
export function search(md: Model, params: SearchParams, rng: Rng): SearchResult {
  const w = createWork(md, rng, params.hierarchical);
  w.onBest = params.onBest;
  if (!params.hierarchical) w.lsOn = TUNE.lsTravel;
  const excluded = new Uint8Array(md.n);
  const fixedFailed = new Uint8Array(md.n);
  const cur = createSol(md);
  for (let j = 0; j < md.n; j++) {
    let any = false;
    for (let v = 0; v < md.m && !any; v++) if (md.compat[j * md.m + v] && cur.routes[v].feasible) any = true;
    if (!any) excluded[j] = 1;
  }
  // Booked appointments first, in the order the vehicle's steps give them.
  for (let v = 0; v < md.m; v++) {
    let after = 0;
    for (const j of md.vPinned[v]) {
      const r = cur.routes[v];
      let best = Infinity;
      let bp = -1;
      for (let p = after; p <= r.len; p++) {
        const c = insertionCost(md, r, j, p);
        if (c < best) {
          best = c;
          bp = p;
        }
      }
      if (bp < 0 || excluded[j] || r.jobs >= md.vMaxTasks[v]) {
        excluded[j] = 1;
        fixedFailed[j] = 1;
        continue;
      }
      insertNode(md, r, bp, j);
      cur.routeOf[j] = v;
      after = bp + 1;
    }
  }
  for (let j = 0; j < md.n; j++) if (!excluded[j] && cur.routeOf[j] < 0) bankAdd(cur, md, j);
  if (!params.hierarchical && md.n > TUNE.granN && TUNE.regretK > 0) {
    const list = Array.from(cur.bank.subarray(0, cur.bankLen));
    for (const j of regretInsertion(md, cur, list, TUNE.regretK)) bankRemove(cur, md, j);
  }
  // What regret insertion left out (or every job, on small days) goes where it costs least now.
  recreate(w, cur, true, 4);
  clearDirty(w);
  const cand = cloneSol(md, cur);
  let best = cloneSol(md, cur);
  let it = 0;
  const total = params.iterations ?? Infinity;
  const start = params.now();
  const deadline = params.deadline ?? Infinity;

  // Hierarchical: first anneal on travel alone with routes free to open. Good low-travel plans
  // often already have few routes (clustered days), and the fleet reduction then starts from a
  // well-shaped plan instead of reshaping a poor one afterwards.
  if (params.hierarchical && md.n > 0) {
    const vc = w.vehCost;
    w.vehCost = 0;
    w.lsOn = TUNE.lsWarm;
    const pIters = total === Infinity ? Infinity : Math.floor(total * TUNE.warm);
    it = anneal(w, cur, cand, best, false, it, pIters, start + (deadline - start) * TUNE.warm, params.now, TUNE.t0);
    w.vehCost = vc;
    w.lsOn = true;
    copySol(md, cur, best);
    copySol(md, cand, best);
  }

  // Fleet reduction: only when every plannable job is planned (otherwise vehicles are scarce).
  if (params.hierarchical && cur.bankLen === 0 && md.n > 0) {
    const fleetIters = total === Infinity ? Infinity : Math.floor(total * (TUNE.warm + TUNE.fleet));
    const fleetDeadline = start + (deadline - start) * (TUNE.warm + TUNE.fleet);
    let capLb = 0;
    for (let k = 0; k < md.K; k++) {
      let d = 0;
      let cap = 0;
      for (let j = 0; j < md.n; j++) d += Math.max(md.delivery[j * md.K + k], md.pickup[j * md.K + k]);
      for (let v = 0; v < md.m; v++) cap = Math.max(cap, md.vCap[v * md.K + k]);
      if (cap > 0 && Number.isFinite(cap)) capLb = Math.max(capLb, Math.ceil(d / cap - 1e-9));
    }
    const absSum = (s: Sol) => {
      let x = 0;
      for (let i = 0; i < s.bankLen; i++) x += w.absences[s.bank[i]];
      return x;
    };
    // Give up on the next vehicle once a while has passed without one (most reductions come early).
    const patienceMs = (deadline - start) * TUNE.patience;
    const patienceIt = total === Infinity ? Infinity : Math.floor(total * TUNE.patience);
    let lastGainT = params.now();
    let lastGainIt = it;
    while (it < fleetIters && params.now() < fleetDeadline) {
      if (cur.bankLen > 0 && (params.now() - lastGainT > patienceMs || it - lastGainIt > patienceIt)) break;
      if (cur.bankLen === 0) {
        copySol(md, best, cur);
        w.onBest?.(best);
        lastGainT = params.now();
        lastGainIt = it;
        if (usedRoutes(cur) <= Math.max(1, capLb)) break;
        // Empty one route: the smallest half the time, otherwise any.
        let pick = -1;
        const cands: number[] = [];
        for (let ri = 0; ri < cur.routes.length; ri++) {
          const r = cur.routes[ri];
          if (r.jobs === 0 || md.vPinned[r.v].length > 0) continue;
          cands.push(ri);
          if (pick < 0 || r.jobs < cur.routes[pick].jobs) pick = ri;
        }
        if (cands.length === 0) break;
        if (rng() < 0.5) pick = cands[Math.floor(rng() * cands.length)];
        const r = cur.routes[pick];
        for (let i = r.len - 1; i >= 0; i--) {
          const j = r.nodes[i];
          if (j < md.n) {
            removeAt(r, i);
            cur.routeOf[j] = -1;
            bankAdd(cur, md, j);
          }
        }
        updateRoute(md, r);
        copySol(md, cand, cur);
        w.absences.fill(0);
      }
      ruin(w, cand);
      recreate(w, cand, false, pickOrder(w, true));
      it++;
      const better = dirtyFeasible(w, cand) && (cand.bankLen < cur.bankLen || (cand.bankLen === cur.bankLen && absSum(cand) <= absSum(cur)));
      if (better) syncChanged(w, cur, cand);
      else syncChanged(w, cand, cur);
      clearDirty(w);
      for (let i = 0; i < cur.bankLen; i++) w.absences[cur.bank[i]]++;
    }
    if (cur.bankLen === 0) copySol(md, best, cur);
    copySol(md, cur, best);
    copySol(md, cand, best);
  }

  // Annealing on cost with the fleet fixed as found (a new route only to place a job).
  if (params.hierarchical && md.n > 0) it = finalPhase(w, cur, cand, best, it, total, deadline, params.now);
  else {
    const from = params.reserveFrom;
    const built = from === undefined ? NaN : start - from;
    const reserve = deadline < Infinity && Number.isFinite(built) ? Math.min(TUNE.reserve * built, TUNE.reserveMax * (deadline - from!)) : 0;
    it = anneal(w, cur, cand, best, params.hierarchical, it, total, deadline - reserve, params.now, TUNE.t0);
  }
  if (TUNE.ls > 0) improve(w, best);
  // Local search after a polish can shorten routes enough for a left-out job to fit: polish again
  // until nothing more fits (a plan never leaves out a job that fits as the routes stand).
  for (let round = 0; round < 5 && polish(w, best); round++) if (TUNE.ls > 0) improve(w, best);
  clearDirty(w);
  return { sol: best, iterations: it, excluded, fixedFailed };
}

/**
 * Simulated annealing over ruin & recreate from `cur` (with `cand` equal to it), keeping the
 * best in `best`. `hierKey`: fewer routes beat any cost. Returns the iteration counter.
 */
function anneal(
  w: Work, cur: Sol, cand: Sol, best: Sol, hierKey: boolean, it: number, lastIt: number, endTime: number, now: () => number, tStart: number,
): number {
  const md = w.md;
  const rng = w.rng;
  const first = it;
  const startT = now();
  // Keys compared lexicographically: unplanned weight, then (hierarchical) routes used.
  let curW = cur.unW;
  let curRoutes = hierKey ? usedRoutes(cur) : 0;
  let curCost = solCost(md, cur);
  let bestW = curW;
  let bestRoutes = curRoutes;
  let bestCost = curCost;
  copySol(md, best, cur);
  w.onBest?.(best);
  const soft = !hierKey && TUNE.softJob + TUNE.softPrio > 0;
  const penalty = (x: Sol) => {
    let pen = 0;
    for (let i = 0; i < x.bankLen; i++) pen += TUNE.softJob + TUNE.softPrio * md.priority[x.bank[i]];
    return pen * md.scale;
  };
  let curPen = soft ? penalty(cur) : 0;
  const t0 = md.scale * tStart;
  const tf = md.scale * TUNE.tf;
  const iters = lastIt === Infinity ? Infinity : lastIt - first;
  // Every bank job of cur was tried in every route when cur was made: only changed routes can take it now.
  w.bankDirtyOnly = true;
  for (;;) {
    if (it >= lastIt) break;
    const t = now(); // once per iteration: a CPU-time clock is a system call
    if (t >= endTime) break;
    const progress = iters !== Infinity ? (it - first) / iters : Math.min(1, (t - startT) / Math.max(1, endTime - startT));
    const temp = t0 * Math.pow(tf / t0, progress);
    ruin(w, cand);
    recreate(w, cand, true, pickOrder(w, false));
    it++;
    if (TUNE.ls === 2 && w.lsOn && cand.bankLen === 0) improve(w, cand);
    let kw = cand.unW;
    let kr = hierKey ? usedRoutes(cand) : 0;
    let cost = solCost(md, cand);
    const lex = kw !== curW ? kw - curW : kr - curRoutes;
    const feasible = dirtyFeasible(w, cand);
    const pen = soft ? penalty(cand) : 0;
    const accept = feasible && (lex < 0 || ((lex === 0 || soft) && cost + pen < curCost + curPen - temp * Math.log(rng())));
    if (accept) {
      syncChanged(w, cur, cand);
      curPen = pen;
      curW = kw;
      curRoutes = kr;
      curCost = cost;
      const lb = kw !== bestW ? kw - bestW : kr - bestRoutes;
      if (lb < 0 || (lb === 0 && cost < bestCost - 1e-9)) {
        if (TUNE.ls === 1 && w.lsOn && cur.bankLen === 0) {
          clearDirty(w);
          if (improve(w, cur) > 0) {
            syncChanged(w, cand, cur);
            kw = cur.unW;
            kr = hierKey ? usedRoutes(cur) : 0;
            cost = solCost(md, cur);
            curW = kw;
            curRoutes = kr;
            curCost = cost;
          }
        }
        copySol(md, best, cur);
        w.onBest?.(best);
        bestW = kw;
        bestRoutes = kr;
        bestCost = cost;
      }
    } else syncChanged(w, cand, cur);
    clearDirty(w);
  }
  w.bankDirtyOnly = false;
  return it;
}

/**
 * Run phases one after another, phase k taking shares[k] of the budget (iterations, or time when
 * there is no iteration bound) left at the start of the pipeline. The last phase takes whatever
 * is left. Returns the iteration counter.
 */
function pipeline(
  it: number, total: number, endTime: number, now: () => number, shares: readonly number[],
  run: (k: number, it: number, lastIt: number, endTime: number) => number,
): number {
  const it0 = it;
  const t0 = now();
  let acc = 0;
  for (let k = 0; k < shares.length; k++) {
    acc += shares[k];
    const last = k === shares.length - 1;
    const lastIt = total === Infinity ? Infinity : last ? total : it0 + Math.floor((total - it0) * acc);
    const end = endTime === Infinity || last ? endTime : t0 + (endTime - t0) * acc;
    it = run(k, it, lastIt, end);
  }
  return it;
}

/** Lexicographic comparison of (unplanned weight, routes, cost); negative when a is better. */
function hierCompare(md: Model, a: Sol, b: Sol): number {
  if (a.unW !== b.unW) return a.unW - b.unW;
  const ua = usedRoutes(a);
  const ub = usedRoutes(b);
  if (ua !== ub) return ua - ub;
  return solCost(md, a) - solCost(md, b);
}

/**
 * Hierarchical final phase: several hotter annealing restarts from the reduced-fleet plan in
 * `cur`, then the best of them annealed on, starting cool, for the rest of the budget.
 */
function finalPhase(w: Work, cur: Sol, cand: Sol, best: Sol, it: number, total: number, endTime: number, now: () => number): number {
  const md = w.md;
  const R = TUNE.restarts;
  const start = cloneSol(md, cur);
  const champion = cloneSol(md, cur);
  const shares: number[] = [];
  for (let k = 0; k < R; k++) shares.push(TUNE.restartShare);
  shares.push(1 - R * TUNE.restartShare);
  return pipeline(it, total, endTime, now, shares, (k, it0, lastIt, end) => {
    if (k < R) {
      copySol(md, cur, start);
      copySol(md, cand, start);
      const res = anneal(w, cur, cand, best, true, it0, lastIt, end, now, TUNE.restartT0);
      if (k === 0 || hierCompare(md, best, champion) < 0) copySol(md, champion, best);
      return res;
    }
    copySol(md, cur, champion);
    copySol(md, cand, champion);
    return anneal(w, cur, cand, best, true, it0, lastIt, end, now, TUNE.finishT0);
  });
}

/**
 * Put left-out job u in place of up to maxLen jobs in a row of one route, together of lower
 * priority (all routes, or only those the current ruin & recreate changed), for the largest gain
 * in priority, then the least added cost; the jobs taken out go to the bank. Returns whether it did.
 */
function exchange(w: Work, s: Sol, u: number, onlyDirty: boolean, maxLen: number): boolean {
  const md = w.md;
  const { n, m } = md;
  const sc = w.scratch;
  let bestGain = 0;
  let bestCost = Infinity;
  let br = -1;
  let bk = -1;
  let bl = 0;
  let bp = -1;
  const cnt = onlyDirty ? w.dirtyLen : s.routes.length;
  for (let x = 0; x < cnt; x++) {
    const ri = onlyDirty ? w.dirty[x] : x;
    const r = s.routes[ri];
    if (r.jobs === 0 || !r.feasible || !md.compat[u * m + r.v]) continue;
    for (let i = 0; i < r.len; i++) for (let L = 1; L <= maxLen && i + L <= r.len; L++) {
      const k = r.nodes[i + L - 1];
      if (k >= n || w.pinned[k]) break;
      let out = 0;
      for (let q = i; q < i + L; q++) out += md.weight[r.nodes[q]];
      const gain = md.weight[u] - out;
      if (gain <= 0 || gain < bestGain) continue;
      copyRoute(md, sc, r);
      sc.v = r.v;
      for (let q = 0; q < L; q++) removeAt(sc, i);
      updateRoute(md, sc);
      if (!sc.feasible || sc.slack < md.service[u]) continue;
      const base = sc.travel + sc.late - r.travel - r.late;
      for (let p = 0; p <= sc.len; p++) {
        const c = insertionCost(md, sc, u, p);
        if (c === Infinity) continue;
        if (gain > bestGain || base + c < bestCost) {
          bestGain = gain;
          bestCost = base + c;
          br = ri;
          bk = i;
          bl = L;
          bp = p;
        }
      }
    }
  }
  if (br < 0) return false;
  const r = s.routes[br];
  bankRemove(s, md, u);
  for (let q = 0; q < bl; q++) {
    const k = r.nodes[bk];
    removeAt(r, bk);
    s.routeOf[k] = -1;
    bankAdd(s, md, k);
    w.touched.push(k);
  }
  updateRoute(md, r);
  insertNode(md, r, bp, u);
  s.routeOf[u] = br;
  markDirty(w, br);
  w.touched.push(u);
  return true;
}

/**
 * Ejection chain of depth 2 for left-out job u: take any job k out of one route, put u there,
 * and move k to another route where it fits as that route stands. Unlike an exchange this also
 * pays when k is as valuable as u, or more (the plan gains u and keeps k). Picks the least added
 * travel. Returns whether it did.
 */
function ejectionChain(w: Work, s: Sol, u: number, onlyDirty: boolean): boolean {
  const md = w.md;
  const { n, m } = md;
  const sc = w.scratch;
  const service = md.service[u];
  let bestCost = Infinity;
  let ba = -1;
  let bk = -1;
  let bp = -1;
  let bb = -1;
  let bq = -1;
  const cnt = onlyDirty ? w.dirtyLen : s.routes.length;
  for (let x = 0; x < cnt; x++) {
    const ra = onlyDirty ? w.dirty[x] : x;
    const r = s.routes[ra];
    if (r.jobs === 0 || !r.feasible || !md.compat[u * m + r.v]) continue;
    for (let i = 0; i < r.len; i++) {
      const k = r.nodes[i];
      // k may be worth more than u: it stays planned (moved), so only u's weight is at stake.
      // (Restricting k to no more than u's priority left scarce technicians' days full of work
      // others could do: +40 / +170 priority at equal iterations, round seven.)
      if (k >= n || w.pinned[k]) continue;
      // Where k could go first: on full days it mostly fits nowhere, and that is cheaper to learn
      // than re-timing route a without k (equal plans; ~10–20 % less CPU per iteration).
      const ck = bestInsertion(w, s, k, true, 0, onlyDirty ? ALL : FULL, ra);
      if (ck === Infinity) continue;
      const kb = bestR;
      const kq = bestP;
      copyRoute(md, sc, r);
      sc.v = r.v;
      removeAt(sc, i);
      updateRoute(md, sc);
      if (!sc.feasible || sc.slack < service) continue;
      let cu = Infinity;
      let pu = -1;
      for (let p = 0; p <= sc.len; p++) {
        const c = insertionCost(md, sc, u, p);
        if (c < cu) {
          cu = c;
          pu = p;
        }
      }
      if (pu < 0) continue;
      const base = sc.travel + sc.late - r.travel - r.late + cu;
      if (base >= bestCost) continue;
      if (base + ck >= bestCost) continue;
      bestCost = base + ck;
      ba = ra;
      bk = i;
      bp = pu;
      bb = kb;
      bq = kq;
    }
  }
  if (ba < 0) return false;
  const ra = s.routes[ba];
  const k = ra.nodes[bk];
  removeAt(ra, bk);
  updateRoute(md, ra);
  insertNode(md, ra, bp, u);
  s.routeOf[u] = ba;
  bankRemove(s, md, u);
  insertNode(md, s.routes[bb], bq, k);
  s.routeOf[k] = bb;
  markDirty(w, ba);
  markDirty(w, bb);
  w.touched.push(u, k);
  return true;
}

/** Keep a copy of route ri (once per trial) so that undoTrial can put it back. */
function saveRoute(w: Work, s: Sol, ri: number): void {
  if (w.savedIdx.includes(ri)) return;
  const k = w.savedIdx.length;
  if (w.saved.length <= k) w.saved.push(newRoute(w.md, 0));
  copyRoute(w.md, w.saved[k], s.routes[ri]);
  w.saved[k].v = s.routes[ri].v;
  w.savedIdx.push(ri);
}

/**
 * Give the jobs of route ra's nodes[i..i+L) to other technicians, as the routes stand: each where
 * it fits, else in place of one job worth less than `room` minus what is dropped already. Changes
 * the plan (the routes it touches saved first, routeOf set; the dropped jobs in `dropped`, not
 * banked); returns the added cost, or Infinity when some job found no place.
 */
function relocateBlock(w: Work, s: Sol, ra: number, i: number, L: number, room: number, dropped: number[], cheap: boolean, gap: boolean): number {
  const md = w.md;
  const { n, m } = md;
  const r = s.routes[ra];
  const sb = w.roomB;
  const svc = md.service;
  // While annealing (cheap): a moved job only goes to routes near it (granular above granN jobs, as in recreate),
  // and only in place of jobs in whose gap it could be served at all (the stop before keeps its
  // earliest times, the one after its latest). The polish keeps the full search.
  const mode = cheap ? ALL : FULL;
  let total = 0;
  let lost = 0;
  for (let q = i; q < i + L; q++) {
    const k = r.nodes[q];
    const ck = bestInsertion(w, s, k, true, 0, mode, ra);
    if (ck < Infinity) {
      const rb = bestR;
      const pb = bestP;
      saveRoute(w, s, rb);
      insertNode(md, s.routes[rb], pb, k);
      s.routeOf[k] = rb;
      total += ck;
      continue;
    }
    // Displace up to roomDrop jobs in a row of another route: a single one may move on to a
    // third technician where it fits as that day stands; else they are dropped, worth together
    // less than what the move still gains.
    let best = Infinity;
    let bb = -1;
    let bd = -1;
    let bD = 0;
    let bp = -1;
    let bw = Infinity;
    let dr = -1;
    let dp = -1;
    const near = w.nearList;
    near.length = 0;
    if (cheap && (md.n > TUNE.granN || TUNE.roomNearSmall)) {
      const mark = ++w.nearMark;
      const nb = adjacency(md)[k];
      const lim = Math.min(nb.length, md.n > TUNE.granN ? TUNE.granK : TUNE.roomNearK);
      for (let a = 0; a < lim; a++) {
        const rj = s.routeOf[nb[a]];
        if (rj >= 0 && w.nearStamp[rj] !== mark) {
          w.nearStamp[rj] = mark;
          near.push(rj);
        }
      }
    } else for (let rb = 0; rb < s.routes.length; rb++) near.push(rb);
    const kLast = w.lastTw[k];
    const kFirstEnd = w.firstEnd[k];
    for (const rb of near) {
      const r2 = s.routes[rb];
      if (rb === ra || r2.jobs === 0 || !r2.feasible || !md.compat[k * m + r2.v]) continue;
      const { est, lst, nodes } = r2;
      for (let x = 0; x < r2.len; x++) {
        if (cheap && est[x] > kLast) break;
        const leave = est[x] + (x > 0 ? svc[nodes[x - 1]] : 0);
        let dw = 0;
        for (let D = 1; D <= TUNE.roomDrop && x + D <= r2.len; D++) {
          const d = r2.nodes[x + D - 1];
          if (d >= n || w.pinned[d]) break;
          dw += md.weight[d];
          const canDrop = lost + dw < room;
          if (D > 1 && (!canDrop || dw > bw)) break;
          if (bw === 0 && D > 1) break;
          if (cheap && (lst[x + D + 1] < kFirstEnd || lst[x + D + 1] - leave < svc[k])) continue;
          if (gap && !fitsInGap(md, r2, k, x, x + D + 1)) continue;
          copyRoute(md, sb, r2);
          sb.v = r2.v;
          for (let q = 0; q < D; q++) removeAt(sb, x);
          updateRoute(md, sb);
          if (!sb.feasible || sb.slack < md.service[k]) continue;
          let ck = Infinity;
          let pk = -1;
          for (let p = 0; p <= sb.len; p++) {
            const c = insertionCost(md, sb, k, p);
            if (c < ck) {
              ck = c;
              pk = p;
            }
          }
          if (pk < 0) continue;
          const base = sb.travel + sb.late - r2.travel - r2.late + ck;
          let lostAdd = dw;
          let cost = base;
          let mr = -1;
          let mp = -1;
          if (D === 1 && (bw > 0 || base < best)) {
            const cd = bestInsertion(w, s, d, true, 0, mode, rb, ra);
            if (cd < Infinity) {
              lostAdd = 0;
              cost = base + cd;
              mr = bestR;
              mp = bestP;
            }
          }
          if (lostAdd > 0 && !canDrop) continue;
          // The least valuable loss first, then the least added cost.
          if (lostAdd < bw || (lostAdd === bw && cost < best)) {
            bw = lostAdd;
            best = cost;
            bb = rb;
            bd = x;
            bD = D;
            bp = pk;
            dr = mr;
            dp = mp;
          }
        }
      }
    }
    if (bb < 0) {
      blockFailedFirst = q === i;
      return Infinity;
    }
    const r2 = s.routes[bb];
    saveRoute(w, s, bb);
    for (let q = 0; q < bD; q++) {
      const d = r2.nodes[bd];
      removeAt(r2, bd);
      s.routeOf[d] = -1;
      if (dr < 0) dropped.push(d);
      else {
        saveRoute(w, s, dr);
        insertNode(md, s.routes[dr], dp, d);
        s.routeOf[d] = dr;
      }
    }
    updateRoute(md, r2);
    insertNode(md, r2, bp, k);
    s.routeOf[k] = bb;
    lost += bw;
    total += best;
  }
  return total;
}

/** Put back the routes a trial changed (and where their jobs are; the block's route was not changed). */
function undoTrial(w: Work, s: Sol, ra: number, i: number, L: number): void {
  const md = w.md;
  // All routes cleared first: a job may have moved between two of them.
  for (const ri of w.savedIdx) {
    const r = s.routes[ri];
    for (let x = 0; x < r.len; x++) if (r.nodes[x] < md.n) s.routeOf[r.nodes[x]] = -1;
  }
  for (let k = 0; k < w.savedIdx.length; k++) {
    const ri = w.savedIdx[k];
    const r = s.routes[ri];
    copyRoute(md, r, w.saved[k]);
    for (let x = 0; x < r.len; x++) if (r.nodes[x] < md.n) s.routeOf[r.nodes[x]] = ri;
  }
  w.savedIdx.length = 0;
  const r = s.routes[ra];
  for (let q = i; q < i + L; q++) s.routeOf[r.nodes[q]] = ra;
}

/**
 * Relocate-then-insert for left-out job u, a compound move beyond the depth-2 ejection chain: take
 * up to TUNE.roomLen jobs in a row out of the day of a technician who can do u, give each to
 * another technician (where it fits as that day stands, or in place of a job worth less than the
 * move gains), and put u in the time freed. Pays when u's skill is scarce and its technicians'
 * days are full of work others could do (AC installations on the shared s723 day). Picks the
 * largest gain in priority, then the least added cost. Returns whether it did.
 */
function makeRoom(w: Work, s: Sol, u: number, onlyDirty: boolean, cheap = onlyDirty): boolean {
  const md = w.md;
  const { n, m } = md;
  const sa = w.roomA;
  const svc = md.service;
  const service = svc[u];
  const lastTw = w.lastTw[u];
  const firstEnd = w.firstEnd[u];
  const dropped: number[] = [];
  // While annealing only: in the polish on t100 it cost 30 priority on each of seeds 1-3 (round eleven).
  const gap = onlyDirty && TUNE.roomGap;
  let bestGain = 0;
  let bestCost = Infinity;
  let bestRoom = 0;
  let ba = -1;
  let bi = -1;
  let bl = 0;
  let bp = -1;
  const cnt = onlyDirty ? w.dirtyLen : s.routes.length;
  for (let x = 0; x < cnt; x++) {
    const ra = onlyDirty ? w.dirty[x] : x;
    const r = s.routes[ra];
    if (r.jobs === 0 || !r.feasible || !md.compat[u * m + r.v]) continue;
    const { est, lst, nodes } = r;
    for (let i = 0; i < r.len; i++) {
      // Position i (the stop before the block) keeps its earliest times, position i + L + 1 (the
      // one after) its latest: u must fit between them, drives aside, to go where the block was.
      if (est[i] > lastTw) break;
      const leave = est[i] + (i > 0 ? svc[nodes[i - 1]] : 0);
      for (let L = 1; L <= TUNE.roomLen && i + L <= r.len; L++) {
        const k = nodes[i + L - 1];
        if (k >= n || w.pinned[k]) break;
        if (lst[i + L + 1] < firstEnd || lst[i + L + 1] - leave < service) continue;
        if (gap && !fitsInGap(md, r, u, i, i + L + 1)) continue;
        copyRoute(md, sa, r);
        sa.v = r.v;
        for (let q = 0; q < L; q++) removeAt(sa, i);
        updateRoute(md, sa);
        if (!sa.feasible || sa.slack < service) continue;
        let cu = Infinity;
        let pu = -1;
        for (let p = 0; p <= sa.len; p++) {
          const c = insertionCost(md, sa, u, p);
          if (c < cu) {
            cu = c;
            pu = p;
          }
        }
        if (pu < 0) continue;
        const base = sa.travel + sa.late - r.travel - r.late + cu;
        dropped.length = 0;
        const room = md.weight[u] - (bestGain > 0 ? bestGain - 1 : 0);
        const moved = relocateBlock(w, s, ra, i, L, room, dropped, cheap, gap);
        let gain = md.weight[u];
        for (const d of dropped) gain -= md.weight[d];
        // While annealing the first room found is taken as it stands (the acceptance judges the
        // plan): no second search for a better one, no replay.
        if (onlyDirty && moved < Infinity && gain > 0) {
          commitRoom(w, s, u, ra, i, L, pu, dropped);
          return true;
        }
        undoTrial(w, s, ra, i, L);
        // The first job found no place: a longer block from i starts with the same question on the
        // same plan (and no more room to drop), so it fails too.
        if (moved === Infinity) {
          if (blockFailedFirst) break;
          continue;
        }
        if (gain <= 0 || gain < bestGain || (gain === bestGain && base + moved >= bestCost)) continue;
        bestGain = gain;
        bestCost = base + moved;
        bestRoom = room;
        ba = ra;
        bi = i;
        bl = L;
        bp = pu;
      }
    }
  }
  if (ba < 0) return false;
  dropped.length = 0;
  // The same inputs as the trial that found it (undone exactly since), so the same moves.
  relocateBlock(w, s, ba, bi, bl, bestRoom, dropped, cheap, gap);
  commitRoom(w, s, u, ba, bi, bl, bp, dropped);
  return true;
}

/** Finish a makeRoom move whose block has been relocated: the block leaves route ba, u goes in at bp, the dropped jobs to the bank. */
function commitRoom(w: Work, s: Sol, u: number, ba: number, bi: number, bl: number, bp: number, dropped: number[]): void {
  const md = w.md;
  const n = md.n;
  for (const ri of w.savedIdx) {
    markDirty(w, ri);
    const r2 = s.routes[ri];
    for (let q = 0; q < r2.len; q++) if (r2.nodes[q] < n) w.touched.push(r2.nodes[q]);
  }
  w.savedIdx.length = 0;
  const r = s.routes[ba];
  for (let q = bi; q < bi + bl; q++) w.touched.push(r.nodes[q]);
  for (let q = 0; q < bl; q++) removeAt(r, bi);
  updateRoute(md, r);
  insertNode(md, r, bp, u);
  s.routeOf[u] = ba;
  bankRemove(s, md, u);
  markDirty(w, ba);
  w.touched.push(u);
  for (const d of dropped) {
    bankAdd(s, md, d);
    w.touched.push(d);
  }
}

/** One ruin of a plan as it stands (the jobs taken out go to the bank); for tests. */
export function ruinPlan(md: Model, s: Sol, rng: Rng): void {
  const w = createWork(md, rng, false);
  ruin(w, s);
  clearDirty(w);
}

/**
 * makeRoom for left-out job u on a plan as it stands; `annealing`: as recreate runs it (every route
 * counted as changed; moved jobs only near their place above granN jobs, the first room found
 * taken). For tests.
 */
export function makeRoomPlan(md: Model, s: Sol, u: number, rng: Rng, annealing: boolean): boolean {
  const w = createWork(md, rng, false);
  if (annealing) for (let r = 0; r < md.m; r++) markDirty(w, r);
  const done = makeRoom(w, s, u, annealing);
  clearDirty(w);
  return done;
}

/** The final passes (insertion of what fits, exchanges) on a plan as it stands; for tests. */
export function polishPlan(md: Model, s: Sol, rng: Rng): boolean {
  return polish(createWork(md, rng, false), s);
}

/**
 * Final passes on a plan, priority first: insert every left-out job that fits anywhere as the
 * routes stand (all routes, no granularity, no blinks), and put a left-out job in place of a
 * lower-priority one (or two in a row) when that is the only way to fit it (the jobs taken out
 * are then tried elsewhere). Returns whether the plan changed.
 */
function polish(w: Work, s: Sol): boolean {
  const md = w.md;
  const { n, m } = md;
  const list = w.list;
  const sc = w.scratch;
  let changed = false;
  for (let round = 0; round < 20; round++) {
    let any = false;
    list.length = 0;
    for (let i = 0; i < s.bankLen; i++) list.push(s.bank[i]);
    for (const j of list) w.key[j] = 0;
    list.sort(w.byPrioKey);
    for (const j of list) {
      if (bestInsertion(w, s, j, true, 0, FULL) === Infinity) continue;
      insertNode(md, s.routes[bestR], bestP, j);
      s.routeOf[j] = bestR;
      markDirty(w, bestR);
      w.touched.push(j);
      bankRemove(s, md, j);
      any = true;
    }
    // Ejection chains, then exchanges: the most valuable left-out job first.
    if (TUNE.chain)
      for (const u of list) {
        if (s.routeOf[u] >= 0) continue;
        if (ejectionChain(w, s, u, false)) any = true;
      }
    if (TUNE.room)
      for (const u of list) {
        // Above granN jobs the moved jobs are priced only near their place (as while annealing): over all
        // routes it took about 3-6 s of CPU after the budget on the shared 100 × 900 day (round ten).
        if (s.routeOf[u] >= 0 || md.priority[u] <= 0 || (TUNE.roomPolishScarce && !scarceJob(w, u))) continue;
        if (makeRoom(w, s, u, false, TUNE.roomPolishNear && md.n > TUNE.granN)) any = true;
      }
    // Exchanges: for the largest gain in priority, then the least added cost.
    for (const u of list) {
      if (s.routeOf[u] >= 0) continue;
      if (exchange(w, s, u, false, 2)) any = true;
    }
    if (!any) break;
    changed = true;
  }
  return changed;
}


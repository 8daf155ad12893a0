// Turn the search's arrays back into VROOM's solution shape, and explain what stayed unplanned.
import type { Model } from './model.js';
import { earliestIn, newRoute, insertionCost, routeCost, type Route } from './route.js';
import type { Sol } from './search.js';
import type { Solution, SolutionRoute, SolutionStep, UnassignedJob, UnassignedReasonCode, VroomProblem } from './types.js';

function fmt(x: number): number {
  return Number.isInteger(x) ? x : Math.round(x * 1e6) / 1e6;
}

export function explainUnassigned(md: Model, j: number, fixedFailed: boolean): { code: UnassignedReasonCode; reason: string } {
  const { m, nl, dur } = md;
  const skilled: number[] = [];
  for (let v = 0; v < m; v++) if (md.skillsOk[j * m + v]) skilled.push(v);
  if (skilled.length === 0) {
    const held = new Set<number>();
    for (const s of md.vSkills) for (const x of s) held.add(x);
    const missing = md.jobSkills[j].filter((x) => !held.has(x));
    return missing.length > 0
      ? { code: 'skills', reason: `no technician has skills ${missing.join(', ')}` }
      : { code: 'skills', reason: `no technician holds all of skills ${md.jobSkills[j].join(', ')}` };
  }
  const pin = md.pinnedTo[j];
  const byPin = pin >= 0 ? skilled.filter((v) => v === pin) : skilled;
  if (byPin.length === 0) return { code: 'skills', reason: `fixed to vehicle ${md.vehicleId[pin]}, which lacks the skills` };
  const K = md.K;
  const fits = byPin.filter((v) => {
    for (let k = 0; k < K; k++)
      if (md.delivery[j * K + k] > md.vCap[v * K + k] || md.pickup[j * K + k] > md.vCap[v * K + k]) return false;
    return true;
  });
  if (fits.length === 0) return { code: 'capacity', reason: 'the job is larger than the capacity of every technician who has the skills' };
  const tasks = fits.filter((v) => md.vMaxTasks[v] > 0);
  if (tasks.length === 0) return { code: 'max_tasks', reason: 'every suitable technician has max_tasks 0' };
  let twFail = 0;
  let lastReason = '';
  for (const v of tasks) {
    const l = md.nodeLoc[j];
    const s = md.vStart[v];
    const arr = md.vTwLo[v] + dur[s * nl + l] + (s !== l ? md.setup[j] : 0);
    const st = earliestIn(md, j, arr);
    if (st === Infinity) {
      twFail++;
      continue;
    }
    const r: Route = newRoute(md, v);
    if (!r.feasible) {
      lastReason = `vehicle ${md.vehicleId[v]} cannot go from its start to its end (with its breaks) within its shift`;
      continue;
    }
    for (let p = 0; p <= r.len; p++)
      if (insertionCost(md, r, j, p) < Infinity)
        return fixedFailed
          ? { code: 'fixed_step', reason: `fixed step does not fit between vehicle ${md.vehicleId[v]}'s other fixed steps` }
          : { code: 'no_room', reason: 'every suitable technician is fully booked (time or capacity taken by other jobs)' };
    if (st + md.service[j] + dur[l * nl + md.vEnd[v]] > md.vTwHi[v]) lastReason = 'shift too short: no technician could serve it and be back by the end of the shift';
    else lastReason = 'shift too short once breaks are taken';
  }
  if (twFail === tasks.length) return { code: 'time_window', reason: 'time window unreachable: no suitable technician can arrive before the window closes' };
  return { code: 'shift', reason: lastReason || 'shift too short' };
}

export function buildSolution(
  md: Model,
  problem: VroomProblem,
  sol: Sol,
  excluded: Uint8Array,
  fixedFailed: Uint8Array,
  timing: { loading: number; solving: number },
  iterations: number,
): Solution {
  const jobs = problem.jobs ?? [];
  const vehicles = problem.vehicles;
  const { n, nl, dur, dist, service, setup, K } = md;
  const routes: SolutionRoute[] = [];
  let tot = { cost: 0, setup: 0, service: 0, duration: 0, waiting: 0, priority: 0, distance: 0, late: 0 };
  for (const r of sol.routes) {
    if (r.jobs === 0) continue;
    const v = r.v;
    const veh = vehicles[v];
    const steps: SolutionStep[] = [];
    // Leave as late as the first visit allows, so nobody waits on a doorstep.
    let depart = r.est[0];
    if (r.len > 0 && r.nodes[0] < n) {
      const j = r.nodes[0];
      const l = md.nodeLoc[j];
      const arr = depart + dur[r.loc[0] * nl + l] + (r.loc[0] !== l ? setup[j] : 0);
      depart += Math.max(0, Math.min(r.est[1] - arr, r.lst[0] - depart));
    }
    let t = depart;
    let travel = 0;
    let distance = 0;
    let waiting = 0;
    let sSetup = 0;
    let sService = 0;
    let prio = 0;
    const loadAt = (i: number) => Array.from(r.load.subarray(i * K, i * K + K), fmt);
    const withLoad = (veh.capacity?.length ?? 0) > 0 || jobs.some((x) => x.delivery || x.pickup || x.amount);
    const startStep: SolutionStep = { type: 'start', arrival: fmt(depart), duration: 0, setup: 0, service: 0, waiting_time: 0, distance: 0 };
    if (r.loc[0] !== md.none) {
      if (veh.start) startStep.location = veh.start;
      if (veh.start_index !== undefined) startStep.location_index = veh.start_index;
    }
    if (withLoad) startStep.load = loadAt(0);
    steps.push(startStep);
    let prevLoc = r.loc[0];
    let late = 0;
    let idle = 0; // waiting for breaks since the last stop: the drive to the next stop may use it
    for (let i = 1; i <= r.len + 1; i++) {
      const isEnd = i === r.len + 1;
      const node = isEnd ? -1 : r.nodes[i - 1];
      const isBreak = node >= n;
      const l = isBreak ? prevLoc : isEnd ? md.vEnd[v] : md.nodeLoc[node];
      const leg = isBreak ? 0 : dur[prevLoc * nl + l];
      const legD = isBreak ? 0 : dist[prevLoc * nl + l];
      travel += leg;
      distance += legD;
      const arrival = t + Math.max(0, leg - idle);
      const su = !isEnd && !isBreak && prevLoc !== l ? setup[node] : 0;
      const start = isEnd ? arrival : Math.max(arrival + su, earliestIn(md, node, arrival + su));
      const wait = start - arrival - su;
      const sv = isEnd ? 0 : service[node];
      const step: SolutionStep = {
        type: isEnd ? 'end' : isBreak ? 'break' : 'job',
        arrival: fmt(arrival), duration: fmt(travel), setup: fmt(su), service: fmt(sv), waiting_time: fmt(wait), distance: fmt(distance),
      };
      if (!isBreak && l !== md.none) {
        if (isEnd) {
          if (veh.end) step.location = veh.end;
          if (veh.end_index !== undefined) step.location_index = veh.end_index;
        } else {
          const jb = jobs[node];
          step.id = jb.id;
          if (jb.location) step.location = jb.location;
          if (jb.location_index !== undefined) step.location_index = jb.location_index;
        }
      }
      if (isBreak) step.id = vehicles[v].breaks![md.vBreaks[v].indexOf(node)].id;
      if (!isEnd && !isBreak) {
        prio += md.priority[node];
        if (start > md.deadline[node]) {
          step.late_minutes = fmt((start - md.deadline[node]) / 60);
          late += (start - md.deadline[node]) * md.lateRate[node];
        }
      }
      if (withLoad) step.load = loadAt(i);
      steps.push(step);
      waiting += wait;
      sSetup += su;
      sService += sv;
      t = start + sv;
      idle = isBreak ? idle + wait : 0;
      if (!isBreak) prevLoc = l;
    }
    const cost = routeCost(md, r);
    const route: SolutionRoute = {
      vehicle: veh.id, cost: fmt(cost), setup: fmt(sSetup), service: fmt(sService), duration: fmt(travel), waiting_time: fmt(waiting),
      distance: fmt(distance), priority: prio, steps,
    };
    if (withLoad) {
      const del = new Array(K).fill(0);
      const pic = new Array(K).fill(0);
      for (let i = 0; i < r.len; i++)
        if (r.nodes[i] < n) for (let k = 0; k < K; k++) {
          del[k] += md.delivery[r.nodes[i] * K + k];
          pic[k] += md.pickup[r.nodes[i] * K + k];
        }
      route.delivery = del.map(fmt);
      route.pickup = pic.map(fmt);
    }
    if (md.hasDeadlines) route.lateness_cost = fmt(late);
    routes.push(route);
    tot = {
      cost: tot.cost + cost, setup: tot.setup + sSetup, service: tot.service + sService, duration: tot.duration + travel,
      waiting: tot.waiting + waiting, priority: tot.priority + prio, distance: tot.distance + distance, late: tot.late + late,
    };
  }
  const unassigned: UnassignedJob[] = [];
  for (let j = 0; j < n; j++) {
    if (sol.routeOf[j] >= 0) continue;
    const why = explainUnassigned(md, j, fixedFailed[j] === 1);
    const u: UnassignedJob = { id: jobs[j].id, type: 'job', reason: why.reason, reason_code: why.code };
    if (jobs[j].location) u.location = jobs[j].location;
    if (jobs[j].location_index !== undefined) u.location_index = jobs[j].location_index;
    unassigned.push(u);
  }
  void excluded;
  return {
    code: 0,
    summary: {
      cost: fmt(tot.cost), routes: routes.length, unassigned: unassigned.length, setup: fmt(tot.setup), service: fmt(tot.service),
      duration: fmt(tot.duration), waiting_time: fmt(tot.waiting), priority: tot.priority, distance: fmt(tot.distance),
      lateness_cost: fmt(tot.late), computing_times: { loading: Math.round(timing.loading), solving: Math.round(timing.solving), routing: 0 },
      iterations,
    },
    unassigned,
    routes,
  };
}

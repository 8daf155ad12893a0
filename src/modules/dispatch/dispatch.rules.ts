// Dispatch decisions that need no I/O: which providers may take an order, and how a provider's
// day becomes a routing problem for the solver and back. Times in a problem are seconds after
// the local midnight of the planned day.
import { areaCovers, contractValidOn, type Interval, type Place, type ProviderView } from '../network/index.js';
import { localDate } from '../../shared/zoned.js';
import type { Solution, VroomJob, VroomProblem, VroomVehicle } from './solver/types.js';
import type { PlannedStop, PlanPromise, PlanResult } from './dispatch.tables.js';
import type { LngLat } from './travel.js';

export type Reason = { code: string; zh: string; en: string };

// ---------------------------------------------------------------- providers

/** `at`: when the order would be served; each provider's contract is checked on its own local date then. */
export type OrderFacts = { place: Place; categoryId: string | null; categoryCode: string | null; requiredCertification: string | null; at: Date };
/** `auditScore`: the provider's recent mean audit score (0–100), when the audits module keeps one. */
export type ProviderFacts = { provider: ProviderView; certifiedTechnicians: number; activeTechnicians: number; openOrders: number; auditScore?: number };
/** How much audit scores weigh in the ranking (0: not at all), and the network's mean score (for a provider never audited). */
export type Standing = { weight: number; mean: number | null };
export type ProviderVerdict = {
  providerId: string;
  code: string;
  name: string;
  nameEn: string | null;
  eligible: boolean;
  coveredBy: 'region' | 'postal_code' | 'polygon' | null;
  load: number;
  openOrders: number;
  capacity: number;
  certifiedTechnicians: number;
  /** The provider's recent mean audit score, when audits weigh in the ranking; null otherwise. */
  auditScore: number | null;
  /** What the eligible are ranked by: the load plus the audit penalty. */
  rankedLoad: number;
  reasons: Reason[];
};

/**
 * How an audit score weighs in the ranking: the load (open ÷ capacity) a provider is ranked by gains
 * `weight × (1 − score/100)`, so with weight 0.5 a provider scoring 60 ranks as if 20% of its
 * capacity more were taken than one scoring 100. A provider never audited counts at the network's
 * mean (neither rewarded nor punished for not being looked at).
 */
export function auditPenalty(standing: Standing | undefined, score: number | undefined): number {
  const s = score ?? standing?.mean ?? null;
  if (!standing || standing.weight <= 0 || s === null) return 0;
  return standing.weight * (1 - Math.min(100, Math.max(0, s)) / 100);
}

/** Every provider judged for the order: the eligible first, least loaded first (the load weighed by audit scores when `standing` says so); the others with why not. */
export function judgeProviders(candidates: ProviderFacts[], facts: OrderFacts, standing?: Standing): ProviderVerdict[] {
  const verdicts = candidates.map(({ provider: p, certifiedTechnicians, activeTechnicians, openOrders, auditScore }): ProviderVerdict => {
    const reasons: Reason[] = [];
    const coveredBy = areaCovers(p.serviceArea, facts.place);
    if (!p.active) reasons.push({ code: 'inactive', en: 'provider is not active', zh: '服务商已停用' });
    const date = localDate(facts.at, p.timeZone);
    if (!contractValidOn(p, date)) reasons.push({ code: 'contract', en: `no contract in force on ${date}`, zh: `${date} 不在合同期内` });
    if (!coveredBy) reasons.push({ code: 'area', en: `does not serve ${facts.place.city} ${facts.place.district}`, zh: `服务区域不含 ${facts.place.city}${facts.place.district}` });
    if (facts.categoryId && !p.categoryIds.includes(facts.categoryId)) reasons.push({ code: 'category', en: `not contracted for category ${facts.categoryCode}`, zh: `未签约品类 ${facts.categoryCode}` });
    if (facts.requiredCertification && certifiedTechnicians === 0) {
      reasons.push({ code: 'certification', en: `no technician with a valid ${facts.requiredCertification} certification`, zh: `没有持有效 ${facts.requiredCertification} 认证的师傅` });
    } else if (activeTechnicians === 0) reasons.push({ code: 'no_technicians', en: 'no active technicians', zh: '没有在岗师傅' });
    const load = openOrders / p.capacity;
    if (openOrders >= p.capacity) reasons.push({ code: 'capacity', en: `at capacity (${openOrders} open of ${p.capacity})`, zh: `已满负荷（在办 ${openOrders} / ${p.capacity}）` });
    const weighed = standing !== undefined && standing.weight > 0;
    const rankedLoad = load + auditPenalty(standing, auditScore);
    return { providerId: p.id, code: p.code, name: p.name, nameEn: p.nameEn, eligible: reasons.length === 0, coveredBy, load, openOrders, capacity: p.capacity, certifiedTechnicians, auditScore: weighed ? (auditScore ?? null) : null, rankedLoad, reasons };
  });
  return verdicts.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.rankedLoad - b.rankedLoad || b.certifiedTechnicians - a.certifiedTechnicians || a.code.localeCompare(b.code));
}

// ---------------------------------------------------------------- the day as a routing problem

export type DayTechnician = { id: string; name: string; nameEn?: string | null; skills: string[]; certifications: Set<string>; home: LngLat | null; intervals: Interval[]; maxJobs: number };
export type DayOrder = {
  id: string;
  version: number;
  priority: string;
  location: LngLat | null;
  serviceSeconds: number;
  /** Service must start inside this (epoch ms): the booked appointment, or the customer's wish. */
  window: Interval | null;
  /** Booked: stays with its technician at its appointment. Assigned: stays with its technician. */
  technicianId: string | null;
  booked: boolean;
  categoryCode: string | null;
  requiredCertification: string | null;
  /** The customer's on-site promise (epoch ms): a soft deadline on the start of the visit. */
  promiseDue?: number | null;
  /** Added to the order's priority for the customer's tier (see tierBonus). */
  tierBonus?: number;
};

const priorityWeight: Record<string, number> = { urgent: 100, high: 50, normal: 10, low: 1 };
/**
 * A minute late on a promise weighs as much as two minutes of driving: enough to reorder a day
 * (a detour of a few minutes keeps a promise), not so much that a promise already lost drags
 * the whole day after it.
 */
export const LATE_COST_PER_MINUTE = 120;

/**
 * Tiers are data, ranked: each step up the ranking adds 3 to the order's priority, so a
 * platinum customer's normal order (10 + 9) still yields to anyone's high one (50).
 */
export function tierBonus(tiersByRank: string[], tier: string): number {
  return Math.max(0, tiersByRank.indexOf(tier)) * 3;
}

/** The solver's priority: booked visits first, then the order's priority raised by the customer's tier. */
export function orderPriority(o: Pick<DayOrder, 'booked' | 'priority' | 'tierBonus'>): number {
  return o.booked ? 100 : Math.min(100, (priorityWeight[o.priority] ?? 10) + (o.tierBonus ?? 0));
}
export const techSkill = (id: string) => `tech:${id}`;
export const certSkill = (code: string) => `cert:${code}`;
export const categorySkill = (code: string) => `cat:${code}`;

export type DayProblem = {
  problem: VroomProblem;
  dayStart: number;
  orderOfJob: Map<number, DayOrder>;
  techOfVehicle: Map<number, DayTechnician>;
  skillIds: Map<string, number>;
  unplannable: { orderId: string; code: string; zh: string; en: string }[];
};

function skillId(ids: Map<string, number>, name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size + 1;
    ids.set(name, id);
  }
  return id;
}

/** The skills a job needs: its category, its certification, and its technician when it has one. */
export function jobSkills(ids: Map<string, number>, o: Pick<DayOrder, 'categoryCode' | 'requiredCertification' | 'technicianId'>): number[] {
  const out: number[] = [];
  if (o.categoryCode) out.push(skillId(ids, categorySkill(o.categoryCode)));
  if (o.requiredCertification) out.push(skillId(ids, certSkill(o.requiredCertification)));
  if (o.technicianId) out.push(skillId(ids, techSkill(o.technicianId)));
  return out;
}

export function buildDayProblem(dayStart: number, technicians: DayTechnician[], orders: DayOrder[]): DayProblem {
  const skillIds = new Map<string, number>();
  const secs = (ms: number) => Math.round((ms - dayStart) / 1000);
  const techOfVehicle = new Map<number, DayTechnician>();
  const vehicles: VroomVehicle[] = [];
  for (const t of technicians) {
    if (t.intervals.length === 0) continue;
    const id = vehicles.length + 1;
    techOfVehicle.set(id, t);
    const skills = [...t.skills.map(categorySkill), ...[...t.certifications].map(certSkill), techSkill(t.id)].map((s) => skillId(skillIds, s));
    // Gaps between working periods (lunch, an absence) are breaks taken wherever the technician is.
    const breaks = t.intervals.slice(1).map((iv, k) => ({ id: k + 1, time_windows: [[secs(t.intervals[k][1]), secs(t.intervals[k][1])]] as [number, number][], service: secs(iv[0]) - secs(t.intervals[k][1]) }));
    vehicles.push({
      id,
      description: t.id,
      ...(t.home ? { start: t.home, end: t.home } : {}),
      skills,
      time_window: [secs(t.intervals[0][0]), secs(t.intervals[t.intervals.length - 1][1])],
      ...(breaks.length ? { breaks } : {}),
      max_tasks: t.maxJobs,
    });
  }
  const orderOfJob = new Map<number, DayOrder>();
  const jobs: VroomJob[] = [];
  const unplannable: DayProblem['unplannable'] = [];
  for (const o of orders) {
    if (!o.location) {
      unplannable.push({ orderId: o.id, code: 'no_coordinates', en: 'the address has no coordinates', zh: '地址没有坐标，无法排线' });
      continue;
    }
    const id = jobs.length + 1;
    orderOfJob.set(id, o);
    jobs.push({
      id,
      description: o.id,
      location: o.location,
      service: o.serviceSeconds,
      priority: orderPriority(o),
      skills: jobSkills(skillIds, o),
      ...(o.window ? { time_windows: [[secs(o.window[0]), secs(o.window[1])]] as [number, number][] } : {}),
      ...(o.promiseDue != null ? { deadline: secs(o.promiseDue), late_cost_per_minute: LATE_COST_PER_MINUTE } : {}),
    });
  }
  return { problem: { jobs, vehicles }, dayStart, orderOfJob, techOfVehicle, skillIds, unplannable };
}

const reasonWords: Record<string, { zh: string; en: string }> = {
  skills: { zh: '没有具备所需技能或有效认证的师傅', en: 'no technician has the skills or valid certification it needs' },
  time_window: { zh: '没有师傅能在约定时间内到达', en: 'no technician can get there within its window' },
  shift: { zh: '师傅班次内无法完成', en: "it does not fit into any technician's shift" },
  max_tasks: { zh: '师傅当天工单数已满', en: "every suitable technician's day is full" },
  capacity: { zh: '超出师傅的承载能力', en: 'too large for every suitable technician' },
  fixed_step: { zh: '已约时间无法安排', en: 'its booked appointment cannot be kept in this plan' },
  no_room: { zh: '当天已排满更重要的工单', en: 'the day is full of more important work' },
  no_vehicle: { zh: '当天没有在班师傅', en: 'no technician works that day' },
};

/** Why the solver left an order out, in both languages; a missing certification is named. */
export function unplannedReason(code: string, order: DayOrder, technicians: DayTechnician[]): Reason {
  const own = order.technicianId ? technicians.find((t) => t.id === order.technicianId) : undefined;
  if (code === 'skills' && order.technicianId && !own?.intervals.length) {
    const name = own?.name ?? order.technicianId;
    return { code: 'technician_off', en: `its technician ${name} does not work that day; reassign it`, zh: `已派师傅${name}当天不在班，请改派` };
  }
  if (code === 'skills' && order.requiredCertification && !technicians.some((t) => t.intervals.length > 0 && t.certifications.has(order.requiredCertification!))) {
    const c = order.requiredCertification;
    return { code: 'certification', en: `no working technician holds a valid ${c} certification`, zh: `当天在班师傅中没有持有效 ${c} 认证的` };
  }
  const words = reasonWords[code] ?? { zh: '无法安排', en: 'cannot be planned' };
  return { code, ...words };
}

/** The solver's answer as stops per technician, in order, with times as instants. */
export function readSolution(day: DayProblem, solution: Solution, computeMs: number, technicians: DayTechnician[]): PlanResult {
  const at = (s: number) => new Date(day.dayStart + s * 1000).toISOString();
  const stops: PlannedStop[] = [];
  let travelSeconds = 0;
  let distanceMetres = 0;
  for (const route of solution.routes) {
    const tech = day.techOfVehicle.get(route.vehicle)!;
    let sequence = 0;
    // A step's duration and distance are cumulative from the start of the route.
    let prevDuration = 0;
    let prevDistance = 0;
    for (const step of route.steps) {
      if (step.type !== 'job') continue;
      const order = day.orderOfJob.get(step.id!)!;
      const start = step.arrival + step.waiting_time;
      stops.push({
        orderId: order.id, technicianId: tech.id, sequence: ++sequence, arrival: at(step.arrival), start: at(start), end: at(start + step.service),
        travelSeconds: step.duration - prevDuration, distanceMetres: step.distance - prevDistance, fixed: order.booked,
      });
      prevDuration = step.duration;
      prevDistance = step.distance;
    }
    travelSeconds += route.duration;
    distanceMetres += route.distance;
  }
  const promises: PlanPromise[] = [];
  const planned = new Map(stops.map((s) => [s.orderId, s]));
  for (const o of [...day.orderOfJob.values()].filter((x) => x.promiseDue != null)) {
    const due = o.promiseDue!;
    const stop = planned.get(o.id);
    if (!stop) {
      promises.push({ orderId: o.id, dueAt: new Date(due).toISOString(), start: null, outcome: 'unplanned', minutes: 0 });
      continue;
    }
    const start = Date.parse(stop.start);
    // Kept by whole minutes to spare; broken by every started minute late.
    const kept = start <= due;
    promises.push({ orderId: o.id, dueAt: new Date(due).toISOString(), start: stop.start, outcome: kept ? 'kept' : 'broken', minutes: kept ? Math.floor((due - start) / 60_000) : Math.ceil((start - due) / 60_000) });
  }
  const unplanned = [
    ...day.unplannable,
    ...solution.unassigned.map((u) => {
      const order = day.orderOfJob.get(u.id)!;
      return { orderId: order.id, ...unplannedReason(u.reason_code, order, technicians) };
    }),
  ];
  return {
    stops,
    unplanned,
    promises,
    summary: {
      orders: day.orderOfJob.size + day.unplannable.length, planned: stops.length, technicians: solution.routes.length, travelSeconds: Math.round(travelSeconds), distanceMetres: Math.round(distanceMetres), computeMs: Math.round(computeMs),
      promisesKept: promises.filter((p) => p.outcome === 'kept').length, promisesBroken: promises.filter((p) => p.outcome !== 'kept').length,
    },
  };
}

/** The routes technicians already have (stops in order), in the solver's shape, to ask `insert` about. */
export function currentSolution(day: DayProblem, orderedOrderIds: Map<string, string[]>): Solution {
  const jobOf = new Map([...day.orderOfJob].map(([job, o]) => [o.id, job]));
  const routes = [...day.techOfVehicle].map(([vehicle, tech]) => ({
    vehicle,
    steps: (orderedOrderIds.get(tech.id) ?? []).filter((id) => jobOf.has(id)).map((id) => ({ type: 'job' as const, id: jobOf.get(id)! })),
  }));
  return { routes } as unknown as Solution;
}

/** Offerable windows of a day: [start, end) every `slotMinutes` from `firstMinute` to `lastMinute`, local. */
export function slotStarts(firstMinute: number, lastMinute: number, slotMinutes: number): [number, number][] {
  const out: [number, number][] = [];
  for (let m = firstMinute; m + slotMinutes <= lastMinute; m += slotMinutes) out.push([m, m + slotMinutes]);
  return out;
}

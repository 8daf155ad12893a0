import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { addDays, localDate, zonedInstant } from '../../shared/zoned.js';
import { can } from '../../kernel/permissions.js';
import { actorName, providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { modelWithCategory } from '../catalog/index.js';
import { findTechnician, workingIntervals, type NetworkService, type ProviderView } from '../network/index.js';
import type { TrainingService } from '../training/index.js';
import { lockOrderVersions, ordersByIds, type OrderFollower, type WorkOrdersService } from '../work-orders/index.js';
import { onSiteDeadlines } from '../promises/index.js';
import { listTiers } from '../customers/index.js';
import { createPlan, insert } from './solver/insert.js';
import { solveInThreads } from './solve-threads.js';
import type { SolveOptions, SolveProgress, VroomJob } from './solver/types.js';
import { OVERNIGHT_PLANNER, type PlanProgress, type PlanResult } from './dispatch.tables.js';
import { tierBonus, buildDayProblem, currentSolution, jobSkills, judgeProviders, readSolution, slotStarts, type DayOrder, type DayTechnician, type OrderFacts, type ProviderVerdict, type Reason } from './dispatch.rules.js';
import * as repo from './dispatch.repo.js';
import { createAssignCandidates } from './dispatch.candidates.js';
import { createBoardMoves } from './dispatch.moves.js';
import { dispatchErrors } from './dispatch.errors.js';
import type { EnqueueMany } from '../../jobs/queue.js';
import { withTravel, type TravelSettings, defaultTravel, TravelError, estimatedTravelSeconds, type LngLat } from './travel.js';
import type { autoDispatchRequest, boardQuery, orderSlotsQuery, planRequest, slotsRequest, technicianSuggestionQuery, visitsQuery } from './dispatch.contract.js';

/** `followers`: the one with `providerStanding` (audits, built later) weighs providers' audit scores in. */
export type MatcherDeps = { clock: Clock; network: NetworkService; training: TrainingService; followers?: OrderFollower[] };

const DEFAULT_SERVICE_MINUTES = 60;
const serviceSeconds = (row: repo.OrderWithProduct) => ((row.standardMinutes?.[row.order.kind] as number | undefined) ?? DEFAULT_SERVICE_MINUTES) * 60;

function factsOf(row: repo.OrderWithProduct, at: Date): OrderFacts {
  return { place: row.order.address, categoryId: row.categoryId, categoryCode: row.categoryCode, requiredCertification: row.requiredCertification, at };
}

/** Judges providers for an order: service area, category, contract, certified technicians, load. */
export function createProviderMatcher({ clock, network, training, followers = [] }: MatcherDeps) {
  async function verdicts(q: Queryable, facts: OrderFacts): Promise<ProviderVerdict[]> {
    const providers = await network.activeProviders(q);
    const techs = await network.activeTechniciansOf(q, providers.map((p) => p.id));
    const certified = facts.requiredCertification ? await training.validCodes(q, techs.map((t) => t.id), clock.now()) : null;
    const open = await repo.openOrderCounts(q);
    // The followers list is read when used: audits, built after dispatch, answers here.
    const standing = await followers.find((f) => f.providerStanding)?.providerStanding?.(q, providers.map((p) => p.id));
    return judgeProviders(
      providers.map((provider) => {
        const own = techs.filter((t) => t.providerId === provider.id);
        return {
          provider,
          activeTechnicians: own.length,
          certifiedTechnicians: certified ? own.filter((t) => certified.get(t.id)?.has(facts.requiredCertification!)).length : own.length,
          openOrders: open.get(provider.id) ?? 0,
          auditScore: standing?.scores.get(provider.id),
        };
      }),
      facts,
      standing,
    );
  }

  async function forOrder(q: Queryable, orderId: string) {
    const row = await repo.orderWithProductById(q, orderId);
    if (!row) throw notFound('work_order', orderId);
    return verdicts(q, factsOf(row, clock.now()));
  }

  return {
    verdicts,
    forOrder,
    /** Why sending the order to this provider overrides the automatic choice; null when it does not, or there is none. */
    async override(q: Queryable, orderId: string, providerId: string): Promise<Reason | null> {
      const ranked = await forOrder(q, orderId);
      const best = ranked[0];
      if (!best?.eligible || best.providerId === providerId) return null;
      const chosen = ranked.find((v) => v.providerId === providerId);
      const why = chosen && !chosen.eligible ? chosen.reasons.map((r) => r.en).join('; ') : 'not the first choice';
      const whyZh = chosen && !chosen.eligible ? chosen.reasons.map((r) => r.zh).join('；') : '非首选';
      return { code: 'override', en: `automatic dispatch would choose ${best.code} (${best.name}); ${chosen?.code ?? providerId}: ${why}`, zh: `自动派单应派给 ${best.name}；所选服务商：${whyZh}` };
    },
  };
}
export type ProviderMatcher = ReturnType<typeof createProviderMatcher>;

export const OVERNIGHT_PLAN_JOB = 'dispatch.overnight_plan';
/**
 * The board's map tiles (AFTERCARE_MAP_TILES): a raster URL template, its attribution, the datum its
 * tiles are drawn in, and the names a `{s}` in the template stands for (AFTERCARE_MAP_SUBDOMAINS).
 */
export type MapTiles = { tiles: string; attribution: string; datum: 'wgs84' | 'gcj02'; subdomains?: string[] };

export type DispatchDeps = {
  db: Db;
  clock: Clock;
  network: NetworkService;
  training: TrainingService;
  workOrders: WorkOrdersService;
  matcher: ProviderMatcher;
  travel?: TravelSettings;
  /** The optimizer's budget for a day plan. */
  planBudget?: SolveOptions;
  /** The map under the board's routes; absent or null: the board's own plot. */
  map?: MapTiles | null;
  /** Gives an order whose address has no coordinates a position now (geocoding; approximate when offline). */
  placeOrder?: (orderId: string) => Promise<unknown>;
  /** Puts the overnight plan jobs on the queue. */
  enqueueMany: EnqueueMany;
  /** The planner weight a tier's entitlement sets (loyalty, built later: passed in by the root); a tier without one weighs by rank. */
  plannerBonuses?: (q: Queryable) => Promise<Map<string, number>>;
};

const planView = (p: repo.PlanRow) => ({
  id: p.id, providerId: p.providerId, date: p.date, status: p.status, ...p.result, promises: p.result.promises ?? [],
  progress: p.progress ?? null, stopRequested: p.stopRequestedAt !== null,
  createdBy: p.createdBy, createdAt: p.createdAt.toISOString(), appliedBy: p.appliedBy, appliedAt: p.appliedAt?.toISOString() ?? null,
});

const noProvider = dispatchErrors.noProvider;
const approximateWords = {
  code: 'approximate_location',
  en: "the address's position is an estimate (its district's or postal code's centre, or a geocoder's coarse answer): travel times are rough",
  zh: '地址坐标为估算位置（所在区县或邮编的中心，或地理编码的粗略结果），路程时间仅供参考',
};
const PROGRESS_EVERY_MS = 500;
const ABANDONED_AFTER_MS = 120_000;
const travelFailed = dispatchErrors.travelUnavailable;

export function createDispatchService(deps: DispatchDeps) {
  const { db, clock, network, training, workOrders: orders, matcher } = deps;
  const travel = deps.travel ?? defaultTravel;
  // The server passes threads: 2 (worker threads keep the event loop free while a day is
  // planned); one thread solves in place, as tests and benchmarks want.
  const budget: SolveOptions = { objective: 'travel', iterations: 20_000, timeLimitMs: 20_000, ...deps.planBudget };

  /** A provider the caller may plan for; another provider's is not found. */
  async function plannable(q: Queryable, caller: Caller, providerId: string): Promise<ProviderView> {
    const scope = providerScope(caller.principal);
    const provider = await network.providerById(q, providerId);
    if (!provider || (scope.kind !== 'all' && !(scope.kind === 'provider' && scope.providerId === providerId))) throw notFound('provider', providerId);
    return provider;
  }

  /** The technicians of a provider as the day sees them: working hours less absences, certifications valid all day. */
  async function dayTechnicians(q: Queryable, provider: ProviderView, date: string) {
    const list = await network.activeTechniciansOf(q, [provider.id]);
    const from = zonedInstant(date, 0, provider.timeZone);
    const to = zonedInstant(addDays(date, 1), 0, provider.timeZone);
    const absences = await network.absencesOverlapping(q, list.map((t) => t.id), from, to);
    // Valid until the end of the day, or the day cannot rely on it.
    const certs = await training.validCodes(q, list.map((t) => t.id), new Date(to.getTime() - 1));
    const out: DayTechnician[] = list.map((t) => ({
      id: t.id, name: t.name, nameEn: t.nameEn, skills: t.skills, certifications: certs.get(t.id) ?? new Set(),
      home: t.homeLat != null && t.homeLng != null ? [t.homeLng, t.homeLat] : null,
      intervals: workingIntervals(t.shifts, absences.filter((a) => a.technicianId === t.id), date, provider.timeZone),
      maxJobs: t.maxJobsPerDay,
    }));
    return { technicians: out, from, to };
  }

  /** The day's orders as the planner weighs them: each with its on-site promise and its customer's tier. */
  async function weighedOrders(q: Queryable, rows: repo.OrderWithProduct[], from: Date, to: Date): Promise<DayOrder[]> {
    const due = await onSiteDeadlines(q, rows.map((r) => r.order.id));
    const tiers = (await listTiers(q)).map((t) => t.code);
    const entitled = (await deps.plannerBonuses?.(q)) ?? new Map<string, number>();
    return rows.map((r) => ({ ...dayOrder(r, from, to), promiseDue: due.get(r.order.id)?.getTime() ?? null, tierBonus: entitled.get(r.order.customerTier) ?? tierBonus(tiers, r.order.customerTier) }));
  }

  function dayOrder(row: repo.OrderWithProduct, from: Date, to: Date): DayOrder {
    const o = row.order;
    const booked = (o.status === 'booked' || o.status === 'on_site') && !!o.appointmentFrom && !!o.appointmentTo;
    let window: [number, number] | null = null;
    if (booked) window = [o.appointmentFrom!.getTime(), o.appointmentTo!.getTime()];
    else if (o.wishedFrom || o.wishedTo) window = [Math.max(from.getTime(), o.wishedFrom?.getTime() ?? 0), Math.min(to.getTime(), o.wishedTo?.getTime() ?? Infinity)];
    return {
      id: o.id, version: o.version, priority: o.priority,
      location: o.address.lat != null && o.address.lng != null ? [o.address.lng, o.address.lat] : null,
      serviceSeconds: serviceSeconds(row), window, technicianId: o.technicianId, booked,
      categoryCode: row.categoryCode, requiredCertification: row.requiredCertification,
    };
  }

  /** The day's orders for a plan, less those an applied plan already puts on another coming day. */
  async function ordersToPlan(q: Queryable, provider: ProviderView, date: string, from: Date, to: Date) {
    const elsewhere = await repo.plannedOnOtherDays(q, provider.id, date, localDate(clock.now(), provider.timeZone));
    const rows = (await repo.ordersOfDay(q, provider.id, from, to)).filter((r) => !elsewhere.has(r.order.id) || r.order.status === 'booked');
    const unplaced = rows.filter((r) => r.order.address.lat == null || r.order.address.lng == null);
    if (unplaced.length === 0 || !deps.placeOrder) return rows;
    for (const r of unplaced) await deps.placeOrder(r.order.id);
    return (await repo.ordersOfDay(q, provider.id, from, to)).filter((r) => !elsewhere.has(r.order.id) || r.order.status === 'booked');
  }

  /**
   * What technicians already have on a day, in order: booked visits and the visits of the last
   * applied plan still theirs. This is what `insert` and slot offers are asked against.
   */
  async function currentDay(q: Queryable, provider: ProviderView, date: string, excludeOrderId?: string) {
    const { technicians, from, to } = await dayTechnicians(q, provider, date);
    const rows = (await repo.ordersOfDay(q, provider.id, from, to)).filter((r) => r.order.id !== excludeOrderId);
    const plan = await repo.latestAppliedPlan(q, provider.id, date);
    const visits = plan ? await repo.visitsOfPlan(q, plan.id) : [];
    const planned = new Map(visits.map((v) => [v.orderId, v]));
    const kept = rows.filter((r) => (r.order.status !== 'dispatched' && r.order.status !== 'assigned' && r.order.technicianId) || planned.get(r.order.id)?.technicianId === r.order.technicianId);
    const dayOrders = kept.map((r) => {
      const d = dayOrder(r, from, to);
      const v = planned.get(r.order.id);
      // A planned, unbooked visit keeps roughly its planned time: the customer may have been told.
      if (!d.booked && v) d.window = [v.plannedStart.getTime() - 3_600_000, v.plannedStart.getTime() + 3_600_000];
      return d;
    });
    const order = new Map<string, string[]>();
    const startOf = (d: DayOrder) => planned.get(d.id)?.plannedStart.getTime() ?? d.window?.[0] ?? 0;
    for (const d of [...dayOrders].sort((a, b) => startOf(a) - startOf(b))) {
      const list = order.get(d.technicianId!) ?? [];
      list.push(d.id);
      order.set(d.technicianId!, list);
    }
    return { technicians, from, to, dayOrders, order, rows, plan, planned };
  }

  async function planAgainst(q: Queryable, provider: ProviderView, date: string, extra: [number, number][], excludeOrderId?: string) {
    const day = await currentDay(q, provider, date, excludeOrderId);
    const built = buildDayProblem(day.from.getTime(), day.technicians, day.dayOrders);
    const { problem, indexOf } = await withTravel(built.problem, travel, extra).catch((e) => {
      throw e instanceof TravelError ? travelFailed(e) : e;
    });
    // Nobody works that day: there is no plan to insert into, and every question answers "no one".
    const plan = problem.vehicles.length ? createPlan(problem, currentSolution(built, day.order)) : null;
    // With a technicianId, only that technician's day is asked (an order already assigned).
    const probe = (location: [number, number], windows: [number, number][] | undefined, o: Pick<DayOrder, 'categoryCode' | 'requiredCertification'> & { technicianId?: string | null }, service: number): VroomJob => {
      const idx = indexOf(location);
      return { id: 0, ...(idx === undefined ? { location } : { location_index: idx }), service, skills: jobSkills(built.skillIds, { ...o, technicianId: o.technicianId ?? null }), ...(windows ? { time_windows: windows } : {}) };
    };
    return { day, built, plan, probe };
  }

  /** A provider's day as the optimizer gets it: technicians, orders (promises and tiers weighed), travel. */
  async function dayToPlan(provider: ProviderView, date: string) {
    const { technicians, from, to } = await dayTechnicians(db, provider, date);
    const rows = await ordersToPlan(db, provider, date, from, to);
    const built = buildDayProblem(from.getTime(), technicians, await weighedOrders(db, rows, from, to));
    const { problem } = await withTravel(built.problem, travel).catch((e) => {
      throw e instanceof TravelError ? travelFailed(e) : e;
    });
    return { technicians, rows, built, problem };
  }
  type DayToPlan = Awaited<ReturnType<typeof dayToPlan>>;

  /** The optimizer's plan of the day (the best so far when stopped). */
  async function planOf(day: DayToPlan, hooks: Pick<SolveOptions, 'onProgress' | 'signal'> = {}): Promise<PlanResult> {
    const { problem, built, technicians } = day;
    const t0 = performance.now();
    const solution = (problem.jobs ?? []).length && problem.vehicles.length ? await solveInThreads(problem, { ...budget, ...hooks }) : { routes: [], unassigned: (problem.jobs ?? []).map((j) => ({ id: j.id, type: 'job' as const, reason: '', reason_code: problem.vehicles.length ? 'no_room' as const : 'no_vehicle' as const })) };
    const result = readSolution(built, solution as never, performance.now() - t0, technicians);
    // Travel to and from these is estimated from a rough position (a district's centre): the plan says so.
    result.approximate = day.rows.filter((r) => r.order.address.approximate === true && r.order.address.lat != null).map((r) => ({ orderId: r.order.id, ...approximateWords }));
    return result;
  }

  /** What a plan being made shows until it is made (and a failed one for good). */
  const emptyPlan = (day: DayToPlan): PlanResult => ({
    stops: [], unplanned: [], promises: [],
    summary: { orders: day.rows.length, planned: 0, technicians: 0, travelSeconds: 0, distanceMetres: 0, computeMs: 0, promisesKept: 0, promisesBroken: 0 },
  });

  /** `elapsedMs`: since the optimizer started (its best plan may be older). */
  function progressOf(day: DayToPlan, p: SolveProgress | undefined, elapsedMs = 0): PlanProgress {
    return {
      elapsedMs: Math.round(elapsedMs), limitMs: budget.timeLimitMs ?? 0, orders: day.rows.length, planned: p?.jobs ?? 0, priority: p?.priority ?? 0,
      travelSeconds: Math.round(p?.travel ?? 0), latenessCost: Math.round(p?.lateness ?? 0), updatedAt: clock.now().toISOString(),
    };
  }

  /**
   * Runs the optimizer for a plan stored as `planning`: twice a second the best plan so far is
   * written on the plan, and the same statement tells whether someone (on any server copy) asked
   * to stop. The plan ends as a preview, or as failed with nothing in it.
   */
  async function planInBackground(id: string, day: DayToPlan): Promise<void> {
    const stop = new AbortController();
    const t0 = performance.now();
    let latest: SolveProgress | undefined;
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await repo.saveProgress(db, id, progressOf(day, latest, performance.now() - t0));
        if (!r || r.stop) stop.abort();
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick().catch(() => undefined), PROGRESS_EVERY_MS);
    try {
      const result = await planOf(day, { signal: stop.signal, onProgress: (p) => (latest = p) });
      clearInterval(timer);
      await repo.finishPlan(db, id, result, progressOf(day, latest, performance.now() - t0));
    } catch (e) {
      clearInterval(timer);
      console.error(`day plan ${id} failed`, e);
      await repo.finishPlan(db, id, emptyPlan(day), progressOf(day, latest, performance.now() - t0), 'failed').catch(() => undefined);
    }
  }

  type Product = { categoryCode: string | null; requiredCertification: string | null; minutes: number; technicianId?: string | null };
  type SlotShape = { from: string; days: number; slotMinutes: number; firstHour: number; lastHour: number };

  /** Windows of the coming days where some technician's day (or the given one's) has a place for the visit. */
  async function offer(provider: ProviderView, location: LngLat, product: Product, shape: SlotShape, excludeOrderId?: string) {
    const now = clock.now().getTime();
    const slots: { date: string; from: string; to: string; available: boolean; technicians: number }[] = [];
    for (let d = 0; d < shape.days; d++) {
      const date = addDays(shape.from, d);
      const { day, plan, probe } = await planAgainst(db, provider, date, [location], excludeOrderId);
      for (const [a, b] of slotStarts(shape.firstHour * 60, shape.lastHour * 60, shape.slotMinutes)) {
        const from = zonedInstant(date, a, provider.timeZone);
        const to = zonedInstant(date, b, provider.timeZone);
        if (from.getTime() < now) continue;
        const window: [number, number] = [Math.round((from.getTime() - day.from.getTime()) / 1000), Math.round((to.getTime() - day.from.getTime()) / 1000)];
        const options = plan ? insert(plan, probe(location, [window], product, product.minutes * 60)) : [];
        const technicians = new Set(options.map((o) => o.vehicle)).size;
        slots.push({ date, from: from.toISOString(), to: to.toISOString(), available: technicians > 0, technicians });
      }
    }
    return slots;
  }

  /** A dispatched order with coordinates, and its provider: what suggestions and slots ask about. */
  async function placedOrder(orderId: string) {
    let row = await repo.orderWithProductById(db, orderId);
    if (!row?.order.providerId) throw conflict('not_dispatched', 'Dispatch the order to a provider first / 请先派单到服务商');
    if ((row.order.address.lat == null || row.order.address.lng == null) && deps.placeOrder) {
      await deps.placeOrder(orderId);
      row = (await repo.orderWithProductById(db, orderId))!;
    }
    const o = row.order;
    if (o.address.lat == null || o.address.lng == null) throw conflict('no_coordinates', "The order's address has no coordinates and could not be placed (no geocoder answer, no placed address in its district) / 工单地址没有坐标，且无法估算位置");
    const provider = (await network.providerById(db, o.providerId!))!;
    return { row, provider, location: [o.address.lng, o.address.lat] as LngLat };
  }

  const service = {
    async suggestProviders(caller: Caller, orderId: string) {
      requirePermission(caller.principal, 'orders.dispatch');
      await orders.get(caller, orderId);
      return matcher.forOrder(db, orderId);
    },

    /** Sends the order to the best eligible provider; the history row says why it was chosen. */
    async autoDispatch(caller: Caller, orderId: string, input: z.infer<typeof autoDispatchRequest>) {
      requirePermission(caller.principal, 'orders.dispatch');
      await orders.get(caller, orderId);
      const row = await db.transaction(async (tx) => {
        const ranked = await matcher.forOrder(tx, orderId);
        const best = ranked[0];
        if (!best?.eligible) throw noProvider(ranked, 'this order');
        const how = { region: 'region', postal_code: 'postal code', polygon: 'area polygon' }[best.coveredBy!];
        const reason = `Automatic: ${best.code} serves this ${how}, load ${Math.round(best.load * 100)}%, ${best.certifiedTechnicians} certified technicians / 自动派单`;
        return orders.performIn(tx, caller, orderId, 'dispatch', { version: input.version, providerId: best.providerId, reason });
      });
      return orders.get(caller, row.id);
    },

    /** Technicians ranked for one order on a day by added travel, with those who cannot take it and why. */
    async suggestTechnicians(caller: Caller, orderId: string, s: z.infer<typeof technicianSuggestionQuery>) {
      requirePermission(caller.principal, 'orders.assign');
      await orders.get(caller, orderId);
      const { row, provider, location } = await placedOrder(orderId);
      const date = s.date ?? localDate(clock.now(), provider.timeZone);
      const o = row.order;
      const { day, built, plan, probe } = await planAgainst(db, provider, date, [location], o.id);
      const target = dayOrder(row, day.from, day.to);
      const windows = target.window && !target.booked ? [[Math.round((target.window[0] - day.from.getTime()) / 1000), Math.round((target.window[1] - day.from.getTime()) / 1000)] as [number, number]] : undefined;
      const options = plan ? insert(plan, probe(location, windows, target, target.serviceSeconds)) : [];
      const best = new Map<number, (typeof options)[number]>();
      for (const opt of options) if (!best.has(opt.vehicle)) best.set(opt.vehicle, opt);
      const at = (sec: number) => new Date(day.from.getTime() + sec * 1000).toISOString();
      const visits = (techId: string) => day.order.get(techId)?.length ?? 0;
      const ranked = [...best.values()].map((opt) => {
        const tech = built.techOfVehicle.get(opt.vehicle)!;
        return { technicianId: tech.id, name: tech.name, nameEn: tech.nameEn ?? null, addedTravelSeconds: Math.round(opt.cost), arrival: at(opt.arrival), start: at(opt.start), position: opt.position, visitsThatDay: visits(tech.id), windowFit: windows ? ('inside_wish' as const) : ('no_wish' as const) };
      });
      ranked.sort((a, b) => a.addedTravelSeconds - b.addedTravelSeconds || a.visitsThatDay - b.visitsThatDay);
      const excluded: { technicianId: string; name: string; nameEn: string | null; reason: Reason }[] = [];
      for (const tech of day.technicians) {
        if (best.has([...built.techOfVehicle].find(([, t]) => t.id === tech.id)?.[0] ?? -1)) continue;
        const refusal = await training.refusalFor(db, tech, target.requiredCertification, new Date(day.to.getTime() - 1));
        let reason: Reason;
        if (refusal) reason = { code: refusal.code, zh: refusal.zh, en: refusal.en };
        else if (tech.intervals.length === 0) reason = { code: 'not_working', zh: `${tech.name}当天不在班或请假`, en: `${tech.name} does not work that day or is absent` };
        else if (target.categoryCode && !tech.skills.includes(target.categoryCode)) reason = { code: 'skills', zh: `${tech.name}不具备 ${target.categoryCode} 技能`, en: `${tech.name} lacks the ${target.categoryCode} skill` };
        else if (visits(tech.id) >= tech.maxJobs) reason = { code: 'max_tasks', zh: `${tech.name}当天工单已满`, en: `${tech.name}'s day is full` };
        else reason = { code: 'no_fit', zh: `${tech.name}当天的行程无法在时间窗内插入`, en: `${tech.name}'s day has no place that keeps every window` };
        excluded.push({ technicianId: tech.id, name: tech.name, nameEn: tech.nameEn ?? null, reason });
      }
      return { date, ranked: ranked.map((r, i) => ({ ...r, rank: i + 1 })), excluded, approximateLocation: o.address.approximate === true ? approximateWords : null };
    },

    /** The routing problem a day plan solves, as the optimizer gets it: for benchmarks and baselines. */
    async dayProblem(providerId: string, date: string) {
      const provider = (await network.providerById(db, providerId))!;
      const { built, problem } = await dayToPlan(provider, date);
      return { ...built, problem };
    },

    /**
     * The provider's whole day through the optimizer; stored as a preview, nothing changes yet.
     * In the background, the plan is answered at once with status `planning`: the optimizer's
     * best plan so far is on it (`progress`) until it ends or is stopped.
     */
    async previewPlan(caller: Caller, input: z.input<typeof planRequest>) {
      requirePermission(caller.principal, 'dispatch.plan');
      const provider = await plannable(db, caller, input.providerId);
      const day = await dayToPlan(provider, input.date);
      const base = {
        id: newId(), providerId: provider.id, date: input.date,
        input: { orders: day.rows.map((r) => ({ id: r.order.id, version: r.order.version })), technicianIds: day.technicians.map((t) => t.id) },
        createdBy: actorName(caller.principal), createdAt: clock.now(),
      };
      if (!input.background) return planView(await repo.insertPlan(db, { ...base, status: 'preview', result: await planOf(day) }));
      const row = await repo.insertPlan(db, { ...base, status: 'planning', result: emptyPlan(day), progress: progressOf(day, undefined) });
      // After this answer has gone: a solve in this thread would hold it up until it ends.
      setImmediate(() => void planInBackground(row.id, day));
      return planView(row);
    },

    /**
     * Overnight, each provider with open orders gets one job to plan its next day (in its own
     * zone): the jobs spread over the server copies, and the previews are ready by morning.
     */
    async queueOvernightPlans() {
      const providerIds = [...(await repo.openOrderCounts(db)).entries()].filter(([, n]) => n > 0).map(([id]) => id);
      const jobs = [];
      for (const id of providerIds) {
        const provider = await network.providerById(db, id);
        if (!provider?.active) continue;
        const date = addDays(localDate(clock.now(), provider.timeZone), 1);
        jobs.push({ name: OVERNIGHT_PLAN_JOB, data: { providerId: id, date }, options: { singletonKey: `${id}:${date}` } });
      }
      await deps.enqueueMany(db, jobs);
      return jobs.length;
    },

    /**
     * One provider's day planned overnight and stored as a preview for the dispatcher to apply.
     * Made once per provider and day: a job run again (its copy died mid-plan) finds the plan.
     */
    async planOvernight(providerId: string, date: string) {
      if (await repo.overnightPlan(db, providerId, date)) return null;
      const provider = await network.providerById(db, providerId);
      if (!provider) return null;
      const day = await dayToPlan(provider, date);
      if (day.rows.length === 0) return null;
      const made = await repo.insertOvernightPlan(db, {
        id: newId(), providerId, date, status: 'preview',
        input: { orders: day.rows.map((r) => ({ id: r.order.id, version: r.order.version })), technicianIds: day.technicians.map((t) => t.id) },
        result: await planOf(day), createdBy: OVERNIGHT_PLANNER, createdAt: clock.now(),
      });
      return made ? planView(made) : null;
    },

    /** Asks the optimizer of a plan being made to stop and keep its best plan so far; any server copy may be asked. */
    async stopPlan(caller: Caller, id: string) {
      requirePermission(caller.principal, 'dispatch.plan');
      const plan = await repo.findPlan(db, id);
      if (!plan) throw notFound('plan', id);
      await plannable(db, caller, plan.providerId);
      if (plan.status !== 'planning') throw conflict('plan_not_planning', `This plan is already ${plan.status} / 该计划已不在排线中`);
      await repo.requestStop(db, id, clock.now());
      return planView((await repo.findPlan(db, id))!);
    },

    async getPlan(caller: Caller, id: string) {
      requirePermission(caller.principal, 'dispatch.plan');
      let plan = await repo.findPlan(db, id);
      if (!plan) throw notFound('plan', id);
      await plannable(db, caller, plan.providerId);
      // Progress is written twice a second while the optimizer runs: long silence means the
      // server copy running it is gone, and the plan will never be made.
      const heard = plan.progress ? Date.parse(plan.progress.updatedAt) : plan.createdAt.getTime();
      if (plan.status === 'planning' && clock.now().getTime() - heard > ABANDONED_AFTER_MS) plan = (await repo.finishPlan(db, id, plan.result, plan.progress, 'failed')) ?? (await repo.findPlan(db, id))!;
      return planView(plan);
    },

    /**
     * Applies a previewed plan in one transaction: each order given to its planned technician
     * (a history row each), the visits stored in order. If any order changed since the preview,
     * nothing is applied.
     */
    async applyPlan(caller: Caller, id: string) {
      requirePermission(caller.principal, 'dispatch.plan');
      const applied = await db.transaction(async (tx) => {
        const found = await repo.findPlan(tx, id);
        if (!found) throw notFound('plan', id);
        await plannable(tx, caller, found.providerId);
        const plan = (await repo.lockPlansOfDay(tx, found.providerId, found.date)).find((p) => p.id === id)!;
        if (plan.status !== 'preview') throw conflict('plan_not_preview', `This plan was already ${plan.status} / 该计划已${plan.status === 'applied' ? '执行' : '作废'}`);
        const ids = plan.input.orders.map((o) => o.id);
        const now = await lockOrderVersions(tx, ids);
        const current = new Map(now.map((o) => [o.id, o]));
        const stale = plan.input.orders.filter((o) => current.get(o.id)?.version !== o.version).map((o) => o.id);
        if (stale.length) throw conflict('plan_stale', `${stale.length} orders changed since the preview; plan again / 预览后有工单变化，请重新排线`, { orders: stale });
        for (const s of plan.result.stops) {
          const o = current.get(s.orderId)!;
          if (o.technicianId === s.technicianId) continue;
          await orders.performIn(tx, caller, s.orderId, 'assign', { version: o.version, technicianId: s.technicianId, reason: `Plan of the day ${plan.date} / ${plan.date} 日计划排线` });
        }
        await repo.insertVisits(
          tx,
          plan.result.stops.map((s) => ({ id: newId(), planId: plan.id, orderId: s.orderId, technicianId: s.technicianId, date: plan.date, sequence: s.sequence, plannedStart: new Date(s.start), plannedEnd: new Date(s.end), travelSeconds: s.travelSeconds })),
        );
        await repo.supersedeApplied(tx, plan.providerId, plan.date);
        return repo.markApplied(tx, plan.id, actorName(caller.principal), clock.now());
      });
      return planView(applied);
    },

    /**
     * Windows a customer can truly be offered: a window is offered when some technician's day,
     * as it stands, has a place for the visit that starts inside it.
     */
    async slots(caller: Caller, input: z.infer<typeof slotsRequest>) {
      requirePermission(caller.principal, 'dispatch.slots');
      let product: { categoryId: string | null; categoryCode: string | null; requiredCertification: string | null; minutes: number } = { categoryId: null, categoryCode: null, requiredCertification: null, minutes: DEFAULT_SERVICE_MINUTES };
      if (input.modelId) {
        const m = await modelWithCategory(db, input.modelId);
        if (!m) throw invalid('modelId', 'no such model');
        product = { categoryId: m.category.id, categoryCode: m.category.code, requiredCertification: m.model.requiredCertification ?? m.category.requiredCertification, minutes: m.model.standardMinutes[input.kind] ?? DEFAULT_SERVICE_MINUTES };
      }
      let providerId = input.providerId;
      if (!providerId) {
        // Noon UTC falls on the same calendar date in every zone a provider is likely to be in.
        const ranked = await matcher.verdicts(db, { place: input.address, categoryId: product.categoryId, categoryCode: product.categoryCode, requiredCertification: product.requiredCertification, at: new Date(`${input.from}T12:00:00Z`) });
        if (!ranked[0]?.eligible) throw noProvider(ranked, 'this address and product');
        providerId = ranked[0].providerId;
      }
      const provider = await network.providerById(db, providerId);
      if (!provider) throw invalid('providerId', 'no such provider');
      const slots = await offer(provider, [input.address.lng, input.address.lat], product, input);
      return { providerId: provider.id, slots };
    },

    /**
     * Windows to book this order into: at its address, for its product's minutes, with its
     * technician when it has one; the order itself is left out of the days it is asked against.
     */
    async orderSlots(caller: Caller, orderId: string, s: z.infer<typeof orderSlotsQuery>) {
      // Whoever books the visit (the technician, the provider) or offers windows may ask.
      if (!can(caller.principal, 'orders.field')) requirePermission(caller.principal, 'dispatch.slots');
      await orders.get(caller, orderId);
      const { row, provider, location } = await placedOrder(orderId);
      const product = { categoryCode: row.categoryCode, requiredCertification: row.requiredCertification, minutes: serviceSeconds(row) / 60, technicianId: row.order.technicianId };
      const from = s.from ?? localDate(clock.now(), provider.timeZone);
      const slots = await offer(provider, location, product, { from, days: s.days, slotMinutes: 120, firstHour: 8, lastHour: 18 }, orderId);
      if (!row.order.technicianId) return { providerId: provider.id, slots };
      // With a technician, a window is offered only if `book` would keep it too (work orders' booking check).
      const kept = new Set((await orders.bookingWindows(caller, orderId, { from, days: s.days })).windows.filter((w) => w.available).map((w) => w.from));
      return { providerId: provider.id, slots: slots.map((x) => (kept.has(x.from) ? x : { ...x, available: false, technicians: 0 })) };
    },

    /** Who comes and when, for anyone who may read the order (the customer too): the technician's name and the window. */
    async orderVisit(caller: Caller, orderId: string) {
      const o = await orders.get(caller, orderId);
      const tech = o.technicianId ? await network.technicianById(db, o.technicianId) : undefined;
      const planned = o.technicianId ? await repo.appliedVisitOf(db, orderId, o.technicianId) : undefined;
      return { orderId: o.id, technicianName: tech?.name ?? null, appointmentFrom: o.appointmentFrom, appointmentTo: o.appointmentTo, plannedStart: o.appointmentFrom ? null : (planned?.plannedStart.toISOString() ?? null) };
    },

    /**
     * A provider's day as it stands, for the dispatcher's board: technicians with their working
     * periods and homes, the day's orders with places and windows, and each technician's visits in
     * order (the applied plan's times, or the booked window's start with travel estimated).
     */
    async board(caller: Caller, s: z.infer<typeof boardQuery>) {
      requirePermission(caller.principal, 'dispatch.plan');
      const provider = await plannable(db, caller, s.providerId);
      const day = await currentDay(db, provider, s.date);
      const iso = (ms: number) => new Date(ms).toISOString();
      const byId = new Map(day.rows.map((r) => [r.order.id, r]));
      const located = new Map(day.dayOrders.map((d) => [d.id, d]));
      const speed = travel.kind === 'great_circle' ? travel : { roadFactor: 1.3, speedKmh: 30 };
      const visits: { orderId: string; technicianId: string; sequence: number; start: string; end: string; travelSeconds: number; timing: 'plan' | 'appointment' }[] = [];
      for (const tech of day.technicians) {
        let here: LngLat | null = tech.home;
        for (const [i, id] of (day.order.get(tech.id) ?? []).entries()) {
          const r = byId.get(id)!;
          const d = located.get(id)!;
          const v = day.planned.get(id);
          const o = r.order;
          const keepsPlan = v && v.technicianId === tech.id && (!o.appointmentFrom || !o.appointmentTo || (v.plannedStart >= o.appointmentFrom && v.plannedStart <= o.appointmentTo));
          if (keepsPlan) {
            visits.push({ orderId: id, technicianId: tech.id, sequence: i + 1, start: v.plannedStart.toISOString(), end: v.plannedEnd.toISOString(), travelSeconds: Math.round(v.travelSeconds), timing: 'plan' });
          } else {
            const start = o.appointmentFrom?.getTime() ?? d.window?.[0] ?? day.from.getTime();
            const travelSeconds = here && d.location ? estimatedTravelSeconds(here, d.location, speed.roadFactor, speed.speedKmh) : 0;
            visits.push({ orderId: id, technicianId: tech.id, sequence: i + 1, start: iso(start), end: iso(start + d.serviceSeconds * 1000), travelSeconds, timing: 'appointment' });
          }
          here = d.location ?? here;
        }
      }
      return {
        providerId: provider.id, date: s.date, timeZone: provider.timeZone, dayStart: day.from.toISOString(), dayEnd: day.to.toISOString(), appliedPlanId: day.plan?.id ?? null,
        map: deps.map ? { ...deps.map, subdomains: deps.map.subdomains ?? [] } : null,
        technicians: day.technicians.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn ?? null, home: t.home, skills: t.skills, certifications: [...t.certifications].sort(), maxJobs: t.maxJobs, shifts: t.intervals.map(([a, b]) => ({ from: iso(a), to: iso(b) })) })),
        orders: day.rows.map((r) => {
          const o = r.order;
          const d = dayOrder(r, day.from, day.to);
          return {
            id: o.id, number: o.number, status: o.status, kind: o.kind, priority: o.priority, version: o.version, symptom: o.symptom, district: o.address.district,
            location: d.location, approximate: o.address.approximate === true, technicianId: o.technicianId, serviceMinutes: Math.round(d.serviceSeconds / 60), requiredCertification: r.requiredCertification,
            windowFrom: d.window ? iso(d.window[0]) : null, windowTo: d.window ? iso(d.window[1]) : null, windowKind: d.window ? (d.booked ? ('appointment' as const) : ('wish' as const)) : null,
          };
        }),
        visits,
      };
    },

    /** A technician's visits of a day in order: the applied plan's, then booked visits outside it. */
    async visits(caller: Caller, s: z.infer<typeof visitsQuery>) {
      requirePermission(caller.principal, 'orders.read');
      const scope = providerScope(caller.principal);
      const technicianId = s.technicianId ?? (scope.kind === 'technician' ? scope.technicianId : undefined);
      if (!technicianId) throw invalid('technicianId', 'name the technician');
      const tech = await findTechnician(db, technicianId, providerScope(caller.principal));
      if (!tech) throw notFound('technician', technicianId);
      const provider = (await network.providerById(db, tech.providerId))!;
      const date = s.date ?? localDate(clock.now(), provider.timeZone);
      const day = await currentDay(db, provider, date);
      const ids = day.order.get(tech.id) ?? [];
      const rows = await ordersByIds(db, ids);
      const plan = await repo.latestAppliedPlan(db, provider.id, date);
      const planned = new Map((plan ? await repo.visitsOfPlan(db, plan.id) : []).map((v) => [v.orderId, v]));
      return {
        technicianId: tech.id,
        date,
        visits: ids.map((id, i) => {
          const o = rows.find((r) => r.id === id)!;
          return {
            orderId: o.id, number: o.number, status: o.status, sequence: i + 1, plannedStart: planned.get(o.id)?.plannedStart.toISOString() ?? null,
            appointmentFrom: o.appointmentFrom?.toISOString() ?? null, appointmentTo: o.appointmentTo?.toISOString() ?? null, address: o.address, symptom: o.symptom, kind: o.kind,
          };
        }),
      };
    },
  };
  // The assign dialog's list (dispatch.candidates.ts) ranks as the suggestions do.
  return { ...service, ...createAssignCandidates({ db, network, workOrders: orders, suggest: service.suggestTechnicians }), ...createBoardMoves({ db, network, workOrders: orders }) };
}

export type DispatchService = ReturnType<typeof createDispatchService>;

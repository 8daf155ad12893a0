import type { Db, Queryable } from '../../db/database.js';
import type { Clock as TimeSource } from '../../shared/clock.js';
import { invalid, notFound } from '../../shared/errors.js';
import type { Enqueue, EnqueueMany } from '../../jobs/queue.js';
import { orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { AuditFn } from '../../kernel/audit.js';
import type { Announcements } from '../../kernel/events.js';
import { addBusinessHours, isTimeZone, localMidnight, MINUTE, roundTheClock, compileCalendar } from './calendar.rules.js';
import * as repo from './promises.repo.js';
import { createCalendars } from './promises.calendars.js';
import { createPolicies, createRulesMemory } from './promises.policies.js';
import { createClocks, toClock, type AlertedFn } from './promises.clocks.js';
import { milestoneNames, outcomeNames, usedAt, type Milestone } from './promises.rules.js';
import type { AlertsQuery, OrderPromiseView, ReportOrdersQuery, ReportQuery } from './promises.contract.js';

export { ALERT_JOB, SWEEP_JOB } from './promises.clocks.js';
export { RECALENDAR_JOB } from './promises.calendars.js';

export type PromisesDeps = {
  db: Db;
  clock: TimeSource;
  audit: AuditFn;
  enqueue: Enqueue;
  enqueueMany: EnqueueMany;
  /** The product category of the order's unit, for choosing a policy. */
  categoryOfUnit: (q: Queryable, unitId: string, customerId: string) => Promise<string | null>;
  /** Told of each alert delivered (live news); none in the demo loader and benches. */
  alerted?: AlertedFn;
  announce: Announcements['announce'];
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toMinutes = (ms: number | null) => (ms === null ? null : Math.round((ms / MINUTE) * 100) / 100);

/** The promises module: calendars, policies and the clocks, composed; and the reads over them. */
export function createPromisesService(deps: PromisesDeps) {
  const { db, clock } = deps;
  const rules = createRulesMemory();
  const calendars = createCalendars({ db, clock, audit: deps.audit, enqueue: deps.enqueue, forgetRules: rules.forget });
  const policies = createPolicies({ db, clock, audit: deps.audit, calendars, forgetRules: rules.forget });
  const clocks = createClocks({ db, clock, enqueue: deps.enqueue, enqueueMany: deps.enqueueMany, categoryOfUnit: deps.categoryOfUnit, calendars, rules, alerted: deps.alerted, announce: deps.announce });
  const { calendarOf } = calendars;

  /** When the order's running (or paused) on-site clock is due; null when it has none (for work orders' corrections). */
  async function onSiteDueAt(q: Queryable, orderId: string): Promise<Date | null> {
    const open = (await repo.clocksOf(q, orderId)).filter((c) => c.milestone === 'on_site' && (c.status === 'running' || c.status === 'paused'));
    return open.at(-1)?.dueAt ?? null;
  }

  /**
   * `hours` of business time after `from` on the provider's calendar (else the default one; with no
   * calendar at all, round the clock), for other modules' deadlines (a dispute's review).
   */
  async function businessDueAt(q: Queryable, by: { providerId: string | null }, from: Date, hours: number): Promise<{ dueAt: Date; calendarId: string | null }> {
    const id = await repo.calendarIdFor(q, { providerId: by.providerId, fallbackDefault: true });
    const cal = id ? await calendarOf(q, id) : compileCalendar(roundTheClock());
    return { dueAt: addBusinessHours(cal, from, hours), calendarId: id ?? null };
  }

  return {
    businessDueAt,
    orderFollower: { ...clocks.orderFollower, onSiteDueAt },
    deliverDue: clocks.deliverDue,
    sweep: clocks.sweep,
    recalendar: clocks.recalendar,

    // Calendars
    ...calendars.api,

    // Policies
    ...policies.api,

    // An order's promise, at risk, alerts, reports

    async orderPromise(caller: Caller, orderId: string): Promise<OrderPromiseView> {
      requirePermission(caller.principal, 'orders.read');
      const scope = orderScope(caller.principal);
      const visible = await repo.orderVisible(db, orderId, scope);
      const promise = visible ? await repo.promiseOf(db, orderId) : undefined;
      if (!promise) throw notFound('order_promise', orderId);
      const [policy, calendar, clocks, pauses, alerts, history, cal] = await Promise.all([
        repo.policyById(db, promise.policyId),
        repo.calendarById(db, promise.calendarId),
        repo.clocksOf(db, orderId),
        repo.pausesOf(db, orderId),
        repo.alertsOf(db, orderId),
        repo.historyOf(db, orderId),
        calendarOf(db, promise.calendarId),
      ]);
      const now = clock.now();
      // Business time left now, on the calendar the clocks run on; a paused clock keeps what it had.
      const leftNow = (c: repo.ClockRow, targetMs: number | null) =>
        targetMs === null || (c.status !== 'running' && c.status !== 'paused') ? null : toMinutes(targetMs - usedAt(cal, toClock(c), now));
      return {
        orderId,
        policy: { id: policy!.id, code: policy!.code, nameZh: policy!.nameZh, nameEn: policy!.nameEn },
        calendar: { id: calendar!.id, code: calendar!.code, nameZh: calendar!.nameZh, nameEn: calendar!.nameEn, timeZone: calendar!.timeZone },
        paused: promise.pausedAt !== null,
        pausedAt: iso(promise.pausedAt),
        nextDueAt: iso(promise.nextDueAt),
        warnRole: promise.warnRole,
        escalateRole: promise.escalateRole,
        milestones: clocks.map((c) => ({
          milestone: c.milestone as Milestone,
          name: milestoneNames[c.milestone as Milestone],
          cycle: c.cycle,
          status: c.status,
          targetMinutes: toMinutes(c.targetMs) as number,
          internalTargetMinutes: toMinutes(c.internalTargetMs),
          usedMinutes: toMinutes(c.consumedMs) as number,
          startedAt: c.startedAt.toISOString(),
          dueAt: iso(c.dueAt),
          internalDueAt: iso(c.internalDueAt),
          warnAt: iso(c.warnAt),
          metAt: iso(c.metAt),
          outcome: c.outcome,
          outcomeName: c.outcome ? outcomeNames[c.outcome] : null,
          leftMinutes: leftNow(c, c.targetMs),
          internalLeftMinutes: leftNow(c, c.internalTargetMs),
          marginMinutes: toMinutes(c.marginMs),
          internalKept: c.internalKept,
          warnedAt: iso(c.warnedAt),
          breachedAt: iso(c.breachedAt),
        })),
        pauses: pauses.map((p) => ({ reason: p.reason, startedAt: p.startedAt.toISOString(), endedAt: iso(p.endedAt) })),
        alerts: alerts.map((a) => alertOut(a)),
        history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, details: h.details })),
      };
    },

    /** Running promises past their warning point, soonest deadline first, within the caller's scope. */
    async atRisk(caller: Caller, page: { limit: number; offset: number }) {
      requirePermission(caller.principal, 'orders.read');
      const now = clock.now();
      const { rows, clocks, total } = await repo.atRisk(db, now, orderScope(caller.principal), page);
      const items = rows.map(({ promise, order }) => {
        const mine = clocks.filter((c) => c.orderId === order.id).sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
        return {
          orderId: order.id,
          number: order.number,
          status: order.status,
          kind: order.kind,
          priority: order.priority,
          customerTier: order.customerTier,
          providerId: order.providerId,
          technicianId: order.technicianId,
          city: order.address.city,
          nextDueAt: iso(promise.nextDueAt),
          overdue: promise.nextDueAt !== null && promise.nextDueAt.getTime() <= now.getTime(),
          milestones: mine.map((c) => ({
            milestone: c.milestone as Milestone,
            name: milestoneNames[c.milestone as Milestone],
            dueAt: iso(c.dueAt),
            warnAt: iso(c.warnAt),
            internalDueAt: iso(c.internalDueAt),
            overdue: c.dueAt !== null && c.dueAt.getTime() <= now.getTime(),
          })),
        };
      });
      return { items, total, limit: page.limit, offset: page.offset };
    },

    async alerts(caller: Caller, q: AlertsQuery) {
      requirePermission(caller.principal, 'promises.read');
      const { rows, total } = await repo.listAlerts(db, q, orderScope(caller.principal));
      return { items: rows.map((r) => ({ ...alertOut(r.alert), orderNumber: r.number })), total, limit: q.limit, offset: q.offset };
    },

    async reportOrders(caller: Caller, q: ReportOrdersQuery) {
      requirePermission(caller.principal, 'promises.read');
      const from = zonedMidnight(q.from, q.timeZone);
      const to = zonedMidnight(q.to, q.timeZone);
      if (to.getTime() <= from.getTime()) throw invalid('to', 'must be after from');
      const { rows, total } = await repo.reportOrders(db, { from, to, milestone: q.milestone, outcome: q.outcome, providerId: q.providerId, limit: q.limit, offset: q.offset }, orderScope(caller.principal));
      return { items: rows.map((r) => ({ ...r, metAt: new Date(r.metAt).toISOString() })), total, limit: q.limit, offset: q.offset };
    },

    async report(caller: Caller, q: ReportQuery) {
      requirePermission(caller.principal, 'promises.read');
      const from = zonedMidnight(q.from, q.timeZone);
      const to = zonedMidnight(q.to, q.timeZone);
      if (to.getTime() <= from.getTime()) throw invalid('to', 'must be after from');
      const rows = await repo.report(db, q.by, { from, to, milestone: q.milestone, timeZone: q.timeZone, providerId: q.providerId }, orderScope(caller.principal));
      const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 10_000) / 10_000);
      return {
        by: q.by,
        from: from.toISOString(),
        to: to.toISOString(),
        milestone: q.milestone ?? null,
        rows: rows.map((r) => ({
          key: r.key,
          label: r.label,
          met: r.met,
          beaten: r.beaten,
          kept: r.kept,
          broken: r.broken,
          shareBeaten: share(r.beaten, r.met),
          shareKept: share(r.kept, r.met),
          shareBroken: share(r.broken, r.met),
          medianMarginMinutes: toMinutes(r.medianMarginMs),
          p90MarginMinutes: toMinutes(r.p90MarginMs),
        })),
      };
    },
  };
}

function alertOut(a: repo.AlertRow) {
  return { ...a, milestone: a.milestone as Milestone, dueAt: a.dueAt.toISOString(), deliveredAt: a.deliveredAt.toISOString() };
}

function zonedMidnight(date: string, timeZone: string): Date {
  if (!isTimeZone(timeZone)) throw invalid('timeZone', 'not an IANA time zone (e.g. Asia/Shanghai)');
  return localMidnight(date, timeZone);
}

export type PromisesService = ReturnType<typeof createPromisesService>;

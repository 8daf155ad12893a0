// The clocks of each order's promise: made at intake, moved by each step, alerts delivered when due.
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock as TimeSource } from '../../shared/clock.js';
import type { Enqueue, EnqueueMany, JobRequest } from '../../jobs/queue.js';
import type { Role } from '../../kernel/permissions.js';
import type { Announcement, Announcements } from '../../kernel/events.js';
import { actorName, type Caller } from '../../kernel/scopes.js';
import type { IntakeFollower, OrderFollower, OrderRow } from '../work-orders/index.js';
import * as repo from './promises.repo.js';
import type { Calendars } from './promises.calendars.js';
import type { Rules, RulesMemory } from './promises.policies.js';
import {
  alertText,
  applyStep,
  clockEffect,
  clockSummary,
  dueAlerts,
  moveClock,
  openClocks,
  promiseNext,
  retargetClock,
  chooseCalendar,
  selectPolicy,
  type Clock,
  type Milestone,
  type Shares,
} from './promises.rules.js';

export const ALERT_JOB = 'promises.alert';
export const SWEEP_JOB = 'promises.sweep';
const SWEEP_PARALLEL = 4;
/**
 * An alert due within this long of the change that sets it gets a job due at its instant; one
 * further away gets none: the minute sweep delivers it (order_promises.next_alert_at, in its partial
 * index), at most about a minute late. Most alerts are hours away (a warning at three quarters of a
 * target of hours), and the job's insert into pg-boss's partitioned table was most of what a promise
 * added to an intake (bench/intake/cpu.ts); a minute is little beside hours, and much beside a
 * target of minutes, which keeps its job.
 */
export const ALERT_JOB_HORIZON_MS = 10 * 60_000;
/** How long one sweep keeps delivering page after page when many alerts fall due at once (a working day's opening hour). */
const SWEEP_BUDGET_MS = 45_000;

/** Whether an alert due `at` gets a job now (else the sweep delivers it). */
export function alertNeedsJob(at: Date, now: Date): boolean {
  return at.getTime() - now.getTime() <= ALERT_JOB_HORIZON_MS;
}

export type ClocksDeps = {
  db: Db;
  clock: TimeSource;
  enqueue: Enqueue;
  enqueueMany: EnqueueMany;
  /** The product category of the order's unit, for choosing a policy. */
  categoryOfUnit: (q: Queryable, unitId: string, customerId: string) => Promise<string | null>;
  calendars: Pick<Calendars, 'calendarOf' | 'compiledOf'>;
  rules: RulesMemory;
  alerted?: AlertedFn;
  /** A broken promise is announced (webhooks' promise.broken), once, with its alert. */
  announce: Announcements['announce'];
};

/** Told of each alert delivered, in its transaction (the live module makes it news for the console). */
export type AlertedFn = (tx: Tx, alerts: { orderId: string; kind: 'warning' | 'breach'; milestone: string; dueAt: Date }[]) => Promise<void>;

const systemCaller: Caller = { principal: { kind: 'system', name: 'promises' }, address: null };

export function toClock(r: repo.ClockRow): Clock {
  const { orderId: _o, ...clock } = r;
  return { ...clock, milestone: r.milestone as Milestone };
}

function toRow(orderId: string, c: Clock): repo.ClockRow {
  return { orderId, ...c };
}

export function createClocks(deps: ClocksDeps) {
  const { db, clock } = deps;
  const { calendarOf, compiledOf } = deps.calendars;

  function historyRow(orderId: string, caller: Caller, action: string, details: Record<string, unknown>) {
    return { orderId, at: clock.now(), actor: actorName(caller.principal), action, details };
  }

  /**
   * Saves changed clocks and the order's next deadline and alert; enqueues the alert job when the
   * next alert moved and is near (`alertNeedsJob`; a later one is the sweep's).
   */
  async function commitClocks(tx: Tx, promise: repo.PromiseRow, all: Clock[], changed: Clock[], extra: Partial<repo.PromiseRow> = {}) {
    await repo.saveClocks(tx, changed.map((c) => toRow(promise.orderId, c)));
    const next = promiseNext(all);
    const now = clock.now();
    await repo.updatePromise(tx, promise.orderId, { ...next, ...extra, updatedAt: now });
    if (next.nextAlertAt && next.nextAlertAt.getTime() !== promise.nextAlertAt?.getTime() && alertNeedsJob(next.nextAlertAt, now)) {
      await deps.enqueue(tx, ALERT_JOB, { orderId: promise.orderId, at: next.nextAlertAt.toISOString() }, { startAfter: next.nextAlertAt });
    }
  }

  /** At intake, for the orders opened together: choose each one's policy and calendar, start the clocks; one write for all. */
  async function promisesAtIntake(tx: Tx, opened: { order: OrderRow; caller: Caller }[], rules: Rules) {
    const promises: repo.PromiseRow[] = [];
    const clockRows: repo.ClockRow[] = [];
    const history: ReturnType<typeof historyRow>[] = [];
    const alerts: JobRequest[] = [];
    for (const { order, caller } of opened) {
      const categoryId = order.unitId ? await deps.categoryOfUnit(tx, order.unitId, order.customerId) : null;
      const regions = [order.address.city, order.address.province].filter(Boolean);
      const policy = selectPolicy(rules.policies, { orderKind: order.kind, priority: order.priority, customerTier: order.customerTier, regions, categoryId });
      if (!policy) continue;
      const calendar = policy.calendarId ? rules.calendars.find((c) => c.id === policy.calendarId) : chooseCalendar(rules.calendars, { regions, fallbackDefault: true });
      if (!calendar) continue;
      const calendarId = calendar.id;
      const at = order.createdAt;
      const shares: Shares = { warnShare: policy.warnShare, beatenShare: policy.beatenShare };
      let clocks: Clock[];
      try {
        clocks = openClocks(await compiledOf(tx, calendar), policy.targets, at, shares);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        // The calendar was thinned after the policy was checked: the order is still taken in, and says why it has no promise.
        history.push(historyRow(order.id, caller, 'promise_not_made', { policy: policy.code, calendarId, reason: err.message }));
        continue;
      }
      const next = promiseNext(clocks);
      promises.push({
        orderId: order.id,
        policyId: policy.id,
        calendarId,
        warnShare: policy.warnShare,
        beatenShare: policy.beatenShare,
        warnRole: policy.warnRole,
        escalateRole: policy.escalateRole,
        pausedAt: null,
        ...next,
        updatedAt: at,
      });
      clockRows.push(...clocks.map((c) => toRow(order.id, c)));
      history.push(historyRow(order.id, caller, 'promise_made', { policy: policy.code, calendarId, clocks: clocks.map(clockSummary) }));
      // An alert hours away (the usual case) is left to the sweep: no queue insert at intake.
      if (next.nextAlertAt && alertNeedsJob(next.nextAlertAt, clock.now())) alerts.push({ name: ALERT_JOB, data: { orderId: order.id, at: next.nextAlertAt.toISOString() }, options: { startAfter: next.nextAlertAt } });
    }
    await repo.insertPromisesMade(tx, promises, clockRows, history);
    await deps.enqueueMany(tx, alerts);
  }

  /** Promises follow every order: made at intake, clocks moved by each step. */
  const orderFollower: OrderFollower = {
    name: 'promises',
    async intake(q: Queryable): Promise<IntakeFollower> {
      const rules = await deps.rules.get(q);
      return {
        acts: rules.policies.length > 0,
        unchanged: repo.rulesGenerationIs(rules.generation),
        async stale(q2: Queryable) {
          if ((await repo.rulesGeneration(q2)) === rules.generation) return false;
          deps.rules.forgetIf(rules);
          return true;
        },
        opened: (tx, opened) => promisesAtIntake(tx, opened, rules),
      };
    },

    /** After each work-order step, in its transaction: meet, pause, resume, stop, restart or move the clocks. */
    async stepped(tx: Tx, before: OrderRow, after: OrderRow, action: string, caller: Caller) {
      const effect = clockEffect(action, before.status);
      if (effect.kind === 'none') return;
      const promise = await repo.promiseOf(tx, after.id, true);
      if (!promise) return;
      const now = clock.now();
      // A provider with its own calendar: the clocks carry on from now on its hours.
      const movesTo = effect.kind === 'provider' && after.providerId ? await repo.calendarIdFor(tx, { providerId: after.providerId }) : undefined;
      if (effect.kind === 'provider' && (!movesTo || movesTo === promise.calendarId)) return;
      const shares: Shares = { warnShare: promise.warnShare, beatenShare: promise.beatenShare };
      const cal = await calendarOf(tx, promise.calendarId);
      const clocks = (await repo.clocksOf(tx, after.id)).map(toClock);
      const facts = { at: now, checkedInAt: after.checkedInAt, doneAt: after.doneAt, movesTo: movesTo ? await calendarOf(tx, movesTo) : undefined };
      const result = applyStep(cal, shares, clocks, effect, facts);
      const extra: Partial<repo.PromiseRow> = movesTo ? { calendarId: movesTo } : {};
      if (result.pause === 'start') {
        await repo.insertPause(tx, { orderId: after.id, reason: after.holdReason ?? 'on_hold', startedAt: now });
        extra.pausedAt = now;
      } else if (result.pause === 'end' && promise.pausedAt) {
        await repo.endOpenPause(tx, after.id, now);
        extra.pausedAt = null;
      }
      await commitClocks(tx, promise, result.clocks, result.changed, extra);
      if (result.changed.length || movesTo) {
        await repo.appendHistory(tx, [historyRow(after.id, caller, action, { ...extra, clocks: result.changed.map(clockSummary) })]);
      }
    },
  };

  /**
   * After a correction (work orders' `orderCorrected`, in its transaction): a new unit (so category)
   * or a new address (so region) may choose another policy. Then the open clocks of the latest
   * cycles run on the new policy's targets from now, keeping the business time used, and the
   * promise takes its shares and roles, with a `policy_changed` history row. A correction that
   * leaves the policy as it was changes nothing; one that leaves no policy keeps the promise made.
   */
  async function orderCorrected(tx: Tx, before: OrderRow, after: OrderRow, caller: Caller) {
    const place = (o: OrderRow) => `${o.address.province}|${o.address.city}`;
    if (before.unitId === after.unitId && place(before) === place(after)) return;
    const promise = await repo.promiseOf(tx, after.id, true);
    if (!promise) return;
    let rules = await deps.rules.get(tx);
    if ((await repo.rulesGeneration(tx)) !== rules.generation) {
      deps.rules.forgetIf(rules);
      rules = await deps.rules.get(tx);
    }
    const categoryId = after.unitId ? await deps.categoryOfUnit(tx, after.unitId, after.customerId) : null;
    const regions = [after.address.city, after.address.province].filter(Boolean);
    const policy = selectPolicy(rules.policies, { orderKind: after.kind, priority: after.priority, customerTier: after.customerTier, regions, categoryId });
    if (!policy || policy.id === promise.policyId) return;
    const now = clock.now();
    const shares: Shares = { warnShare: policy.warnShare, beatenShare: policy.beatenShare };
    const cal = await calendarOf(tx, promise.calendarId);
    const calendarId = policy.calendarId ?? promise.calendarId;
    const to = calendarId === promise.calendarId ? cal : await calendarOf(tx, calendarId);
    const clocks = (await repo.clocksOf(tx, after.id)).map(toClock);
    const latest = new Map<string, Clock>();
    for (const c of clocks) if ((latest.get(c.milestone)?.cycle ?? 0) < c.cycle) latest.set(c.milestone, c);
    const changed: Clock[] = [];
    const all = clocks.map((c) => {
      const target = policy.targets[c.milestone];
      if (latest.get(c.milestone) !== c || !target) return c;
      const next = retargetClock(cal, to, c, target, now, shares);
      if (next !== c) changed.push(next);
      return next;
    });
    const was = rules.policies.find((p) => p.id === promise.policyId)?.code ?? promise.policyId;
    await commitClocks(tx, { ...promise, ...shares }, all, changed, {
      policyId: policy.id, calendarId, warnShare: policy.warnShare, beatenShare: policy.beatenShare, warnRole: policy.warnRole, escalateRole: policy.escalateRole,
    });
    await repo.appendHistory(tx, [historyRow(after.id, caller, 'policy_changed', { from: was, to: policy.code, calendarId, clocks: changed.map(clockSummary) })]);
  }

  /**
   * Delivers the order's alerts that are due, each once: the promise row is locked, and an alert
   * already on record (same order, milestone, cycle and kind) is not delivered again. Returns how
   * many were delivered now.
   */
  async function deliverDue(orderId: string, jobAt?: string): Promise<number> {
    return db.transaction(async (tx) => {
      const promise = await repo.promiseOf(tx, orderId, true);
      if (!promise) return 0;
      const now = clock.now();
      const clocks = (await repo.clocksOf(tx, orderId)).map(toClock);
      const changed: Clock[] = [];
      const history = [];
      const broken: Announcement[] = [];
      let delivered = 0;
      let number: string | null = null;
      let timeZone: string | null = null;
      const all = [];
      for (const before of clocks) {
        let c = before;
        for (const kind of dueAlerts(c, now)) {
          const role = (kind === 'warning' ? promise.warnRole : promise.escalateRole) as Role;
          const dueAt = (kind === 'warning' ? c.warnAt : c.dueAt) as Date;
          number ??= await repo.orderNumberOf(tx, orderId);
          timeZone ??= (await repo.calendarById(tx, promise.calendarId))?.timeZone ?? 'Asia/Shanghai';
          const text = alertText(kind, number, c.milestone, c.dueAt, role, timeZone);
          if (await repo.insertAlert(tx, { orderId, milestone: c.milestone, cycle: c.cycle, kind, role, dueAt, deliveredAt: now, messageZh: text.zh, messageEn: text.en })) {
            delivered += 1;
            await deps.alerted?.(tx, [{ orderId, kind, milestone: c.milestone, dueAt }]);
            if (kind === 'breach') broken.push({ type: 'promise.broken', payload: { orderId, orderNumber: number, milestone: c.milestone, cycle: c.cycle, dueAt: dueAt.toISOString(), escalatedTo: role } });
          }
          c = kind === 'warning' ? { ...c, warnedAt: now } : { ...c, breachedAt: now };
          history.push(historyRow(orderId, systemCaller, kind === 'warning' ? 'warned' : 'escalated', { milestone: c.milestone, cycle: c.cycle, role, dueAt: dueAt.toISOString() }));
        }
        if (c !== before) changed.push(c);
        all.push(c);
      }
      if (changed.length) {
        await commitClocks(tx, promise, all, changed);
        await repo.appendHistory(tx, history);
        await deps.announce(tx, broken);
      } else if (jobAt && promise.nextAlertAt && promise.nextAlertAt.toISOString() === jobAt && promise.nextAlertAt.getTime() > now.getTime()) {
        // The queue's clock ran ahead of ours: this is still the order's next alert, so try again then.
        await deps.enqueue(tx, ALERT_JOB, { orderId, at: jobAt }, { startAfter: promise.nextAlertAt });
      }
      return delivered;
    });
  }

  /**
   * After a calendar's hours or days changed: every running clock on it keeps the business time
   * used so far and runs the rest of its target on the calendar as it now stands. Run again, it
   * changes nothing (and writes no history), so the queue may repeat it.
   */
  async function recalendar(calendarId: string): Promise<number> {
    let moved = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await repo.runningOnCalendar(db, calendarId, after, 200);
      if (ids.length === 0) return moved;
      after = ids[ids.length - 1];
      for (const orderId of ids) {
        moved += await db.transaction(async (tx) => {
          const promise = await repo.promiseOf(tx, orderId, true);
          if (!promise || promise.calendarId !== calendarId) return 0;
          const cal = await calendarOf(tx, calendarId);
          const clocks = (await repo.clocksOf(tx, orderId)).map(toClock);
          const shares: Shares = { warnShare: promise.warnShare, beatenShare: promise.beatenShare };
          const at = clock.now();
          const time = (d: Date | null) => d?.getTime() ?? null;
          const changed: Clock[] = [];
          const all = clocks.map((c) => {
            const next = moveClock(cal, cal, c, at, shares);
            if (time(next.dueAt) === time(c.dueAt) && time(next.warnAt) === time(c.warnAt) && time(next.internalDueAt) === time(c.internalDueAt)) return c;
            changed.push(next);
            return next;
          });
          if (changed.length === 0) return 0;
          await commitClocks(tx, promise, all, changed);
          await repo.appendHistory(tx, [historyRow(orderId, systemCaller, 'calendar_changed', { calendarId, clocks: changed.map(clockSummary) })]);
          return 1;
        });
      }
    }
  }

  /**
   * On a schedule, every minute: every order with an alert due — those further than the horizon
   * when set, which have no job, and any whose job was lost. Page after page while pages come back
   * full and something was delivered (many alerts fall due together at a working day's opening),
   * within a budget under the minute.
   */
  async function sweep(limit = 1000): Promise<{ orders: number; delivered: number }> {
    const started = Date.now();
    let orders = 0;
    let delivered = 0;
    // One order that fails must not hold back every other order's alerts (the sweep delivers most of them): its error is raised after the rest.
    const failed = new Map<string, unknown>();
    for (;;) {
      const ids = await repo.dueOrderIds(db, clock.now(), limit);
      let now = 0;
      // A few orders at a time: each is its own short transaction, locking only its own promise row.
      for (let i = 0; i < ids.length; i += SWEEP_PARALLEL) {
        const counts = await Promise.all(ids.slice(i, i + SWEEP_PARALLEL).map((id) => (failed.has(id) ? 0 : deliverDue(id).catch((err: unknown) => (failed.set(id, err), 0)))));
        now += counts.reduce((a, b) => a + b, 0);
      }
      orders += ids.length;
      delivered += now;
      // A full page that delivered nothing would come back the same: stop there too.
      if (ids.length < limit || now === 0 || Date.now() - started > SWEEP_BUDGET_MS) break;
    }
    if (failed.size) {
      const [first] = failed.values();
      throw new Error(`promises sweep: ${failed.size} order(s) failed (delivered ${delivered}); first: ${first instanceof Error ? first.message : String(first)}`, { cause: first });
    }
    return { orders, delivered };
  }

  return { orderFollower: { ...orderFollower, orderCorrected }, deliverDue, sweep, recalendar };
}

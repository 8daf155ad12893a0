import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock as TimeSource } from '../../shared/clock.js';
import { invalid, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Enqueue, EnqueueMany, JobRequest } from '../../jobs/queue.js';
import type { Role } from '../../kernel/permissions.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { AuditFn } from '../../kernel/audit.js';
import { type IntakeFollower, type OrderFollower, type OrderRow } from '../work-orders/index.js';
import { calendarProblems, compileCalendar, isTimeZone, localMidnight, MINUTE, type Calendar, type CalendarDay } from './calendar.rules.js';
import { cnNationalDays } from './cn-national.js';
import * as repo from './promises.repo.js';
import { promiseErrors } from './promises.errors.js';
import {
  alertText,
  applyStep,
  clockEffect,
  clockSummary,
  dueAlerts,
  milestoneNames,
  moveClock,
  openClocks,
  outcomeNames,
  promiseNext,
  chooseCalendar,
  selectPolicy,
  usedAt,
  type Clock,
  type Milestone,
  type Shares,
} from './promises.rules.js';
import type { AlertsQuery, CalendarInput, CalendarPatch, CalendarView, DaysImport, OrderPromiseView, PolicyInput, PolicyPatch, PolicyView, ReportQuery } from './promises.contract.js';

export const ALERT_JOB = 'promises.alert';
export const SWEEP_JOB = 'promises.sweep';
export const RECALENDAR_JOB = 'promises.recalendar';
const SWEEP_PARALLEL = 4;

export type PromisesDeps = {
  db: Db;
  clock: TimeSource;
  audit: AuditFn;
  enqueue: Enqueue;
  enqueueMany: EnqueueMany;
  /** The product category of the order's unit, for choosing a policy. */
  categoryOfUnit: (q: Queryable, unitId: string, customerId: string) => Promise<string | null>;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toMinutes = (ms: number | null) => (ms === null ? null : Math.round((ms / MINUTE) * 100) / 100);
const systemCaller: Caller = { principal: { kind: 'system', name: 'promises' }, address: null };

function toClock(r: repo.ClockRow): Clock {
  const { orderId: _o, ...clock } = r;
  return { ...clock, milestone: r.milestone as Milestone };
}

function toRow(orderId: string, c: Clock): repo.ClockRow {
  return { orderId, ...c };
}

function calendarView(row: repo.CalendarRow, days?: repo.CalendarDayRow[]): CalendarView {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    timeZone: row.timeZone,
    week: row.week,
    isDefault: row.isDefault,
    providerId: row.providerId,
    region: row.region,
    version: row.version,
    ...(days ? { days: days.map((d) => ({ date: d.date, kind: d.kind, nameZh: d.nameZh, nameEn: d.nameEn, blocks: d.blocks })) } : {}),
  };
}

function policyView(p: repo.PolicyRow): PolicyView {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

/** "2026-10-01,holiday,国庆节,National Day" per line; blank lines and lines starting with # are skipped. */
function parseCsvDays(text: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const [date = '', kind = '', nameZh, nameEn] = trimmed.split(',').map((s) => s.trim());
    if (kind !== 'holiday' && kind !== 'workday') throw invalid(`csv.${i + 1}`, `line ${i + 1}: the second field must be holiday or workday`);
    days.push({ date, kind, nameZh: nameZh || null, nameEn: nameEn || null });
  });
  return days;
}

export function createPromisesService(deps: PromisesDeps) {
  const { db, clock } = deps;

  // Compiled calendars by id, kept while the calendar's version is unchanged (every edit, days
  // included, bumps it), so a step reads one row instead of a year of days. Each copy checks the
  // version on every use: a calendar changed through another server copy is reloaded.
  const compiled = new Map<string, { version: number; calendar: Calendar }>();

  /** A policy's targets must fit in its calendar's working time (the default calendar's when it names none). */
  async function requireReachable(q: Queryable, calendarId: string | null, targets: PolicyInput['targets']) {
    const id = calendarId ?? (await repo.calendarIdFor(q, { fallbackDefault: true }));
    if (!id) return;
    try {
      openClocks(await calendarOf(q, id), targets, clock.now(), { warnShare: 0.5, beatenShare: 0.5 });
    } catch (err) {
      if (err instanceof RangeError) throw invalid('targets', 'longer than the working time of the calendar in three years');
      throw err;
    }
  }

  async function calendarOf(q: Queryable, calendarId: string): Promise<Calendar> {
    const row = await repo.calendarById(q, calendarId);
    if (!row) throw notFound('calendar', calendarId);
    return compiledOf(q, row);
  }

  async function compiledOf(q: Queryable, row: repo.CalendarRow): Promise<Calendar> {
    const hit = compiled.get(row.id);
    if (hit && hit.version === row.version) return hit.calendar;
    const days = await repo.daysOf(q, row.id);
    const calendar = compileCalendar({ timeZone: row.timeZone, week: row.week, days });
    compiled.set(row.id, { version: row.version, calendar });
    return calendar;
  }

  function checkRules(rules: { timeZone: string; week: CalendarInput['week']; days: CalendarDay[] }) {
    const problems = calendarProblems(rules);
    if (problems.length) throw promiseErrors.badCalendar(problems);
  }

  function historyRow(orderId: string, caller: Caller, action: string, details: Record<string, unknown>) {
    return { orderId, at: clock.now(), actor: actorName(caller.principal), action, details };
  }

  /** Saves changed clocks and the order's next deadline and alert; enqueues the alert job when the next alert moved. */
  async function commitClocks(tx: Tx, promise: repo.PromiseRow, all: Clock[], changed: Clock[], extra: Partial<repo.PromiseRow> = {}) {
    await repo.saveClocks(tx, changed.map((c) => toRow(promise.orderId, c)));
    const next = promiseNext(all);
    await repo.updatePromise(tx, promise.orderId, { ...next, ...extra, updatedAt: clock.now() });
    if (next.nextAlertAt && next.nextAlertAt.getTime() !== promise.nextAlertAt?.getTime()) {
      await deps.enqueue(tx, ALERT_JOB, { orderId: promise.orderId, at: next.nextAlertAt.toISOString() }, { startAfter: next.nextAlertAt });
    }
  }

  // The active policies and the calendars, remembered with the generation they were read at.
  // Intake checks that generation inside its own statement, so no order gets its promise from
  // rules another copy has changed since: the statement then makes nothing, memory is renewed and
  // intake tries again.
  type Rules = { generation: number; policies: repo.PolicyRow[]; calendars: repo.CalendarRow[] };
  let remembered: Rules | null = null;
  async function rememberedRules(q: Queryable): Promise<Rules> {
    if (!remembered) {
      const generation = await repo.rulesGeneration(q);
      remembered = { generation, policies: await repo.listPolicies(q, true), calendars: await repo.listCalendars(q) };
    }
    return remembered;
  }
  const forgetRules = <T>(value: T) => {
    remembered = null;
    return value;
  };

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
      if (next.nextAlertAt) alerts.push({ name: ALERT_JOB, data: { orderId: order.id, at: next.nextAlertAt.toISOString() }, options: { startAfter: next.nextAlertAt } });
    }
    await repo.insertPromisesMade(tx, promises, clockRows, history);
    await deps.enqueueMany(tx, alerts);
  }

  /** Promises follow every order: made at intake, clocks moved by each step. */
  const orderFollower: OrderFollower = {
    name: 'promises',
    async intake(q: Queryable): Promise<IntakeFollower> {
      const rules = await rememberedRules(q);
      return {
        acts: rules.policies.length > 0,
        unchanged: repo.rulesGenerationIs(rules.generation),
        async stale(q2: Queryable) {
          if ((await repo.rulesGeneration(q2)) === rules.generation) return false;
          if (remembered === rules) remembered = null;
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
      let delivered = 0;
      let number: string | null = null;
      const all = [];
      for (const before of clocks) {
        let c = before;
        for (const kind of dueAlerts(c, now)) {
          const role = (kind === 'warning' ? promise.warnRole : promise.escalateRole) as Role;
          const dueAt = (kind === 'warning' ? c.warnAt : c.dueAt) as Date;
          number ??= await repo.orderNumberOf(tx, orderId);
          const text = alertText(kind, number, c.milestone, c.dueAt, role);
          if (await repo.insertAlert(tx, { orderId, milestone: c.milestone, cycle: c.cycle, kind, role, dueAt, deliveredAt: now, messageZh: text.zh, messageEn: text.en })) delivered += 1;
          c = kind === 'warning' ? { ...c, warnedAt: now } : { ...c, breachedAt: now };
          history.push(historyRow(orderId, systemCaller, kind === 'warning' ? 'warned' : 'escalated', { milestone: c.milestone, cycle: c.cycle, role, dueAt: dueAt.toISOString() }));
        }
        if (c !== before) changed.push(c);
        all.push(c);
      }
      if (changed.length) {
        await commitClocks(tx, promise, all, changed);
        await repo.appendHistory(tx, history);
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

  /** Safety net on a schedule: every order with an alert due, whatever happened to its job. */
  async function sweep(limit = 1000): Promise<{ orders: number; delivered: number }> {
    const ids = await repo.dueOrderIds(db, clock.now(), limit);
    let delivered = 0;
    // A few orders at a time: each is its own short transaction, locking only its own promise row.
    for (let i = 0; i < ids.length; i += SWEEP_PARALLEL) {
      const counts = await Promise.all(ids.slice(i, i + SWEEP_PARALLEL).map((id) => deliverDue(id)));
      delivered += counts.reduce((a, b) => a + b, 0);
    }
    return { orders: ids.length, delivered };
  }

  async function calendarOrThrow(q: Queryable, id: string) {
    const row = await repo.calendarById(q, id);
    if (!row) throw notFound('calendar', id);
    return row;
  }

  async function policyOrThrow(q: Queryable, id: string) {
    const row = await repo.policyById(q, id);
    if (!row) throw notFound('promise_policy', id);
    return row;
  }

  /** Unique-index violations say which field collided. */
  function explainUnique(err: unknown, what: 'calendar' | 'policy', code: string): never {
    const text = String((err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message);
    if (text.includes('calendars_provider_uq')) throw promiseErrors.taken('providerId', 'this provider has a calendar already');
    if (text.includes('calendars_region_uq')) throw promiseErrors.taken('region', 'this region has a calendar already');
    if (text.includes('_code_uq')) throw promiseErrors.codeTaken(what, code);
    if (text.includes('foreign key')) throw invalid(text.includes('category') ? 'categoryId' : text.includes('provider') ? 'providerId' : 'calendarId', 'no such record');
    throw err;
  }

  return {
    orderFollower,
    deliverDue,
    sweep,
    recalendar,

    // Calendars

    async listCalendars(caller: Caller): Promise<CalendarView[]> {
      requirePermission(caller.principal, 'promises.read');
      return (await repo.listCalendars(db)).map((r) => calendarView(r));
    },

    async getCalendar(caller: Caller, id: string, range: { from?: string; to?: string }): Promise<CalendarView> {
      requirePermission(caller.principal, 'promises.read');
      const row = await calendarOrThrow(db, id);
      return calendarView(row, await repo.daysOf(db, id, range.from, range.to));
    },

    async createCalendar(caller: Caller, input: CalendarInput): Promise<CalendarView> {
      requirePermission(caller.principal, 'promises.manage');
      const days = [...(input.cnNationalYears ? cnNationalDays(input.cnNationalYears) : []), ...input.days];
      const byDate = new Map(days.map((d) => [d.date, d]));
      checkRules({ timeZone: input.timeZone, week: input.week, days: input.days });
      const now = clock.now();
      return db
        .transaction(async (tx) => {
          const id = newId();
          if (input.isDefault) await repo.unsetDefaultCalendar(tx, id);
          const row = await repo.insertCalendar(tx, {
            id,
            code: input.code,
            nameZh: input.nameZh,
            nameEn: input.nameEn,
            timeZone: input.timeZone,
            week: input.week,
            isDefault: input.isDefault,
            providerId: input.providerId ?? null,
            region: input.region ?? null,
            createdAt: now,
            updatedAt: now,
          });
          await repo.upsertDays(tx, id, [...byDate.values()]);
          await deps.audit(tx, { caller, action: 'calendar_created', subjectKind: 'calendar', subjectId: id, details: { code: input.code, days: byDate.size } });
          return calendarView(row);
        })
        .then(forgetRules, (err) => explainUnique(err, 'calendar', input.code));
    },

    async updateCalendar(caller: Caller, id: string, patch: CalendarPatch): Promise<CalendarView> {
      requirePermission(caller.principal, 'promises.manage');
      return db
        .transaction(async (tx) => {
          const row = await calendarOrThrow(tx, id);
          if (row.version !== patch.version) throw promiseErrors.staleVersion('calendar', row.version);
          const { version, ...changes } = patch;
          checkRules({ timeZone: changes.timeZone ?? row.timeZone, week: changes.week ?? row.week, days: [] });
          if (changes.isDefault) await repo.unsetDefaultCalendar(tx, id);
          const updated = await repo.updateCalendarAtVersion(tx, id, version, { ...changes, updatedAt: clock.now() });
          if (!updated) throw promiseErrors.staleVersion('calendar', row.version + 1);
          if (changes.week || changes.timeZone) await deps.enqueue(tx, RECALENDAR_JOB, { calendarId: id });
          await deps.audit(tx, { caller, action: 'calendar_changed', subjectKind: 'calendar', subjectId: id, details: { before: calendarView(row), after: changes } });
          return calendarView(updated);
        })
        .then(forgetRules, (err) => explainUnique(err, 'calendar', ''));
    },

    /** Adds or replaces special days (a list, CSV lines, or China's national arrangement) and removes dates. */
    async importDays(caller: Caller, id: string, input: DaysImport): Promise<CalendarView & { imported: number; removed: number }> {
      requirePermission(caller.principal, 'promises.manage');
      const days = input.source === 'cn_national' ? cnNationalDays(input.years) : input.source === 'csv' ? parseCsvDays(input.csv as string) : (input.days as CalendarDay[]);
      return db.transaction(async (tx) => {
        const row = await calendarOrThrow(tx, id);
        if (row.version !== input.version) throw promiseErrors.staleVersion('calendar', row.version);
        checkRules({ timeZone: row.timeZone, week: row.week, days });
        await repo.deleteDays(tx, id, input.removeDates);
        await repo.upsertDays(tx, id, days);
        const updated = await repo.updateCalendarAtVersion(tx, id, row.version, { updatedAt: clock.now() });
        await deps.enqueue(tx, RECALENDAR_JOB, { calendarId: id });
        await deps.audit(tx, { caller, action: 'calendar_days_imported', subjectKind: 'calendar', subjectId: id, details: { source: input.source, days: days.length, removed: input.removeDates } });
        return { ...calendarView(updated as repo.CalendarRow), imported: days.length, removed: input.removeDates.length };
      }).then(forgetRules);
    },

    // Policies

    async listPolicies(caller: Caller): Promise<PolicyView[]> {
      requirePermission(caller.principal, 'promises.read');
      return (await repo.listPolicies(db)).map(policyView);
    },

    async getPolicy(caller: Caller, id: string): Promise<PolicyView> {
      requirePermission(caller.principal, 'promises.read');
      return policyView(await policyOrThrow(db, id));
    },

    async createPolicy(caller: Caller, input: PolicyInput): Promise<PolicyView> {
      requirePermission(caller.principal, 'promises.manage');
      const now = clock.now();
      return db
        .transaction(async (tx) => {
          if (input.calendarId) await calendarOrThrow(tx, input.calendarId).catch(() => { throw invalid('calendarId', 'no such calendar'); });
          // Without a calendar of its own the policy's orders run on the default one: there must be one.
          else if (!(await repo.calendarIdFor(tx, { fallbackDefault: true }))) throw invalid('calendarId', 'no default calendar: name a calendar, or mark one as the default first');
          await requireReachable(tx, input.calendarId ?? null, input.targets);
          const row = await repo.insertPolicy(tx, {
            id: newId(),
            ...input,
            orderKind: input.orderKind ?? null,
            priority: input.priority ?? null,
            customerTier: input.customerTier ?? null,
            region: input.region ?? null,
            categoryId: input.categoryId ?? null,
            calendarId: input.calendarId ?? null,
            createdAt: now,
            updatedAt: now,
          });
          await deps.audit(tx, { caller, action: 'promise_policy_created', subjectKind: 'promise_policy', subjectId: row.id, details: policyView(row) });
          return policyView(row);
        })
        .then(forgetRules, (err) => explainUnique(err, 'policy', input.code));
    },

    /** Changes apply to orders taken in from now on; promises already made keep their targets. */
    async updatePolicy(caller: Caller, id: string, patch: PolicyPatch): Promise<PolicyView> {
      requirePermission(caller.principal, 'promises.manage');
      return db
        .transaction(async (tx) => {
          const row = await policyOrThrow(tx, id);
          if (row.version !== patch.version) throw promiseErrors.staleVersion('policy', row.version);
          const { version, ...changes } = patch;
          if (changes.calendarId) await calendarOrThrow(tx, changes.calendarId).catch(() => { throw invalid('calendarId', 'no such calendar'); });
          if (changes.targets || changes.calendarId) await requireReachable(tx, changes.calendarId ?? row.calendarId, changes.targets ?? row.targets);
          const updated = await repo.updatePolicyAtVersion(tx, id, version, { ...changes, updatedAt: clock.now() });
          if (!updated) throw promiseErrors.staleVersion('policy', row.version + 1);
          await deps.audit(tx, { caller, action: 'promise_policy_changed', subjectKind: 'promise_policy', subjectId: id, details: { before: policyView(row), after: changes } });
          return policyView(updated);
        })
        .then(forgetRules, (err) => explainUnique(err, 'policy', ''));
    },

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

    async report(caller: Caller, q: ReportQuery) {
      requirePermission(caller.principal, 'promises.read');
      const from = zonedMidnight(q.from, q.timeZone);
      const to = zonedMidnight(q.to, q.timeZone);
      if (to.getTime() <= from.getTime()) throw invalid('to', 'must be after from');
      const rows = await repo.report(db, q.by, { from, to, milestone: q.milestone, timeZone: q.timeZone }, orderScope(caller.principal));
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

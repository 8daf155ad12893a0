// Complaints as their own record: filed by the desk (any source) or by the customer in the portal,
// handled by headquarters on an escalation ladder whose rungs each run a business-hours clock (the
// promises module's calendars). A clock that runs out escalates the complaint once (a job due at
// that instant, and a sweep for any job lost); a person may escalate on the customer's request, a
// severity may lift it, a manager may take it down a rung. The accused provider and technician
// never handle it and see nothing of it unless a manager shares a text with them.
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { Enqueue } from '../../jobs/queue.js';
import type { AuditFn } from '../../kernel/audit.js';
import type { Announcements } from '../../kernel/events.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { money } from '../../shared/money.js';
import { customerExists } from '../customers/index.js';
import { businessDeadline, deadlineCalendarId } from '../promises/index.js';
import { findOrder, type OrderFollower, type OrderRow, type WorkOrdersService } from '../work-orders/index.js';
import { recordRefund, type FeesService } from '../fees/index.js';
import * as repo from './complaints.repo.js';
import { complaintsErrors } from './complaints.errors.js';
import {
  categoryNames,
  compensationNames,
  compensationProblem,
  complaintNumber,
  isBreached,
  levelForSeverity,
  nextLevel,
  previousLevel,
  progressWords,
  refundProblem,
  rankOf,
  repeatSince,
  statusAfter,
  targetMinutes,
  type Category,
  type CompensationKind,
  type EscalationCause,
  type Level,
  type RootCause,
  type Rung,
  type Severity,
  type Source,
  type Status,
  type Step,
} from './complaints.rules.js';
import type {
  actionRequest,
  answerRequest,
  compensationRequest,
  ComplaintDetailView,
  ComplaintView,
  contactRequest,
  CustomerComplaintView,
  deescalateRequest,
  escalateRequest,
  fileRequest,
  listQuery,
  resolveRequest,
  severityRequest,
  shareRequest,
  SharedComplaintView,
} from './complaints.contract.js';

export const BREACH_JOB = 'complaints.breach';
export const SWEEP_JOB = 'complaints.sweep';

export type ComplaintsDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  enqueue: Enqueue;
  workOrders: WorkOrdersService;
  /** A refund given as compensation is paid back through fees (a negative payment on the order). */
  fees: FeesService;
  /** A complaint of the same customer or unit within this many days is a repeat. */
  repeatDays?: number;
  /** Each climb is announced (webhooks' complaint.escalated). */
  announce: Announcements['announce'];
};

const defaultRepeatDays = 30;
const breachSystem: Caller = { principal: { kind: 'system', name: 'complaints.breach' }, address: null };
const iso = (d: Date | null) => d?.toISOString() ?? null;
const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];

export function createComplaintsService(deps: ComplaintsDeps) {
  const { db, clock } = deps;
  const repeatDays = deps.repeatDays ?? defaultRepeatDays;
  const scopeOf = (caller: Caller) => orderScope(caller.principal);
  const isCustomer = (caller: Caller) => caller.principal.kind === 'customer';
  /** Headquarters: staff not bound to a provider or technician, and the system. */
  const isHq = (caller: Caller) => scopeOf(caller).kind === 'all';

  function requireHandler(caller: Caller, permission: 'complaints.handle' | 'complaints.compensate' | 'complaints.deescalate' | 'complaints.share' = 'complaints.handle') {
    requirePermission(caller.principal, permission);
    if (!isHq(caller)) throw complaintsErrors.hqOnly();
  }

  function view(c: repo.ComplaintRow, ladder: Rung[], now: Date): ComplaintView {
    const rung = ladder.find((r) => r.level === c.level);
    return {
      id: c.id,
      number: complaintNumber(c.createdAt, c.seq),
      customerId: c.customerId,
      source: c.source as ComplaintView['source'],
      category: c.category as Category,
      categoryName: categoryNames[c.category as Category],
      severity: c.severity as Severity,
      text: c.text,
      orderIds: c.orderIds,
      unitIds: c.unitIds,
      providerIds: c.providerIds,
      technicianIds: c.technicianIds,
      status: c.status as Status,
      level: c.level as Level,
      levelName: { zh: rung?.nameZh ?? c.level, en: rung?.nameEn ?? c.level },
      levelSince: c.levelSince.toISOString(),
      dueAt: iso(c.dueAt),
      overdue: isBreached({ status: c.status as Status, dueAt: c.dueAt }, now),
      breachedAt: iso(c.breachedAt),
      repeatOfId: c.repeatOfId,
      followUpTaskId: c.followUpTaskId,
      rootCause: c.rootCause as RootCause | null,
      resolution: c.resolution,
      resolvedAt: iso(c.resolvedAt),
      customerAnswer: c.customerAnswer as ComplaintView['customerAnswer'],
      sharedText: c.sharedText,
      sharedAt: iso(c.sharedAt),
      filedBy: c.filedBy,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
    };
  }

  function sharedView(c: repo.ComplaintRow): SharedComplaintView {
    return {
      id: c.id,
      number: complaintNumber(c.createdAt, c.seq),
      category: c.category as Category,
      categoryName: categoryNames[c.category as Category],
      orderIds: c.orderIds,
      status: c.status as Status,
      sharedText: c.sharedText ?? '',
      sharedAt: iso(c.sharedAt) ?? '',
      createdAt: c.createdAt.toISOString(),
      shared: true,
    };
  }

  function customerView(c: repo.ComplaintRow, entries: repo.EntryRow[]): CustomerComplaintView {
    const category = c.category as Category;
    const progress = progressWords({ status: c.status as Status, level: c.level as Level, customerAnswer: c.customerAnswer });
    return {
      id: c.id,
      number: complaintNumber(c.createdAt, c.seq),
      orderIds: c.orderIds,
      category,
      categoryZh: categoryNames[category].zh,
      categoryEn: categoryNames[category].en,
      text: c.text,
      status: c.status as Status,
      progressZh: progress.zh,
      progressEn: progress.en,
      answerBy: c.status === 'open' ? iso(c.dueAt) : null,
      resolution: c.status === 'open' ? null : c.resolution,
      compensations: entries
        .filter((e) => e.type === 'compensation')
        .map((e) => {
          const kind = e.kind as CompensationKind;
          return { kind, kindZh: compensationNames[kind].zh, kindEn: compensationNames[kind].en, amount: e.amountFen === null ? null : { amountFen: e.amountFen, currency: e.currency ?? 'CNY' } };
        }),
      canAnswer: c.status === 'resolved',
      filedAt: c.createdAt.toISOString(),
      version: c.version,
    };
  }

  async function detail(q: Queryable, c: repo.ComplaintRow): Promise<ComplaintDetailView> {
    const [ladder, entries, history] = await Promise.all([repo.ladder(q), repo.entriesOf(q, c.id), repo.historyOf(q, c.id)]);
    return {
      ...view(c, ladder, clock.now()),
      ladder: ladder.map((r) => ({ level: r.level, rank: r.rank, nameZh: r.nameZh, nameEn: r.nameEn, minSeverity: r.minSeverity, targetMinutes: r.targetMinutes })),
      entries: entries.map((e) => ({
        id: e.id,
        type: e.type,
        kind: e.kind,
        text: e.text,
        direction: e.direction,
        durationMinutes: e.durationMinutes,
        amount: e.amountFen === null ? null : money(e.amountFen, e.currency ?? 'CNY'),
        orderId: e.orderId,
        paymentId: e.paymentId,
        actor: e.actor,
        at: e.at.toISOString(),
      })),
      history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromLevel: h.fromLevel, toLevel: h.toLevel, fromStatus: h.fromStatus, toStatus: h.toStatus, details: h.details })),
    };
  }

  /** What this caller is shown of one complaint: the customer their plain view, the accused (when shared) the shared text, headquarters all. */
  async function shown(q: Queryable, caller: Caller, c: repo.ComplaintRow) {
    if (isCustomer(caller)) return customerView(c, await repo.entriesOf(q, c.id));
    if (!isHq(caller)) return sharedView(c);
    return detail(q, c);
  }

  async function findVisible(q: Queryable, caller: Caller, id: string, lock = false) {
    const row = await repo.findComplaint(q, id, repo.visibleSql(scopeOf(caller)), lock);
    if (!row) throw complaintsErrors.notFound(id);
    return row;
  }

  /** The clock of a rung for a severity, counted from `from` on the complaint's calendar. */
  async function clockOf(q: Queryable, ladder: Rung[], c: { level: Level; severity: Severity; calendarId: string | null }, from: Date) {
    return businessDeadline(q, { from, minutes: targetMinutes(ladder, c.level, c.severity), calendarId: c.calendarId });
  }

  /**
   * One change of a complaint: moved at the version read (the row locked by the caller), its
   * history and audit rows, and a breach job when its clock moved.
   */
  async function change(tx: Queryable, caller: Caller, row: repo.ComplaintRow, action: string, patch: Partial<repo.ComplaintRow>, details: Record<string, unknown>) {
    const moved = await repo.updateAtVersion(tx, row.id, row.version, patch);
    if (!moved) throw complaintsErrors.staleVersion(row.version + 1);
    const now = clock.now();
    await repo.insertHistory(tx, { complaintId: row.id, at: now, actor: actorName(caller.principal), action, fromLevel: row.level, toLevel: moved.level, fromStatus: row.status, toStatus: moved.status, details });
    await deps.audit(tx, { caller, action: `complaints.${action}`, subjectKind: 'complaint', subjectId: row.id, details: { from: { level: row.level, status: row.status }, to: { level: moved.level, status: moved.status }, ...details } });
    if (moved.dueAt && moved.dueAt.getTime() !== row.dueAt?.getTime()) await enqueueBreach(tx, moved);
    return moved;
  }

  async function enqueueBreach(tx: Queryable, c: repo.ComplaintRow) {
    if (!c.dueAt) return;
    await deps.enqueue(tx, BREACH_JOB, { complaintId: c.id, level: c.level, dueAt: c.dueAt.toISOString() }, { startAfter: c.dueAt });
  }

  /** Locks the complaint, checks the version the caller read and that the step is open to it. */
  async function lockFor(tx: Queryable, caller: Caller, id: string, step: Step, version?: number) {
    const row = await findVisible(tx, caller, id, true);
    if (version !== undefined && row.version !== version) throw complaintsErrors.staleVersion(row.version);
    if (statusAfter(row.status as Status, step) === null) throw complaintsErrors.illegalStep(row.status as Status, step);
    return row;
  }

  /** Climbs to `to` (or the next rung): a new clock from now at that rung. */
  async function escalateTo(tx: Queryable, caller: Caller, row: repo.ComplaintRow, ladder: Rung[], to: Level, cause: EscalationCause, reason: string | null, patch: Partial<repo.ComplaintRow> = {}) {
    const now = clock.now();
    const severity = (patch.severity ?? row.severity) as Severity;
    const dueAt = await clockOf(tx, ladder, { level: to, severity, calendarId: row.calendarId }, now);
    const moved = await change(tx, caller, row, 'escalate', { ...patch, level: to, levelSince: now, dueAt, breachedAt: null }, { cause, reason, severity });
    // No customer, text or person in it: the receiver asks the API for more with its own rights.
    await deps.announce(tx, [{ type: 'complaint.escalated', payload: { id: moved.id, fromLevel: row.level, toLevel: moved.level, cause, severity, category: moved.category, status: moved.status, orderIds: moved.orderIds, providerIds: moved.providerIds, dueAt: iso(moved.dueAt) } }]);
    return moved;
  }

  /** One log entry on a locked complaint, with its history and audit rows. */
  async function entryIn(tx: Queryable, caller: Caller, row: repo.ComplaintRow, entry: Omit<repo.EntryRow, 'id' | 'seq' | 'complaintId' | 'actor' | 'at'>) {
    const now = clock.now();
    const actor = actorName(caller.principal);
    const made = await repo.insertEntry(tx, { id: newId(), complaintId: row.id, actor, at: now, ...entry });
    const details = { entryId: made.id, kind: entry.kind, amountFen: entry.amountFen, orderId: entry.orderId, ...(entry.paymentId ? { paymentId: entry.paymentId } : {}) };
    await repo.insertHistory(tx, { complaintId: row.id, at: now, actor, action: entry.type, fromLevel: row.level, toLevel: row.level, fromStatus: row.status, toStatus: row.status, details });
    await deps.audit(tx, { caller, action: `complaints.${entry.type}`, subjectKind: 'complaint', subjectId: row.id, details: { ...details, currency: entry.currency } });
  }

  async function logEntry(caller: Caller, id: string, entry: Omit<repo.EntryRow, 'id' | 'seq' | 'complaintId' | 'actor' | 'at'>, permission: 'complaints.handle' | 'complaints.compensate' = 'complaints.handle') {
    requireHandler(caller, permission);
    return db.transaction(async (tx) => {
      const row = await lockFor(tx, caller, id, 'log');
      await entryIn(tx, caller, row, entry);
      return detail(tx, row);
    });
  }

  /** The clock ran out: one rung up, once (the row locked; a person who escalated first moved the clock, so nothing happens). */
  async function breach(id: string, expectedLevel?: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      const row = await repo.findComplaint(tx, id, repo.visibleSql({ kind: 'all' }), true);
      const now = clock.now();
      if (!row || row.breachedAt || !isBreached({ status: row.status as Status, dueAt: row.dueAt }, now)) return false;
      if (expectedLevel && row.level !== expectedLevel) return false;
      const ladder = await repo.ladder(tx);
      const next = nextLevel(ladder, row.level as Level);
      if (!next) {
        await change(tx, breachSystem, row, 'breach_at_top', { breachedAt: now }, { dueAt: iso(row.dueAt) });
        return true;
      }
      await escalateTo(tx, breachSystem, row, ladder, next, 'breach', null);
      return true;
    });
  }

  /**
   * A complaint filed in the caller's transaction: its rung and clock by severity, the units,
   * providers and technicians of its orders, a repeat marked, its history, audit and breach job.
   * With `followUpTaskId`, once per task: undefined when that task filed one already.
   */
  async function fileIn(tx: Queryable, caller: Caller, f: { customerId: string; source: Source; category: Category; severity: Severity; text: string; orders: OrderRow[]; followUpTaskId?: string }) {
    const actor = actorName(caller.principal);
    const { orders, severity } = f;
    const ladder = await repo.ladder(tx);
    const level = levelForSeverity(ladder, severity);
    const now = clock.now();
    const calendarId = await deadlineCalendarId(tx);
    const dueAt = await clockOf(tx, ladder, { level, severity, calendarId }, now);
    const unitIds = unique(orders.map((o) => o.unitId));
    const prior = await repo.priorComplaint(tx, { customerId: f.customerId, unitIds, since: repeatSince(now, repeatDays) });
    const made = await repo.insertComplaint(tx, {
      id: newId(),
      customerId: f.customerId,
      source: f.source,
      category: f.category,
      severity,
      text: f.text,
      orderIds: orders.map((o) => o.id),
      unitIds,
      providerIds: unique(orders.map((o) => o.providerId)),
      technicianIds: unique(orders.map((o) => o.technicianId)),
      status: 'open',
      level,
      calendarId,
      levelSince: now,
      dueAt,
      repeatOfId: prior?.id ?? null,
      followUpTaskId: f.followUpTaskId ?? null,
      filedBy: actor,
      createdAt: now,
    });
    if (!made) return undefined;
    const details = { source: made.source, category: made.category, severity, level, dueAt: dueAt.toISOString(), repeatOfId: made.repeatOfId, repeatDays, ...(f.followUpTaskId ? { followUpTaskId: f.followUpTaskId } : {}) };
    await repo.insertHistory(tx, { complaintId: made.id, at: now, actor, action: 'file', fromLevel: null, toLevel: level, fromStatus: null, toStatus: 'open', details });
    await deps.audit(tx, { caller, action: 'complaints.file', subjectKind: 'complaint', subjectId: made.id, details: { orderIds: made.orderIds, ...details } });
    await enqueueBreach(tx, made);
    return made;
  }

  /**
   * A follow-up call's outcome "complaint" (the order's follow-up form says so, written by the
   * follow-up task): a complaint about that order, source "follow-up", once per task however often
   * the form is written. The customer's words are the agent's note, if any.
   */
  async function fromFollowUp(tx: Queryable, order: OrderRow, caller: Caller) {
    const form = order.followUp ?? {};
    if (form.source !== 'follow_up_task' || form.outcome !== 'complaint' || typeof form.taskId !== 'string') return;
    const note = typeof form.comment === 'string' && form.comment.trim() ? ` — ${form.comment.trim()}` : '';
    await fileIn(tx, caller, {
      customerId: order.customerId,
      source: 'follow_up',
      category: 'other',
      severity: 'normal',
      text: `回访时客户表示问题未解决并要求投诉 / On the follow-up call the customer said it is not fixed and complained${note}`,
      orders: [order],
      followUpTaskId: form.taskId,
    });
  }

  return {
    breach,

    orderFollower: {
      name: 'complaints',
      stepped: async (tx, _before, after, action, caller) => {
        if (action === 'follow_up') await fromFollowUp(tx, after, caller);
      },
    } satisfies OrderFollower,

    /** Every complaint whose clock ran out and has no breach handled: the net under a lost job. */
    async sweep(limit = 500): Promise<number> {
      const ids = await repo.dueComplaintIds(db, clock.now(), limit);
      let moved = 0;
      for (const id of ids) if (await breach(id)) moved += 1;
      return moved;
    },

    async file(caller: Caller, input: z.infer<typeof fileRequest>) {
      const customer = isCustomer(caller);
      if (!customer) requireHandler(caller);
      if (customer && input.orderIds.length !== 1) throw complaintsErrors.portalNeedsOrder();
      return db.transaction(async (tx) => {
        const orders: OrderRow[] = [];
        for (const [i, orderId] of input.orderIds.entries()) {
          const order = await findOrder(tx, orderId);
          if (!order || (caller.principal.kind === 'customer' && order.customerId !== caller.principal.customerId)) throw complaintsErrors.orderNotFound(i);
          orders.push(order);
        }
        const customerId = caller.principal.kind === 'customer' ? caller.principal.customerId : (input.customerId ?? orders[0]?.customerId);
        if (!customerId) throw complaintsErrors.noOrderOrCustomer();
        const other = orders.findIndex((o) => o.customerId !== customerId);
        if (other >= 0) throw complaintsErrors.ordersOfOthers(other);
        if (!orders.length && !(await customerExists(tx, customerId))) throw complaintsErrors.noOrderOrCustomer();
        const made = await fileIn(tx, caller, { customerId, source: customer ? 'portal' : input.source, category: input.category, severity: customer ? 'normal' : input.severity, text: input.text, orders });
        return shown(tx, caller, made!);
      });
    },

    async list(caller: Caller, query: z.infer<typeof listQuery>) {
      if (!isCustomer(caller)) requirePermission(caller.principal, 'complaints.read');
      const now = clock.now();
      const { rows, total } = await repo.listComplaints(db, { visible: repo.visibleSql(scopeOf(caller)), now, status: query.status, level: query.level, overdue: query.overdue === 'true', customerId: query.customerId, limit: query.limit, offset: query.offset });
      const page = { total, limit: query.limit, offset: query.offset };
      if (isCustomer(caller)) return { items: await Promise.all(rows.map(async (r) => customerView(r, await repo.entriesOf(db, r.id)))), ...page };
      if (!isHq(caller)) return { items: rows.map(sharedView), ...page };
      const ladder = await repo.ladder(db);
      return { items: rows.map((r) => view(r, ladder, now)), ...page };
    },

    async get(caller: Caller, id: string) {
      if (!isCustomer(caller)) requirePermission(caller.principal, 'complaints.read');
      return shown(db, caller, await findVisible(db, caller, id));
    },

    /** On the customer's request or a person's judgement: one rung up, a new clock. */
    async escalate(caller: Caller, id: string, input: z.infer<typeof escalateRequest>) {
      requireHandler(caller);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, caller, id, 'escalate', input.version);
        const ladder = await repo.ladder(tx);
        const next = nextLevel(ladder, row.level as Level);
        if (!next) throw complaintsErrors.topOfLadder();
        return detail(tx, await escalateTo(tx, caller, row, ladder, next, input.cause as EscalationCause, input.reason));
      });
    },

    /** One rung down (complaints.deescalate), never below what the severity asks; a new clock there. */
    async deescalate(caller: Caller, id: string, input: z.infer<typeof deescalateRequest>) {
      requireHandler(caller, 'complaints.deescalate');
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, caller, id, 'deescalate', input.version);
        const ladder = await repo.ladder(tx);
        const to = previousLevel(ladder, row.level as Level);
        if (!to) throw complaintsErrors.bottomOfLadder();
        if (rankOf(ladder, to) < rankOf(ladder, levelForSeverity(ladder, row.severity as Severity))) throw complaintsErrors.belowSeverity();
        const now = clock.now();
        const dueAt = await clockOf(tx, ladder, { level: to, severity: row.severity as Severity, calendarId: row.calendarId }, now);
        return detail(tx, await change(tx, caller, row, 'deescalate', { level: to, levelSince: now, dueAt, breachedAt: null }, { reason: input.reason }));
      });
    },

    /** A new severity: up the ladder when it asks for a higher rung; otherwise the rung's clock switches to the severity's target, counted from when the rung began. */
    async setSeverity(caller: Caller, id: string, input: z.infer<typeof severityRequest>) {
      requireHandler(caller);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, caller, id, 'severity', input.version);
        if (row.severity === input.severity) throw complaintsErrors.sameSeverity();
        const ladder = await repo.ladder(tx);
        const floor = levelForSeverity(ladder, input.severity);
        if (rankOf(ladder, floor) > rankOf(ladder, row.level as Level)) {
          return detail(tx, await escalateTo(tx, caller, row, ladder, floor, 'severity', input.reason, { severity: input.severity }));
        }
        const dueAt = await clockOf(tx, ladder, { level: row.level as Level, severity: input.severity, calendarId: row.calendarId }, row.levelSince);
        return detail(tx, await change(tx, caller, row, 'severity', { severity: input.severity, dueAt, breachedAt: null }, { from: row.severity, to: input.severity, reason: input.reason, dueAt: dueAt.toISOString() }));
      });
    },

    /** An action; a visit action books a technician by making an ordinary repair order (the complaint itself needs none). */
    async addAction(caller: Caller, id: string, input: z.infer<typeof actionRequest>) {
      requireHandler(caller);
      let orderId: string | null = null;
      if (input.visit) {
        const row = await findVisible(db, caller, id);
        if (statusAfter(row.status as Status, 'log') === null) throw complaintsErrors.illegalStep(row.status as Status, 'log');
        if (input.visit.unitId && !row.unitIds.includes(input.visit.unitId)) throw complaintsErrors.unitNotOfComplaint();
        const unitId = input.visit.unitId ?? row.unitIds[0] ?? null;
        const made = await deps.workOrders.intake(caller, { kind: 'repair', customerId: row.customerId, unitId, symptom: input.visit.symptom, accept: true, priority: 'high', channel: 'phone' });
        orderId = made.order.id;
      }
      return logEntry(caller, id, { type: 'action', kind: input.kind, text: input.text, direction: null, durationMinutes: null, amountFen: null, currency: null, orderId, paymentId: null });
    },

    async addContact(caller: Caller, id: string, input: z.infer<typeof contactRequest>) {
      return logEntry(caller, id, { type: 'contact', kind: input.channel, text: input.summary, direction: input.direction, durationMinutes: input.durationMinutes ?? null, amountFen: null, currency: null, orderId: null, paymentId: null });
    },

    /**
     * Compensation as data, its amount in fen with its currency. A refund is money given back: a
     * negative payment through fees on one of the complaint's orders (source "complaint"), never
     * more than the customer paid for that order net of every refund; the same idempotency key pays
     * once (a retry records no second entry). Outside the order's fee balance, as a goodwill payment.
     */
    async addCompensation(caller: Caller, id: string, input: z.infer<typeof compensationRequest>) {
      requireHandler(caller, 'complaints.compensate');
      const amount = input.amount ? money(input.amount.amountFen, input.amount.currency) : null;
      const problem = compensationProblem(input.kind, amount?.amountFen ?? null);
      if (problem) throw complaintsErrors.compensation(problem);
      const entry = { type: 'compensation' as const, kind: input.kind, text: input.note, direction: null, durationMinutes: null, amountFen: amount?.amountFen ?? null, currency: amount?.currency ?? null };
      const pay = input.payment;
      if (!pay || !amount) return logEntry(caller, id, { ...entry, orderId: null, paymentId: null }, 'complaints.compensate');
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, caller, id, 'log');
        const orderId = pay.orderId ?? row.orderIds[0];
        if (!orderId || !row.orderIds.includes(orderId)) throw complaintsErrors.refundOrder(!!pay.orderId);
        const replay = await deps.fees.payments.byKey(tx, orderId, pay.idempotencyKey);
        if (!replay) {
          const tooMuch = refundProblem(amount.amountFen, await deps.fees.payments.compensationRoom(tx, orderId));
          if (tooMuch) throw complaintsErrors.compensation(tooMuch);
        }
        const number = complaintNumber(row.createdAt, row.seq);
        const paid = await recordRefund(deps.fees, caller, { orderId, amount, reason: `投诉补偿 ${number}：${input.note} / Complaint compensation ${number}: ${input.note}`, source: { kind: 'complaint', id: row.id }, method: pay.method, reference: pay.reference ?? null, paidBackBy: pay.paidBackBy, idempotencyKey: pay.idempotencyKey }, tx);
        if (paid.replayed) return detail(tx, row);
        await entryIn(tx, caller, row, { ...entry, orderId, paymentId: paid.paymentId });
        return detail(tx, row);
      });
    },

    /** The root cause and the resolution offered; the clock stops until the customer answers. */
    async resolve(caller: Caller, id: string, input: z.infer<typeof resolveRequest>) {
      requireHandler(caller);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, caller, id, 'resolve', input.version);
        const now = clock.now();
        return detail(tx, await change(tx, caller, row, 'resolve', { status: 'resolved', rootCause: input.rootCause, resolution: input.resolution, resolvedAt: now, dueAt: null, customerAnswer: null }, { rootCause: input.rootCause }));
      });
    },

    /** The customer accepts the resolution (closed) or rejects it (open again, a new clock on the same rung); the desk may record the answer given on the phone. */
    async answer(caller: Caller, id: string, input: z.infer<typeof answerRequest>) {
      if (!isCustomer(caller)) requireHandler(caller);
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, caller, id, input.accepted ? 'accept' : 'reject', input.version);
        const now = clock.now();
        let moved: repo.ComplaintRow;
        if (input.accepted) moved = await change(tx, caller, row, 'accept', { status: 'closed', customerAnswer: 'accepted' }, { reason: input.reason ?? null });
        else {
          const ladder = await repo.ladder(tx);
          const dueAt = await clockOf(tx, ladder, { level: row.level as Level, severity: row.severity as Severity, calendarId: row.calendarId }, now);
          moved = await change(tx, caller, row, 'reopen', { status: 'open', customerAnswer: 'rejected', levelSince: now, dueAt, breachedAt: null }, { reason: input.reason ?? null });
        }
        return shown(tx, caller, moved);
      });
    },

    /** A manager shares a text with the accused provider and technician: all they will ever read of it. */
    async share(caller: Caller, id: string, input: z.infer<typeof shareRequest>) {
      requireHandler(caller, 'complaints.share');
      return db.transaction(async (tx) => {
        const row = await lockFor(tx, caller, id, 'share', input.version);
        return detail(tx, await change(tx, caller, row, 'share', { sharedText: input.text, sharedAt: clock.now() }, { providerIds: row.providerIds, technicianIds: row.technicianIds }));
      });
    },
  };
}

export type ComplaintsService = ReturnType<typeof createComplaintsService>;

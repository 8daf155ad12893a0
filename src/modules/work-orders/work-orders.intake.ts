// Intake: orders that come in together open in one statement (the group commit), once per external reference.
import type { SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import type { AuditEntry } from '../../kernel/audit.js';
import { auditRowsSql } from '../../kernel/audit.js';
import { newId } from '../../shared/ids.js';
import { grouped } from '../../shared/grouped.js';
import { invalid, type AppError } from '../../shared/errors.js';
import { assertWithinYearsAhead } from '../../shared/plausible.js';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';
import { intakeContactsSql } from '../customers/index.js';
import * as repo from './work-orders.repo.js';
import { orderErrors } from './work-orders.errors.js';
import { intakeIdempotencyWindowMs, nextStatus } from './work-orders.rules.js';
import type { OrderFollower } from './work-orders.followers.js';
import { emptyOrder, historyRows, toOrderView } from './work-orders.rows.js';
import type { IntakeInput, OrderView } from './work-orders.contract.js';

export type IntakeDeps = {
  db: Db;
  clock: Clock;
  followers: OrderFollower[];
};

export function createIntake(deps: IntakeDeps) {
  const { db, clock } = deps;
  const historyRow = historyRows(clock);

  // What each refusal says; the checks themselves are the intake statement's (repo.intakeChecks).
  const refusals: Record<repo.IntakeRefusal, string> = {
    customerId: 'no such customer',
    contactPhone: 'the customer has no phone; give one',
    addressId: "not one of the customer's addresses",
    address: 'the customer has no address on record; give one',
    unitId: 'not a unit owned by this customer',
    complaintOfOrderId: 'not an order of this customer',
  };
  /** A follower's knowledge went stale: the entry is tried again. */
  const STALE = 'stale';
  function refusal(reason: string | null): AppError {
    return reason && Object.hasOwn(refusals, reason) ? invalid(reason, refusals[reason as repo.IntakeRefusal]) : orderErrors.intakeRefused();
  }

  const asNewOrder = (row: repo.IntakeRow, made: repo.IntakeResult): repo.OrderRow => ({ ...emptyOrder, ...row, ...made }) as repo.OrderRow;

  /** An order waiting for its group's statement; `audit`: the request's audit row, written with the order. */
  type PendingIntake = { entry: repo.IntakeEntry; caller: Caller; audit: AuditEntry | null };

  /** Opens the orders of one group in one statement (with a follower that acts, one transaction). */
  async function openOrders(group: PendingIntake[]): Promise<repo.IntakeOutcome[]> {
    const outcomes = new Map<string, repo.IntakeOutcome>();
    let pending = group;
    for (let attempt = 0; ; attempt++) {
      const entries = pending.map((g) => g.entry);
      const audits = pending.flatMap((g) => (g.audit ? [g.audit] : []));
      const followers = await Promise.all(deps.followers.flatMap((f) => (f.intake ? [f.intake(db)] : [])));
      const conditions = [...repo.intakeChecks, ...followers.map((f) => ({ reason: STALE, holds: f.unchanged }))];
      const acting = followers.filter((f) => f.acts);
      const audit = audits.length ? (made: SQL) => auditRowsSql(clock, audits, made) : null;
      const insert = (q: Queryable) => repo.insertIntakes(q, entries, intakeContactsSql, conditions, intakeIdempotencyWindowMs, audit);
      const made = acting.length
        ? await db.transaction(async (tx) => {
            const m = await insert(tx);
            const opened = pending.flatMap(({ entry, caller }) => {
              const r = m.get(entry.row.id)?.made;
              return r ? [{ order: asNewOrder(entry.row, r), caller }] : [];
            });
            if (opened.length) for (const f of acting) await f.opened(tx, opened);
            return m;
          })
        : await insert(db);
      for (const [id, outcome] of made) outcomes.set(id, outcome);
      const stale = pending.filter((g) => made.get(g.entry.row.id)?.refused === STALE);
      if (stale.length === 0 || attempt === 2) break;
      // Try again only when some follower's knowledge went stale (each refreshes what it remembers).
      const refreshed = await Promise.all(followers.map((f) => f.stale(db)));
      if (!refreshed.includes(true)) break;
      pending = stale;
    }
    return group.map((g) => outcomes.get(g.entry.row.id) ?? { made: null, refused: null });
  }
  // Orders that come in together share a statement; two with one external reference never do.
  const openOrder = grouped(openOrders, { max: 64, fits: (group, g) => !g.entry.row.externalRef || !group.some((o) => o.entry.row.externalRef === g.entry.row.externalRef) });

  return {
    /**
     * Returns created: false with the first order when the same external reference came within 24 h.
     * `requestAudit`: the request's audit row, written with a new order (its subject the order).
     */
    async intake(caller: Caller, input: IntakeInput, requestAudit?: Omit<AuditEntry, 'caller' | 'subjectId'>): Promise<{ order: OrderView; created: boolean }> {
      const p = caller.principal;
      if (p.kind === 'customer') {
        // A request from the portal: on the customer's own account, waiting for the desk to accept it.
        if (input.customerId !== p.customerId) throw invalid('customerId', 'no such customer');
        if (input.complaintOfOrderId) throw invalid('complaintOfOrderId', 'complaints go through the service desk');
        // A customer's reference is theirs alone: the same words from another account must not return that account's order.
        const externalRef = input.externalRef ? `portal:${p.customerId}:${input.externalRef}` : null;
        input = { ...input, externalRef, channel: 'web', priority: 'normal', accept: false };
      } else requirePermission(p, 'orders.intake');
      const now = clock.now();
      const ref = input.externalRef ? { externalRef: input.externalRef, since: new Date(now.getTime() - intakeIdempotencyWindowMs) } : null;
      let phone: string | null = null;
      if (input.contactPhone) {
        phone = normalizePhone(input.contactPhone);
        if (!isPlausiblePhone(phone)) throw invalid('contactPhone', 'not a phone number');
      }
      assertWithinYearsAhead(now, 'wishedFrom', input.wishedFrom);
      assertWithinYearsAhead(now, 'wishedTo', input.wishedTo);
      // Accepting at once is the accept step taken inside the intake: same rule, its own history row.
      const accepted = input.accept ? nextStatus({ status: 'intake', kind: input.kind, statusBeforeHold: null }, 'accept') : undefined;
      if (accepted && !accepted.ok) throw orderErrors.illegal(accepted);
      const row: repo.IntakeRow = {
        id: newId(),
        kind: input.kind,
        status: accepted ? accepted.to : 'intake',
        priority: input.priority,
        channel: input.channel,
        externalRef: input.externalRef ?? null,
        customerId: input.customerId,
        unitId: input.unitId ?? null,
        complaintOfOrderId: input.complaintOfOrderId ?? null,
        symptom: input.symptom,
        wishedFrom: input.wishedFrom ? new Date(input.wishedFrom) : null,
        wishedTo: input.wishedTo ? new Date(input.wishedTo) : null,
        version: accepted ? 2 : 1,
        createdAt: now,
        updatedAt: now,
      };
      const asOrder = (fields: Partial<repo.OrderRow>): repo.OrderRow => ({ ...emptyOrder, ...row, ...fields }) as repo.OrderRow;
      const history = [historyRow(asOrder({ status: 'intake', version: 1 }), caller, 'intake', null, null, {})];
      if (accepted) history.push(historyRow(asOrder({}), caller, 'accept', 'intake', null, { status: { from: 'intake', to: row.status } }));
      const yymm = now.toISOString().slice(2, 4) + now.toISOString().slice(5, 7);
      const entry: repo.IntakeEntry = { row, numberPrefix: `WO${yymm}-`, phone, addressId: input.addressId ?? null, address: input.address ?? null, history };
      const { made, refused } = await openOrder({ entry, caller, audit: requestAudit ? { ...requestAudit, caller, subjectId: row.id } : null });
      if (made) return { order: toOrderView(asOrder(made), caller), created: true };

      // Nothing was made: a repeat of an earlier request, or the check the statement found failing.
      const first = ref && (await repo.orderByExternalRef(db, ref.externalRef));
      if (first && first.createdAt.getTime() >= ref.since.getTime()) return { order: toOrderView(first, caller), created: false };
      throw refusal(refused);
    },
  };
}

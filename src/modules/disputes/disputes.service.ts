// Fee disputes: a customer (portal) or a provider's admin disputes one fee line; a reviewer
// (disputes.review) decides it before its due time. Upheld or partly upheld, the line is credited
// through fees (a credit line with its history) and the credit recorded as the refund owed; the
// customer is told by the outbox in both languages. Every step is a history row and an audit row.
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { can } from '../../kernel/permissions.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { formatMoney, money } from '../../shared/money.js';
import { enqueueMessage } from '../notifications/index.js';
import { checkImage, findOrder, orderInScopeSql, type PhotosService, type WorkOrdersService } from '../work-orders/index.js';
import { activeFeeLines, addCreditLine, feeLineForUpdate, mayHandleMoney, paymentMethodNames, recordRefund, type FeesService } from '../fees/index.js';
import type { PromisesService } from '../promises/index.js';
import { createHash } from 'node:crypto';
import * as repo from './disputes.repo.js';
import { disputesErrors } from './disputes.errors.js';
import { creditFor, disputableFen, isOverdue, nextStatus, reasonNames, statusNames, type DisputeAction, type DisputeReason, type DisputeStatus } from './disputes.rules.js';
import type { DisputeView, listQuery, raiseRequest, refundRequest, reviewRequest, statisticsQuery, withdrawRequest } from './disputes.contract.js';

export type DisputesDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  workOrders: WorkOrdersService;
  photos: PhotosService;
  /** Credits and refunds are written through fees. */
  fees: FeesService;
  /** The business calendar the review's due time is counted on. */
  promises: PromisesService;
  /** Business hours a reviewer has to decide a dispute, on the provider's calendar (else the default one). */
  reviewHours?: number;
};

/** Files a dispute may hold, each at most the photo storage's limit. */
export const maxEvidenceFiles = 10;

type Refunds = Awaited<ReturnType<FeesService['payments']['refundsFor']>>;
type Credits = Map<string, number>;
type Evidence = Awaited<ReturnType<typeof repo.evidenceOf>>[number];

const defaultReviewHours = 48;

export function createDisputesService(deps: DisputesDeps) {
  const { db, clock } = deps;
  const reviewHours = deps.reviewHours ?? defaultReviewHours;
  const visible = (caller: Caller): repo.OrderCondition => (orderId) => orderInScopeSql(orderScope(caller.principal), orderId);
  const isCustomer = (caller: Caller) => caller.principal.kind === 'customer';

  function requireReader(caller: Caller) {
    if (!isCustomer(caller)) requirePermission(caller.principal, 'disputes.read');
  }

  /**
   * What each decided dispute's credit gives back now: its credit line as fees keeps it (a re-price
   * that made the line smaller shrank the credit, or voided it: nothing). The refund owed follows.
   */
  async function creditsNow(q: Queryable, rows: repo.DisputeRow[]): Promise<Credits> {
    const decided = rows.filter((r) => r.creditLineId);
    const active = new Map((await activeFeeLines(q, [...new Set(decided.map((r) => r.orderId))])).map((l) => [l.id, -l.amountFen]));
    return new Map(decided.map((r) => [r.id, active.get(r.creditLineId!) ?? 0]));
  }

  function view(d: repo.DisputeRow, now: Date, refunds: Refunds, credits: Credits, evidence: Evidence[] = []): DisputeView {
    const mine = refunds.get(d.id) ?? [];
    const creditFen = d.creditLineId ? (credits.get(d.id) ?? 0) : d.creditFen;
    const status = d.status as DisputeStatus;
    const reason = d.reason as DisputeReason;
    return {
      id: d.id,
      orderId: d.orderId,
      lineId: d.lineId,
      line: { nameZh: d.lineNameZh, nameEn: d.lineNameEn, amountFen: d.lineFen, currency: d.currency, payer: d.payer },
      providerId: d.providerId,
      raisedByKind: d.raisedByKind,
      raisedBy: d.raisedBy,
      reason,
      reasonName: reasonNames[reason],
      text: d.text,
      photoIds: d.photoIds,
      disputed: money(d.disputedFen, d.currency),
      status,
      statusName: statusNames[status],
      dueAt: d.dueAt.toISOString(),
      overdue: isOverdue({ status, dueAt: d.dueAt }, now),
      credit: creditFen === null ? null : money(creditFen, d.currency),
      refundOwedTo: creditFen ? d.payer : null,
      creditLineId: d.creditLineId,
      refunded: money(mine.reduce((n, r) => n + r.amountFen, 0), d.currency),
      refunds: mine,
      evidence: evidence.map((e) => ({ id: e.id, contentType: e.contentType, bytes: e.bytes, sha256: e.sha256, uploadedByKind: e.uploadedByKind, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt.toISOString() })),
      outcomeReason: d.outcomeReason,
      staffNote: d.staffNote,
      reviewedBy: d.reviewedBy,
      reviewedAt: d.reviewedAt?.toISOString() ?? null,
      version: d.version,
      createdAt: d.createdAt.toISOString(),
    };
  }

  async function detail(q: Queryable, d: repo.DisputeRow) {
    const history = await repo.historyOf(q, d.id);
    const refunds = await deps.fees.payments.refundsFor(q, 'dispute', [d.id]);
    return { ...view(d, clock.now(), refunds, await creditsNow(q, [d]), await repo.evidenceOf(q, d.id)), history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, details: h.details })) };
  }

  async function findVisible(q: Queryable, caller: Caller, id: string) {
    const row = await repo.findDispute(q, id, visible(caller));
    if (!row) throw disputesErrors.notFound(id);
    return row;
  }

  /** The lines of an order this caller may dispute: a customer only what they pay; a provider's admin every charge. */
  async function disputableLines(q: Queryable, caller: Caller, orderId: string) {
    const lines = (await activeFeeLines(q, [orderId])).filter((l) => l.amountFen > 0 && l.code !== 'credit' && (!isCustomer(caller) || l.payer === 'customer'));
    // What is credited already: the active credit lines pointing at the line (a credit follows its line through a re-price).
    const credited = new Map<string, number>();
    for (const c of await activeFeeLines(q, [orderId])) {
      if (c.code !== 'credit') continue;
      const of = String(c.facts.creditOf);
      credited.set(of, (credited.get(of) ?? 0) - c.amountFen);
    }
    const open = await repo.openByLine(q, lines.map((l) => l.id));
    return lines.map((l) => ({ line: l, disputableFen: disputableFen(l.amountFen, credited.get(l.id) ?? 0), openDisputeId: open.get(l.id) ?? null }));
  }

  /** One step of an open dispute: the row moved at the version the caller read, its history and audit rows. */
  async function step(tx: Queryable, caller: Caller, row: repo.DisputeRow, action: DisputeAction, version: number, patch: Partial<repo.DisputeRow>, details: Record<string, unknown>) {
    const to = nextStatus(row.status as DisputeStatus, action);
    if (!to) throw disputesErrors.notOpen(row.status as DisputeStatus);
    if (row.version !== version) throw disputesErrors.staleVersion(row.version);
    const moved = await repo.updateOpenAtVersion(tx, row.id, version, { ...patch, status: to });
    if (!moved) throw disputesErrors.staleVersion(row.version + 1);
    const actor = actorName(caller.principal);
    await repo.insertHistory(tx, { disputeId: row.id, at: clock.now(), actor, action, fromStatus: row.status, toStatus: to, details });
    await deps.audit(tx, { caller, action: `disputes.${action}`, subjectKind: 'fee_dispute', subjectId: row.id, details: { orderId: row.orderId, lineId: row.lineId, from: row.status, to, ...details } });
    return moved;
  }

  return {
    async disputable(caller: Caller, orderId: string) {
      if (!isCustomer(caller) && !can(caller.principal, 'disputes.raise')) requirePermission(caller.principal, 'disputes.read');
      await deps.workOrders.get(caller, orderId);
      const lines = await disputableLines(db, caller, orderId);
      return {
        items: lines.map((l) => ({ lineId: l.line.id, nameZh: l.line.nameZh, nameEn: l.line.nameEn, amountFen: l.line.amountFen, currency: l.line.currency, payer: l.line.payer, disputableFen: l.disputableFen, openDisputeId: l.openDisputeId })),
      };
    },

    async raise(caller: Caller, orderId: string, input: z.infer<typeof raiseRequest>) {
      const raisedByKind = isCustomer(caller) ? ('customer' as const) : ('provider' as const);
      if (raisedByKind === 'provider' && !can(caller.principal, 'disputes.raise')) throw disputesErrors.notRaiser();
      await deps.workOrders.get(caller, orderId);
      // Evidence is the order's own photos, as its photo storage holds them; read before the transaction.
      if (input.photoIds.length) {
        const ofOrder = new Set((await deps.photos.list(caller, orderId)).map((p) => p.id));
        const i = input.photoIds.findIndex((p) => !ofOrder.has(p));
        if (i >= 0) throw disputesErrors.photoNotOfOrder(i);
      }
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        // The line locked: two disputes of it at once queue here, and the unique index lets one open.
        const line = await feeLineForUpdate(tx, input.lineId);
        const mine = line && line.orderId === orderId && line.status === 'active' ? (await disputableLines(tx, caller, orderId)).find((l) => l.line.id === line.id) : undefined;
        if (!line || !mine) throw disputesErrors.lineNotFound();
        if (mine.openDisputeId) throw disputesErrors.alreadyOpen();
        if (mine.disputableFen <= 0) throw disputesErrors.notDisputable();
        const order = await findOrder(tx, orderId);
        const now = clock.now();
        const due = await deps.promises.businessDueAt(tx, { providerId: order?.providerId ?? null }, now, reviewHours);
        const made = await repo.insertDispute(tx, {
          id: newId(),
          orderId,
          lineId: line.id,
          providerId: order?.providerId ?? null,
          raisedByKind,
          raisedBy: actor,
          reason: input.reason,
          text: input.text,
          photoIds: input.photoIds,
          lineNameZh: line.nameZh,
          lineNameEn: line.nameEn,
          payer: line.payer,
          lineFen: line.amountFen,
          disputedFen: mine.disputableFen,
          currency: line.currency,
          status: 'open',
          dueAt: due.dueAt,
          createdAt: now,
        });
        if (!made) throw disputesErrors.alreadyOpen();
        await repo.insertHistory(tx, { disputeId: made.id, at: now, actor, action: 'raise', fromStatus: null, toStatus: 'open', details: { reason: input.reason, photoIds: input.photoIds, disputedFen: made.disputedFen, dueAt: due.dueAt.toISOString(), calendarId: due.calendarId, reviewHours } });
        await deps.audit(tx, { caller, action: 'disputes.raise', subjectKind: 'fee_dispute', subjectId: made.id, details: { orderId, lineId: line.id, reason: input.reason, disputedFen: made.disputedFen } });
        return detail(tx, made);
      });
    },

    async list(caller: Caller, query: z.infer<typeof listQuery>) {
      requireReader(caller);
      const now = clock.now();
      const { rows, total } = await repo.listDisputes(db, { visible: visible(caller), now, status: query.status, orderId: query.orderId, limit: query.limit, offset: query.offset });
      const ids = rows.map((r) => r.id);
      const [refunds, credits, evidence] = await Promise.all([deps.fees.payments.refundsFor(db, 'dispute', ids), creditsNow(db, rows), repo.evidenceOfMany(db, ids)]);
      return { items: rows.map((r) => view(r, now, refunds, credits, evidence.filter((e) => e.disputeId === r.id))), total, limit: query.limit, offset: query.offset };
    },

    async get(caller: Caller, id: string) {
      requireReader(caller);
      return detail(db, await findVisible(db, caller, id));
    },

    /** The reviewer's outcome: upheld (the disputed amount credited), partly upheld (an amount), rejected (nothing); the customer told. */
    async review(caller: Caller, id: string, input: z.infer<typeof reviewRequest>) {
      requirePermission(caller.principal, 'disputes.review');
      await findVisible(db, caller, id);
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const row = (await repo.findDispute(tx, id, visible(caller)))!;
        if (row.status !== 'open') throw disputesErrors.notOpen(row.status as DisputeStatus);
        if (input.amount && input.amount.currency !== row.currency) throw disputesErrors.currency();
        const credit = creditFor(input.outcome, row.disputedFen, input.amount?.amountFen);
        if (!('fen' in credit)) throw disputesErrors.credit(credit);
        const now = clock.now();
        let creditLineId: string | null = null;
        if (credit.fen > 0) {
          const line = await feeLineForUpdate(tx, row.lineId);
          if (!line) throw disputesErrors.lineNotFound();
          const named = reasonNames[row.reason as DisputeReason];
          const words = { zh: `费用争议退还：${named.zh}`, en: `Fee dispute credit: ${named.en}` };
          const made = await addCreditLine(tx, { id: newId(), line, amountFen: credit.fen, at: now, actor, reason: words, nameZh: `退还：${line.nameZh}`, nameEn: `Credit: ${line.nameEn}`, facts: { disputeId: row.id } });
          creditLineId = made.id;
        }
        const moved = await step(tx, caller, row, input.outcome, input.version, { creditFen: credit.fen, creditLineId, outcomeReason: input.reason, staffNote: input.staffNote ?? null, reviewedBy: actor, reviewedAt: now }, { creditFen: credit.fen, creditLineId, reason: input.reason, staffNote: input.staffNote ?? null });
        const order = await findOrder(tx, row.orderId);
        if (order) {
          const amount = formatMoney(money(credit.fen, row.currency));
          const line = { zh: row.lineNameZh, en: row.lineNameEn };
          const told =
            input.outcome === 'rejected'
              ? { zh: `您对工单 ${order.number} 费用「${line.zh}」的异议经审核不成立：${input.reason}`, en: `Your dispute of the charge "${line.en}" on order ${order.number} was not upheld: ${input.reason}` }
              : input.outcome === 'upheld'
                ? { zh: `您对工单 ${order.number} 费用「${line.zh}」的异议成立，退还 ${amount}：${input.reason}`, en: `Your dispute of the charge "${line.en}" on order ${order.number} was upheld; ${amount} is credited: ${input.reason}` }
                : { zh: `您对工单 ${order.number} 费用「${line.zh}」的异议部分成立，退还 ${amount}：${input.reason}`, en: `Your dispute of the charge "${line.en}" on order ${order.number} was partly upheld; ${amount} is credited: ${input.reason}` };
          await enqueueMessage(tx, clock, {
            channel: 'sms',
            recipient: order.contactPhone,
            customerId: order.customerId,
            template: `fee_dispute_${input.outcome}`,
            bodyZh: `【售后服务】${told.zh}`,
            bodyEn: `[Aftercare] ${told.en}`,
            subject: { kind: 'fee_dispute', id: row.id },
          });
        }
        return detail(tx, moved);
      });
    },

    /**
     * The desk gives back what an upheld (or partly upheld) dispute credited on a line the customer
     * pays: a negative payment on the order through fees, linked to the dispute. Never more than the
     * credit less earlier refunds of it, nor more than was paid on the order net of refunds (fees
     * checks that under the order's money lock). The same idempotency key records once.
     */
    async refund(caller: Caller, id: string, input: z.infer<typeof refundRequest>) {
      requirePermission(caller.principal, 'disputes.read');
      mayHandleMoney(caller);
      await findVisible(db, caller, id);
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        await repo.lockDispute(tx, id);
        const row = (await repo.findDispute(tx, id, visible(caller)))!;
        const status = row.status as DisputeStatus;
        if ((status !== 'upheld' && status !== 'partly_upheld') || !row.creditFen) throw disputesErrors.notRefundable(status);
        if (row.payer !== 'customer') throw disputesErrors.refundNotCustomers();
        const earlier = (await deps.fees.payments.refundsFor(tx, 'dispute', [row.id])).get(row.id) ?? [];
        const replay = await deps.fees.payments.byKey(tx, row.orderId, input.idempotencyKey);
        // What the credit gives back now (a re-price may have shrunk it), less what was refunded.
        const creditFen = (await creditsNow(tx, [row])).get(row.id) ?? 0;
        const left = creditFen - earlier.reduce((n, r) => n + r.amountFen, 0);
        const amountFen = input.amountFen ?? (replay && replay.sourceId === row.id ? -replay.amountFen : left);
        if (!replay && (amountFen > left || left <= 0)) throw disputesErrors.refundTooMuch(left);
        const reason = input.reason ?? `费用争议退款：${row.lineNameZh} / Fee dispute refund: ${row.lineNameEn}`;
        const done = await recordRefund(deps.fees, caller, { orderId: row.orderId, amount: money(amountFen, row.currency), reason, source: { kind: 'dispute', id: row.id }, method: input.method, reference: input.reference ?? null, paidBackBy: input.paidBackBy, idempotencyKey: input.idempotencyKey }, tx);
        if (!done.replayed) {
          const details = { paymentId: done.paymentId, amountFen, method: input.method, reference: input.reference ?? null, paidBackBy: input.paidBackBy };
          await repo.insertHistory(tx, { disputeId: row.id, at: clock.now(), actor, action: 'refund', fromStatus: status, toStatus: status, details });
          await deps.audit(tx, { caller, action: 'disputes.refund', subjectKind: 'fee_dispute', subjectId: row.id, details: { orderId: row.orderId, ...details } });
          const order = await findOrder(tx, row.orderId);
          if (order?.contactPhone) {
            const amount = formatMoney(money(amountFen, row.currency));
            await enqueueMessage(tx, clock, {
              channel: 'sms',
              recipient: order.contactPhone,
              customerId: order.customerId,
              template: 'fee_dispute_refunded',
              bodyZh: `【售后服务】工单 ${order.number} 费用「${row.lineNameZh}」的争议退款 ${amount} 已通过${paymentMethodNames[input.method].zh}退还给您。`,
              bodyEn: `[Aftercare] ${amount} for your dispute of "${row.lineNameEn}" on order ${order.number} has been refunded to you by ${paymentMethodNames[input.method].en}.`,
              subject: { kind: 'fee_dispute', id: row.id },
            });
          }
        }
        return detail(tx, row);
      });
    },

    /** A photo the customer (or the provider raising it) adds to their open dispute: checked, size-limited, hashed. */
    async addEvidence(caller: Caller, id: string, declaredType: string | undefined, body: Uint8Array) {
      requireReader(caller);
      if (body.length === 0) throw disputesErrors.evidenceEmpty();
      if (body.length > deps.photos.limitBytes) throw disputesErrors.evidenceTooLarge(body.length, deps.photos.limitBytes);
      const verdict = checkImage(body);
      if (!verdict.ok) throw disputesErrors.evidenceNotImage(verdict.problem);
      if (declaredType && declaredType !== verdict.type) throw disputesErrors.evidenceNotImage(`the file is ${verdict.type}, not ${declaredType}`);
      await findVisible(db, caller, id);
      const actor = actorName(caller.principal);
      return db.transaction(async (tx) => {
        await repo.lockDispute(tx, id);
        const row = (await repo.findDispute(tx, id, visible(caller)))!;
        if (row.status !== 'open') throw disputesErrors.evidenceClosed();
        if (row.raisedBy !== actor) throw disputesErrors.notWithdrawer();
        if ((await repo.evidenceOf(tx, id)).length >= maxEvidenceFiles) throw disputesErrors.evidenceTooMany(maxEvidenceFiles);
        const made = await repo.insertEvidence(tx, { id: newId(), disputeId: id, contentType: verdict.type, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), data: Buffer.from(body), uploadedByKind: isCustomer(caller) ? 'customer' : 'provider', uploadedBy: actor, uploadedAt: clock.now() });
        await repo.insertHistory(tx, { disputeId: id, at: made.uploadedAt, actor, action: 'evidence_added', fromStatus: row.status, toStatus: row.status, details: { evidenceId: made.id, sha256: made.sha256, bytes: made.bytes } });
        await deps.audit(tx, { caller, action: 'disputes.evidence_added', subjectKind: 'fee_dispute', subjectId: id, details: { evidenceId: made.id, sha256: made.sha256, bytes: made.bytes } });
        return detail(tx, row);
      });
    },

    /** One evidence file, for whoever may see its dispute. */
    async evidenceFile(caller: Caller, id: string, fileId: string) {
      requireReader(caller);
      await findVisible(db, caller, id);
      const f = await repo.evidenceFile(db, fileId);
      if (!f || f.disputeId !== id) throw disputesErrors.evidenceNotFound(fileId);
      return { contentType: f.contentType, data: f.data };
    },

    /** Whoever raised a dispute may take it back while it is open. */
    async withdraw(caller: Caller, id: string, input: z.infer<typeof withdrawRequest>) {
      requireReader(caller);
      await findVisible(db, caller, id);
      return db.transaction(async (tx) => {
        const row = (await repo.findDispute(tx, id, visible(caller)))!;
        if (row.raisedBy !== actorName(caller.principal)) throw disputesErrors.notWithdrawer();
        return detail(tx, await step(tx, caller, row, 'withdraw', input.version, {}, {}));
      });
    },

    async statistics(caller: Caller, query: z.infer<typeof statisticsQuery>) {
      requirePermission(caller.principal, 'disputes.read');
      const s = await repo.statistics(db, { visible: visible(caller), from: new Date(`${query.from}T00:00:00+08:00`), to: new Date(`${query.to}T00:00:00+08:00`) });
      const figures = (r: { disputes: number; decided: string; upheld: string; disputedFen: string; creditedFen: string; currency: string }) => {
        const decided = Number(r.decided);
        const upheld = Number(r.upheld);
        // A share of decided disputes, to three places; null while none is decided.
        return { disputes: Number(r.disputes), decided, upheld, upheldShare: decided ? Math.round((upheld / decided) * 1000) / 1000 : null, disputedFen: Number(r.disputedFen), creditedFen: Number(r.creditedFen), currency: r.currency };
      };
      return {
        byProvider: s.byProvider.map((r) => ({ providerId: r.providerId, name: r.name, nameEn: r.nameEn, ...figures(r) })),
        byReason: s.byReason.map((r) => ({ reason: r.reason as DisputeReason, reasonName: reasonNames[r.reason as DisputeReason], ...figures(r) })),
      };
    },
  };
}

export type DisputesService = ReturnType<typeof createDisputesService>;

// Payments taken for an order (partial payments, refunds as negative payments with a reason), who
// holds the money, the balance due, and the itemised receipt (JSON, and a printable zh/en page
// reached through a signed link sent by SMS). The sums are fees.quotes.rules.ts buildReceipt.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { notFound } from '../../shared/errors.js';
import { formatMoney, money, type Money } from '../../shared/money.js';
import { newId } from '../../shared/ids.js';
import { enqueueMessage } from '../notifications/index.js';
import { findOrder, type WorkOrdersService } from '../work-orders/index.js';
import * as feeRepo from './fees.repo.js';
import * as repo from './fees.quotes.repo.js';
import { paymentErrors, quoteErrors } from './fees.quotes.errors.js';
import { readLink, signLink } from './fees.links.js';
import { mayHandleMoney } from './fees.quotes.js';
import { buildReceipt, paymentMethodNames, paymentProblem, type collectors, type PaymentMethod, type Receipt } from './fees.quotes.rules.js';
import type { recordPaymentRequest } from './fees.quotes.contract.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type RefundSource = { kind: 'dispute' | 'return_case' | 'complaint'; id: string };
/**
 * Refunds that are not a correction of the visit's charges, so outside the order's fee balance: a
 * returned unit's refund (the unit's money) and a complaint's compensation paid as money.
 */
const outsideBalance = (kind: string | null) => kind === 'return_case' || kind === 'complaint';
/** What recordRefund needs: `paidBackBy` is who gives the money back (the provider, its technician, or the maker). */
export type RefundInput = {
  orderId: string;
  amount: Money;
  reason: string;
  source: RefundSource;
  method: PaymentMethod;
  reference?: string | null;
  paidBackBy: (typeof collectors)[number];
  idempotencyKey: string;
};

export type PaymentsDeps = { db: Db; clock: Clock; audit: AuditFn; workOrders: WorkOrdersService; linkKey: string; publicUrl: string };

export const receiptLinkTtlMs = 30 * 86_400_000;

export function createPaymentsService(deps: PaymentsDeps) {
  const { db, clock } = deps;
  const paymentView = (p: repo.PaymentRow) => ({
    id: p.id,
    amountFen: p.amountFen,
    currency: p.currency,
    method: p.method,
    methodZh: paymentMethodNames[p.method].zh,
    methodEn: paymentMethodNames[p.method].en,
    reference: p.reference,
    collectedBy: p.collectedByKind,
    collectedById: p.collectedById,
    reason: p.reason,
    source: p.sourceKind && p.sourceId ? { kind: p.sourceKind, id: p.sourceId } : null,
    createdAt: p.createdAt.toISOString(),
    createdBy: p.createdBy,
  });

  async function receiptOf(q: Db | Tx, orderId: string) {
    const o = await findOrder(q, orderId);
    if (!o) throw notFound('work_order', orderId);
    const lines = await feeRepo.activeLines(q, [orderId]);
    const payments = await repo.paymentsOf(q, orderId);
    // A returned unit's refund is listed, but it is the unit's money, not the visit's: outside the order's fee balance.
    return { order: o, payments, receipt: buildReceipt(lines, payments.filter((p) => !outsideBalance(p.sourceKind))) };
  }
  /**
   * What a complaint's compensation may still give back on an order: what the customer paid for it
   * net of every refund (fee refunds and earlier compensation), never money they did not pay.
   */
  const compensationRoom = (payments: readonly repo.PaymentRow[], receipt: Receipt) =>
    receipt.collectedFen + payments.filter((p) => p.sourceKind === 'complaint').reduce((n, p) => n + p.amountFen, 0);
  const sums = (r: Receipt) => ({ linesFen: r.linesFen, creditsFen: r.creditsFen, totalFen: r.totalFen, paidFen: r.paidFen, refundedFen: r.refundedFen, collectedFen: r.collectedFen, balanceFen: r.balanceFen, currency: r.currency });

  const hashOf = (orderId: string, input: z.infer<typeof recordPaymentRequest>, source: RefundSource | null) =>
    createHash('sha256').update(JSON.stringify([orderId, input.amountFen, input.currency, input.method, input.reference ?? null, input.collectedBy, input.reason ?? null, ...(source ? [source.kind, source.id] : [])])).digest('hex');

  /** Records a payment or refund once per idempotency key, in the caller's transaction; a retry answers the payment already recorded. */
  async function recordIn(tx: Tx, caller: Caller, orderId: string, input: z.infer<typeof recordPaymentRequest>, source: RefundSource | null) {
    const actor = actorName(caller.principal);
    const requestHash = hashOf(orderId, input, source);
    // One money change per order at a time: the balance read below is still so when the payment is written.
    await repo.lockOrderMoney(tx, orderId);
    const earlier = await repo.paymentByKey(tx, orderId, input.idempotencyKey);
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw paymentErrors.keyReused();
      const { payments, receipt } = await receiptOf(tx, orderId);
      return { orderId, paymentId: earlier.id, items: payments.map(paymentView), ...sums(receipt), replayed: true };
    }
    const { order, payments, receipt } = await receiptOf(tx, orderId);
    const problem =
      source?.kind === 'return_case'
        ? null
        : source?.kind === 'complaint'
          ? paymentProblem(0, compensationRoom(payments, receipt), input.amountFen, input.reason ?? null)
          : paymentProblem(receipt.totalFen, receipt.paidFen - receipt.refundedFen, input.amountFen, input.reason ?? null);
    if (problem) throw paymentErrors.problem(problem);
    const collectedById = input.collectedBy === 'technician' ? order.technicianId : input.collectedBy === 'provider' ? order.providerId : null;
    if (input.collectedBy !== 'maker' && !collectedById) throw paymentErrors.collector();
    const made = await repo.insertPayment(tx, {
      id: newId(),
      orderId,
      amountFen: input.amountFen,
      currency: input.currency,
      method: input.method,
      reference: input.reference ?? null,
      collectedByKind: input.collectedBy,
      collectedById,
      reason: input.reason ?? null,
      sourceKind: source?.kind ?? null,
      sourceId: source?.id ?? null,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      createdAt: clock.now(),
      createdBy: actor,
    });
    if (!made) throw paymentErrors.keyReused();
    await deps.audit(tx, { caller, action: input.amountFen < 0 ? 'fees.refund_recorded' : 'fees.payment_recorded', subjectKind: 'work_order', subjectId: orderId, details: { paymentId: made.id, amountFen: made.amountFen, method: made.method, reference: made.reference, collectedBy: made.collectedByKind, collectedById, reason: made.reason, source } });
    const after = await receiptOf(tx, orderId);
    return { orderId, paymentId: made.id, items: after.payments.map(paymentView), ...sums(after.receipt), replayed: false };
  }

  return {
    async list(caller: Caller, orderId: string) {
      await deps.workOrders.get(caller, orderId);
      const { payments, receipt } = await receiptOf(db, orderId);
      return { orderId, items: payments.map(paymentView), ...sums(receipt) };
    },

    /** Records a payment or refund once per idempotency key: a retry answers the payment already recorded. */
    async record(caller: Caller, orderId: string, input: z.infer<typeof recordPaymentRequest>) {
      mayHandleMoney(caller);
      await deps.workOrders.get(caller, orderId);
      money(input.amountFen, input.currency);
      const { paymentId: _, ...answer } = await db.transaction((tx) => recordIn(tx, caller, orderId, input, null));
      return answer;
    },

    /**
     * A refund caused by something (a dispute upheld, a return case decided): a negative payment on
     * the order with its reason and source. `amount` is what is given back (positive). Never more than
     * was paid on the order net of earlier refunds (422 `payment_refused`, path amountFen); one refund
     * at a time per order, so two that together exceed what was paid leave one recorded. Given `tx`,
     * it runs inside the caller's transaction and the caller has checked the order is theirs to see.
     */
    async recordRefund(caller: Caller, r: RefundInput, tx?: Tx) {
      // A return case's refund was allowed by the returns module's own permission (executing the decision),
      // a complaint's by complaints.compensate.
      if (r.source.kind === 'dispute') mayHandleMoney(caller);
      if (r.amount.amountFen <= 0) throw paymentErrors.problem({ path: 'amountFen', en: 'a refund gives back more than nothing', zh: '退款金额须大于 0' });
      if (!tx) await deps.workOrders.get(caller, r.orderId);
      const input = { idempotencyKey: r.idempotencyKey, amountFen: -r.amount.amountFen, currency: r.amount.currency as 'CNY', method: r.method, reference: r.reference ?? undefined, collectedBy: r.paidBackBy, reason: r.reason };
      return tx ? recordIn(tx, caller, r.orderId, input, r.source) : db.transaction((t) => recordIn(t, caller, r.orderId, input, r.source));
    },

    /** What a complaint's refund may still give back on the order (in the caller's transaction). */
    async compensationRoom(q: Db | Tx, orderId: string) {
      const { payments, receipt } = await receiptOf(q, orderId);
      return compensationRoom(payments, receipt);
    },

    /** The payment recorded under this idempotency key, if any. */
    byKey: (q: Queryable, orderId: string, key: string) => repo.paymentByKey(q, orderId, key),

    /** The refunds recorded for these sources of one kind, by source id (amounts positive: what was given back). */
    async refundsFor(q: Queryable, kind: RefundSource['kind'], ids: string[]) {
      const by = new Map<string, { paymentId: string; amountFen: number; currency: string; method: PaymentMethod; methodZh: string; methodEn: string; reference: string | null; at: string }[]>();
      for (const p of await repo.refundsBySource(q, kind, ids)) {
        const list = by.get(p.sourceId!) ?? [];
        list.push({ paymentId: p.id, amountFen: -p.amountFen, currency: p.currency, method: p.method, methodZh: paymentMethodNames[p.method].zh, methodEn: paymentMethodNames[p.method].en, reference: p.reference, at: p.createdAt.toISOString() });
        by.set(p.sourceId!, list);
      }
      return by;
    },

    async receipt(caller: Caller, orderId: string) {
      await deps.workOrders.get(caller, orderId);
      const { order, payments, receipt } = await receiptOf(db, orderId);
      return { orderId, orderNumber: order.number, lines: receipt.lines, payments: payments.map(paymentView), ...sums(receipt) };
    },

    /** Sends the customer a link to their receipt (30 days, readable without signing in). */
    async sendReceipt(caller: Caller, orderId: string) {
      mayHandleMoney(caller);
      await deps.workOrders.get(caller, orderId);
      return db.transaction(async (tx) => {
        const { order, receipt } = await receiptOf(tx, orderId);
        if (!order.contactPhone) throw paymentErrors.noPhone();
        const exp = clock.now().getTime() + receiptLinkTtlMs;
        const url = `${deps.publicUrl.replace(/\/$/, '')}/receipt-links/${signLink(deps.linkKey, { k: 'receipt', id: orderId, n: 'r', exp })}`;
        const total = formatMoney(money(receipt.totalFen));
        await enqueueMessage(tx, clock, {
          channel: 'sms',
          recipient: order.contactPhone,
          customerId: order.customerId,
          template: 'receipt_link',
          bodyZh: `【售后服务】工单 ${order.number} 的收费明细（合计 ${total}）：${url}`,
          bodyEn: `[Aftercare] The receipt for order ${order.number} (total ${total}): ${url}`,
          subject: { kind: 'work_order', id: orderId },
        });
        await deps.audit(tx, { caller, action: 'fees.receipt_sent', subjectKind: 'work_order', subjectId: orderId, details: { expiresAt: new Date(exp).toISOString() } });
        return { sent: true, expiresAt: new Date(exp).toISOString() };
      });
    },

    /** The printable receipt page of a signed link: zh and en side by side, no staff names. */
    async receiptPage(token: string): Promise<string> {
      const read = readLink(deps.linkKey, token, clock.now().getTime());
      if (!read.ok) throw quoteErrors.linkBad(read.why);
      if (read.payload.k !== 'receipt') throw quoteErrors.linkBad('tampered');
      const { order, payments, receipt } = await receiptOf(db, read.payload.id);
      const quote = await repo.latestQuote(db, order.id);
      const signed = quote?.status === 'accepted' ? { name: quote.signedName, image: quote.signature } : null;
      return receiptHtml(order.number, receipt, payments, signed);
    },
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (fen: number) => esc(formatMoney(money(fen)));

/** A self-contained printable page (no scripts, no outside files). */
export function receiptHtml(orderNumber: string, r: Receipt, payments: readonly repo.PaymentRow[], signed: { name: string | null; image: string | null } | null = null): string {
  // The image was checked as a PNG data URL when it was stored: nothing else reaches the src attribute.
  const signature = signed && (signed.name || signed.image)
    ? `<h2>客户确认 / Accepted by the customer</h2><p>${esc(signed.name ?? '')}</p>${signed.image && signed.image.startsWith('data:image/png;base64,') ? `<img id="signature" alt="签名 Signature" src="${esc(signed.image)}" style="max-width:20rem;border:1px solid #ccc">` : ''}`
    : '';
  const rows = r.lines.map((l) => `<tr><td>${esc(l.nameZh)}<br><small>${esc(l.nameEn)}</small></td><td class="n">${l.quantity}</td><td class="n">${yuan(l.unitFen)}</td><td class="n">${yuan(l.amountFen)}</td></tr>`).join('');
  const kindOf = (p: repo.PaymentRow) =>
    p.amountFen >= 0 ? '付款 Payment' : p.sourceKind === 'dispute' ? '退款（费用争议）Refund (fee dispute)' : p.sourceKind === 'return_case' ? '退款（退换货）Refund (return)' : p.sourceKind === 'complaint' ? '退款（投诉补偿）Refund (complaint)' : '退款 Refund';
  const paid = payments.map((p) => `<tr><td>${esc(p.createdAt.toISOString().slice(0, 10))}</td><td>${esc(kindOf(p))}: ${esc(paymentMethodNames[p.method].zh)} / ${esc(paymentMethodNames[p.method].en)}${p.reason ? ` — ${esc(p.reason)}` : ''}</td><td>${esc(p.reference ?? '')}</td><td class="n">${yuan(p.amountFen)}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>收费明细 Receipt ${esc(orderNumber)}</title>
<style>body{font-family:sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem}table{width:100%;border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}.n{text-align:right}@media print{button{display:none}}</style></head>
<body><h1>收费明细 / Receipt</h1><p>工单 Order: <b>${esc(orderNumber)}</b></p>
<table><thead><tr><th>项目 Item</th><th class="n">数量 Qty</th><th class="n">单价 Unit</th><th class="n">金额 Amount</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><th colspan="3">项目合计 Items</th><th class="n" id="lines">${yuan(r.linesFen)}</th></tr><tr><th colspan="3">退还冲减 Credits</th><th class="n" id="credits">−${yuan(r.creditsFen)}</th></tr><tr><th colspan="3">合计 Total</th><th class="n" id="total">${yuan(r.totalFen)}</th></tr></tfoot></table>
<h2>付款 / Payments</h2><table><tbody>${paid || '<tr><td>暂无付款 / No payments yet</td></tr>'}</tbody></table>
<p>已付 Paid: ${yuan(r.paidFen)} · 已退 Refunded: ${yuan(r.refundedFen)} · 实收 Collected: <span id="collected">${yuan(r.collectedFen)}</span> · <b>应付余额 Balance due: <span id="balance">${yuan(r.balanceFen)}</span></b></p>
${signature}
<button onclick="print()">打印 Print</button></body></html>`;
}
export type PaymentsService = ReturnType<typeof createPaymentsService>;

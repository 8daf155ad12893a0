import { z } from '@hono/zod-openapi';
import { isoDate, rowVersion } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { currencies, fenAmount } from '../../shared/money.js';
import { disputeReasons, disputeStatuses, outcomes } from './disputes.rules.js';
import { collectorEnum, paymentMethodEnum } from '../fees/fees.quotes.contract.js';

const version = rowVersion;

export const raiseRequest = z
  .object({
    lineId: z.string().uuid().openapi({ description: 'the fee line disputed (GET /work-orders/{id}/disputable-fees)' }),
    reason: z.enum(disputeReasons),
    text: z.string().trim().min(1).max(2000).openapi({ description: 'what is wrong with the charge, in the words of whoever disputes it' }),
    photoIds: z.array(z.string().uuid()).max(10).default([]).openapi({ description: "evidence: photos in the order's photo storage" }),
  })
  .openapi('FeeDisputeRaise');
export const reviewRequest = z
  .object({
    version,
    outcome: z.enum(outcomes),
    amount: z.object({ amountFen: fenAmount, currency: z.enum(currencies) }).optional().openapi({ description: 'the credit of a partly upheld dispute (an upheld one credits the whole line)' }),
    reason: z.string().trim().min(1).max(1000).openapi({ description: 'why; the customer reads it' }),
    staffNote: z.string().trim().min(1).max(2000).optional().openapi({ description: 'for staff only; never shown to the customer' }),
  })
  .openapi('FeeDisputeReview');
export const refundRequest = z
  .object({
    idempotencyKey: z.string().trim().min(8).max(100).openapi({ description: 'the same key on a retry never records twice' }),
    amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().openapi({ description: 'what is given back (positive); by default what the dispute credited less earlier refunds of it' }),
    method: paymentMethodEnum,
    reference: z.string().trim().min(1).max(100).optional().openapi({ description: 'the transaction or slip number (required but for cash)' }),
    paidBackBy: collectorEnum.openapi({ description: "who gives the money back: the order's provider, its technician, or the maker" }),
    reason: z.string().trim().min(1).max(500).optional().openapi({ description: 'the refund’s words on the receipt; by default the dispute and the line' }),
  })
  .refine((p) => p.method === 'cash' || !!p.reference, { path: ['reference'], message: 'required unless paid in cash' })
  .openapi('FeeDisputeRefund');
export const withdrawRequest = z.object({ version }).openapi('FeeDisputeWithdraw');
export const listQuery = pageQuery.extend({ status: z.enum(disputeStatuses).optional(), orderId: z.string().uuid().optional() });
export const statisticsQuery = z.object({ from: isoDate, to: isoDate }).refine((q) => q.from < q.to, { path: ['to'], message: 'must be after from / 须晚于开始日期' });

const words = z.object({ zh: z.string(), en: z.string() });
const moneyView = z.object({ amountFen: z.number().int(), currency: z.string() });

export const disputeView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    lineId: z.string(),
    line: z.object({ nameZh: z.string(), nameEn: z.string(), amountFen: z.number().int(), currency: z.string(), payer: z.string() }),
    providerId: z.string().nullable(),
    raisedByKind: z.enum(['customer', 'provider']),
    raisedBy: z.string(),
    reason: z.enum(disputeReasons),
    reasonName: words,
    text: z.string(),
    photoIds: z.array(z.string()),
    disputed: moneyView,
    status: z.enum(disputeStatuses),
    statusName: words,
    dueAt: z.string(),
    overdue: z.boolean(),
    /** The credit the outcome gave: the refund owed to the line's payer. */
    credit: moneyView.nullable(),
    refundOwedTo: z.string().nullable(),
    creditLineId: z.string().nullable(),
    /** What was given back so far (negative payments on the order linked to this dispute). */
    refunded: moneyView,
    refunds: z.array(z.object({ paymentId: z.string(), amountFen: z.number().int(), currency: z.string(), method: paymentMethodEnum, methodZh: z.string(), methodEn: z.string(), reference: z.string().nullable(), at: z.string() })),
    evidence: z.array(z.object({ id: z.string(), contentType: z.string(), bytes: z.number().int(), sha256: z.string(), uploadedByKind: z.enum(['customer', 'provider']), uploadedBy: z.string(), uploadedAt: z.string() })),
    outcomeReason: z.string().nullable(),
    staffNote: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('FeeDispute');
export const disputeDetailView = disputeView
  .extend({ history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), details: z.record(z.string(), z.unknown()) })) })
  .openapi('FeeDisputeDetail');
export type DisputeView = z.infer<typeof disputeView>;

export const disputableFeesView = z
  .object({
    items: z.array(
      z.object({ lineId: z.string(), nameZh: z.string(), nameEn: z.string(), amountFen: z.number().int(), currency: z.string(), payer: z.string(), disputableFen: z.number().int(), openDisputeId: z.string().nullable() }),
    ),
  })
  .openapi('DisputableFees');

const statisticsRow = z.object({ disputes: z.number().int(), decided: z.number().int(), upheld: z.number().int(), upheldShare: z.number().nullable(), disputedFen: z.number().int(), creditedFen: z.number().int(), currency: z.string() });
export const statisticsView = z
  .object({
    byProvider: z.array(statisticsRow.extend({ providerId: z.string().nullable(), name: z.string().nullable(), nameEn: z.string().nullable() })),
    byReason: z.array(statisticsRow.extend({ reason: z.enum(disputeReasons), reasonName: words })),
  })
  .openapi('FeeDisputeStatistics');

// The customer's view: their disputes in plain words, no staff names, no internal ids beyond their own records.
export const customerDisputeView = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  lineId: z.string(),
  lineZh: z.string(),
  lineEn: z.string(),
  reasonZh: z.string(),
  reasonEn: z.string(),
  text: z.string(),
  disputed: z.strictObject({ amountFen: z.number().int(), currency: z.string() }),
  status: z.enum(disputeStatuses),
  statusZh: z.string(),
  statusEn: z.string(),
  answerBy: z.string(),
  refund: z.strictObject({ amountFen: z.number().int(), currency: z.string() }).nullable(),
  refunded: z.strictObject({ amountFen: z.number().int(), currency: z.string() }),
  evidence: z.array(z.strictObject({ id: z.string(), contentType: z.string(), bytes: z.number().int(), uploadedAt: z.string() })),
  /** The dispute's story in plain words, oldest first. */
  timeline: z.array(z.strictObject({ at: z.string(), zh: z.string(), en: z.string() })),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  raisedAt: z.string(),
  version: z.number().int(),
});
export const customerDisputesView = z.strictObject({ items: z.array(customerDisputeView), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export function toCustomerDispute(d: DisputeView): z.infer<typeof customerDisputeView> {
  return {
    id: d.id,
    orderId: d.orderId,
    lineId: d.lineId,
    lineZh: d.line.nameZh,
    lineEn: d.line.nameEn,
    reasonZh: d.reasonName.zh,
    reasonEn: d.reasonName.en,
    text: d.text,
    disputed: { amountFen: d.disputed.amountFen, currency: d.disputed.currency },
    status: d.status,
    statusZh: d.statusName.zh,
    statusEn: d.statusName.en,
    answerBy: d.dueAt,
    // The customer is owed a refund only of a line they pay.
    refund: d.credit && d.refundOwedTo === 'customer' ? { amountFen: d.credit.amountFen, currency: d.credit.currency } : null,
    refunded: { amountFen: d.refunded.amountFen, currency: d.refunded.currency },
    evidence: d.evidence.map((e) => ({ id: e.id, contentType: e.contentType, bytes: e.bytes, uploadedAt: e.uploadedAt })),
    timeline: customerDisputeTimeline(d),
    answer: d.outcomeReason,
    answeredAt: d.reviewedAt,
    raisedAt: d.createdAt,
    version: d.version,
  };
}
export const customerDisputableFeesView = z.strictObject({
  items: z.array(z.strictObject({ lineId: z.string(), nameZh: z.string(), nameEn: z.string(), amountFen: z.number().int(), currency: z.string(), payer: z.string(), disputableFen: z.number().int(), openDisputeId: z.string().nullable() })),
});
export function toCustomerDisputableFees(v: z.infer<typeof disputableFeesView>): z.infer<typeof customerDisputableFeesView> {
  return { items: v.items.map((l) => ({ lineId: l.lineId, nameZh: l.nameZh, nameEn: l.nameEn, amountFen: l.amountFen, currency: l.currency, payer: l.payer, disputableFen: l.disputableFen, openDisputeId: l.openDisputeId })) };
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** What happened to a dispute, in the customer's plain words: raised, answered, each refund. No staff names or notes. */
export function customerDisputeTimeline(d: DisputeView): { at: string; zh: string; en: string }[] {
  const out = [{ at: d.createdAt, zh: `您对「${d.line.nameZh}」提出了费用异议（${yuan(d.disputed.amountFen)}）`, en: `You disputed the charge "${d.line.nameEn}" (${yuan(d.disputed.amountFen)})` }];
  if (d.reviewedAt) {
    const credit = d.credit?.amountFen ?? 0;
    out.push(
      d.status === 'rejected'
        ? { at: d.reviewedAt, zh: '审核结果：异议不成立', en: 'Answer: the dispute was not upheld' }
        : { at: d.reviewedAt, zh: `审核结果：异议${d.status === 'upheld' ? '成立' : '部分成立'}，${yuan(credit)} 从费用中扣减`, en: `Answer: the dispute was ${d.status === 'upheld' ? 'upheld' : 'partly upheld'}; ${yuan(credit)} is taken off the charge` },
    );
  }
  for (const r of d.refunds) out.push({ at: r.at, zh: `已通过${r.methodZh}退还 ${yuan(r.amountFen)}`, en: `${yuan(r.amountFen)} refunded to you by ${r.methodEn}` });
  if (d.status === 'withdrawn') out.push({ at: d.reviewedAt ?? d.createdAt, zh: '您已撤回异议', en: 'You withdrew the dispute' });
  return out;
}

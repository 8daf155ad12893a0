import { z } from '@hono/zod-openapi';
import { isoDate } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import { currencies, fenAmount } from '../../shared/money.js';
import { disputeReasons, disputeStatuses, outcomes } from './disputes.rules.js';

const version = z.number().int().positive();

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
  })
  .openapi('FeeDisputeReview');
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
    outcomeReason: z.string().nullable(),
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
    byProvider: z.array(statisticsRow.extend({ providerId: z.string().nullable(), name: z.string().nullable() })),
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

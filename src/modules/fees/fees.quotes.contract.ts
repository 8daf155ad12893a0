import { z } from '@hono/zod-openapi';
import { signatureImage } from '../../shared/signature.js';
import { fenAmount, currencies } from '../../shared/money.js';
import { collectors, paymentMethods, quoteStatuses } from './fees.quotes.rules.js';
import { jobModes, payers } from './fees.rules.js';

// For other modules' contracts (a dispute's refund names its method and who pays it back).
export const paymentMethodEnum = z.enum(paymentMethods);
export const collectorEnum = z.enum(collectors);

const words = z.string().trim().min(1).max(80);
const code = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _');
const quantity = z.number().int().min(1).max(1000);

export const createQuoteRequest = z
  .object({
    jobMode: z.enum(jobModes).openapi({ description: 'the planned job (part swap, adjustment, …): priced as completion will price it' }),
    extras: z.array(z.object({ code, quantity })).max(50).default([]),
    parts: z.array(z.object({ nameZh: words, nameEn: words, priceFen: fenAmount, quantity })).max(50).default([]),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('QuoteInput');
export const offerQuoteRequest = z.object({ sendSms: z.boolean().default(false).openapi({ description: 'send the customer a signed link by SMS (72 h, single use)' }) });
/** On the technician's phone or at the desk the customer signs: their typed name and the confirmation. In the portal neither is needed. */
export const acceptQuoteRequest = z.object({
  signedName: z.string().trim().min(1).max(40).optional(),
  confirmed: z.boolean().optional(),
  signature: signatureImage.optional().openapi({ description: "the customer's drawn signature on the technician's phone (PNG data URL, at most 100 KB)" }),
});
export const refuseQuoteRequest = z.object({ reason: z.string().trim().min(1).max(500).optional() });
export const linkDecisionRequest = z.object({ signedName: z.string().trim().min(1).max(40).optional(), reason: z.string().trim().min(1).max(500).optional() });

const quoteLine = z.object({ kind: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), quantity: z.number().int(), unitFen: z.number().int(), amountFen: z.number().int(), payer: z.enum(payers), rule: z.string(), reasonZh: z.string(), reasonEn: z.string() });
export const quoteView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    number: z.number().int(),
    status: z.enum(quoteStatuses),
    jobMode: z.string(),
    priceVersionId: z.string().nullable(),
    lines: z.array(quoteLine),
    customerFen: z.number().int(),
    currency: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    offeredAt: z.string().nullable(),
    linkExpiresAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    channel: z.string().nullable(),
    signedName: z.string().nullable(),
    signature: z.string().nullable().openapi({ description: "the customer's drawn signature (PNG data URL), when they signed on the phone" }),
    refusedReason: z.string().nullable(),
  })
  .openapi('Quote');

/** What a customer sees of a quote (portal and the link page): no staff, no rule codes. */
export const customerQuoteView = z
  .strictObject({
    id: z.string(),
    orderNumber: z.string(),
    number: z.number().int(),
    status: z.enum(quoteStatuses),
    lines: z.array(z.strictObject({ nameZh: z.string(), nameEn: z.string(), quantity: z.number().int(), unitFen: z.number().int(), amountFen: z.number().int(), payer: z.enum(payers), payerZh: z.string(), payerEn: z.string(), reasonZh: z.string(), reasonEn: z.string() })),
    customerFen: z.number().int(),
    currency: z.string(),
    decidedAt: z.string().nullable(),
    signedName: z.string().nullable(),
  })
  .openapi('CustomerQuote');
export const linkQuoteView = customerQuoteView.extend({ expiresAt: z.string().nullable() }).openapi('LinkQuote');
export const quoteListView = z.object({ items: z.array(z.union([quoteView, customerQuoteView])), history: z.array(z.object({ quoteId: z.string(), at: z.string(), actor: z.string(), action: z.string(), changes: z.record(z.string(), z.unknown()) })) });
export const customerQuoteListView = z.strictObject({ items: z.array(customerQuoteView), history: z.array(z.never()) });
export const toCustomerQuoteList = (v: z.infer<typeof quoteListView>) => ({ items: v.items.map(toCustomerQuote), history: [] as never[] });
export function toCustomerQuote(q: z.infer<typeof quoteView> | z.infer<typeof customerQuoteView>): z.infer<typeof customerQuoteView> {
  if ('orderNumber' in q) return q;
  throw new Error('a staff quote view is never shown to a customer');
}

// Payments and receipts

export const recordPaymentRequest = z
  .object({
    idempotencyKey: z.string().trim().min(8).max(100).openapi({ description: 'the same key on a retry never records twice' }),
    amountFen: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).openapi({ description: 'fen; a refund is negative' }),
    currency: z.enum(currencies).default('CNY'),
    method: z.enum(paymentMethods),
    reference: z.string().trim().min(1).max(100).optional().openapi({ description: 'the transaction or slip number (required but for cash)' }),
    collectedBy: z.enum(collectors).openapi({ description: "who holds the money: the order's provider, its technician, or the maker" }),
    reason: z.string().trim().min(1).max(500).optional().openapi({ description: 'required for a refund' }),
  })
  .refine((p) => p.method === 'cash' || !!p.reference, { path: ['reference'], message: 'required unless paid in cash' })
  .openapi('PaymentInput');

/** How money changes hands (for other modules' contracts: a return case's refund). */
export const paymentMethodSchema = z.enum(paymentMethods);

export const paymentView = z.object({
  id: z.string(),
  amountFen: z.number().int(),
  currency: z.string(),
  method: z.enum(paymentMethods),
  methodZh: z.string(),
  methodEn: z.string(),
  reference: z.string().nullable(),
  collectedBy: z.enum(collectors),
  collectedById: z.string().nullable(),
  reason: z.string().nullable(),
  source: z.object({ kind: z.enum(['dispute', 'return_case', 'complaint']), id: z.string() }).nullable().openapi({ description: 'what caused a refund' }),
  createdAt: z.string(),
  createdBy: z.string(),
});
const receiptLine = z.strictObject({ nameZh: z.string(), nameEn: z.string(), quantity: z.number().int(), unitFen: z.number().int(), amountFen: z.number().int(), credit: z.boolean() });
// linesFen − creditsFen = totalFen; paidFen − refundedFen = collectedFen; totalFen − collectedFen = balanceFen.
const receiptSums = { linesFen: z.number().int(), creditsFen: z.number().int(), totalFen: z.number().int(), paidFen: z.number().int(), refundedFen: z.number().int(), collectedFen: z.number().int(), balanceFen: z.number().int(), currency: z.string() };
export const paymentsView = z.object({ orderId: z.string(), items: z.array(paymentView), ...receiptSums, replayed: z.boolean().optional() }).openapi('OrderPayments');
export const receiptView = z.object({ orderId: z.string(), orderNumber: z.string(), lines: z.array(receiptLine), payments: z.array(paymentView), ...receiptSums }).openapi('Receipt');
export const customerReceiptView = z.strictObject({
  orderNumber: z.string(),
  lines: z.array(receiptLine),
  payments: z.array(z.strictObject({ amountFen: z.number().int(), currency: z.string(), methodZh: z.string(), methodEn: z.string(), reference: z.string().nullable(), reason: z.string().nullable(), refund: z.boolean(), cause: z.enum(['dispute', 'return_case', 'complaint']).nullable(), at: z.string() })),
  ...receiptSums,
});
export function toCustomerReceipt(r: z.infer<typeof receiptView>): z.infer<typeof customerReceiptView> {
  return {
    orderNumber: r.orderNumber,
    lines: r.lines.map((l) => ({ nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, unitFen: l.unitFen, amountFen: l.amountFen, credit: l.credit })),
    payments: r.payments.map((p) => ({ amountFen: p.amountFen, currency: p.currency, methodZh: p.methodZh, methodEn: p.methodEn, reference: p.reference, reason: p.reason, refund: p.amountFen < 0, cause: p.source?.kind ?? null, at: p.createdAt })),
    linesFen: r.linesFen,
    creditsFen: r.creditsFen,
    totalFen: r.totalFen,
    paidFen: r.paidFen,
    refundedFen: r.refundedFen,
    collectedFen: r.collectedFen,
    balanceFen: r.balanceFen,
    currency: r.currency,
  };
}

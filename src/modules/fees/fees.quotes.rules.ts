/**
 * Quotes, receipts and payments: pure rules (no I/O, no clock). Money is integer fen.
 *
 * - A quote goes draft → offered → accepted | refused, and any of draft, offered or accepted →
 *   superseded when a changed quote is offered (a change on site needs a new acceptance).
 * - Work on an order that has a customer-paid line is completed only under an accepted quote; a
 *   refused quote ends the visit as an inspection (priced only if the list has an inspection row).
 * - Balance due = the customer's lines − payments (refunds are negative payments).
 * - A receipt lists the customer's lines; its total is always the sum of its lines.
 */
export const quoteStatuses = ['draft', 'offered', 'accepted', 'refused', 'superseded'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];
export const quoteActions = ['offer', 'accept', 'refuse', 'supersede'] as const;
export type QuoteAction = (typeof quoteActions)[number];

const moves: Record<QuoteAction, { from: readonly QuoteStatus[]; to: QuoteStatus }> = {
  offer: { from: ['draft'], to: 'offered' },
  accept: { from: ['offered'], to: 'accepted' },
  refuse: { from: ['offered'], to: 'refused' },
  supersede: { from: ['draft', 'offered', 'accepted'], to: 'superseded' },
};

/** The status after `action`, or null when the quote's status does not allow it. */
export function quoteStep(status: QuoteStatus, action: QuoteAction): QuoteStatus | null {
  const m = moves[action];
  return m.from.includes(status) ? m.to : null;
}

export const quoteStatusNames: Record<QuoteStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  offered: { zh: '待客户确认', en: 'Offered' },
  accepted: { zh: '客户已接受', en: 'Accepted' },
  refused: { zh: '客户已拒绝', en: 'Refused' },
  superseded: { zh: '已被新报价取代', en: 'Superseded' },
};

/** What completion needs from the quotes: none needed, go ahead under one, or refused. */
export type CompletionVerdict = { ok: true; jobMode: string | null; quoteId: string | null } | { ok: false; quoteId: string | null; status: QuoteStatus | null };

/**
 * `latest`: the order's newest quote that is not superseded. `customerFen`: what the customer would
 * pay for the work as it would now be priced.
 */
export function completionVerdict(latest: { id: string; status: QuoteStatus; jobMode: string } | null, customerFen: number): CompletionVerdict {
  if (latest?.status === 'accepted') return { ok: true, jobMode: latest.jobMode, quoteId: latest.id };
  if (latest?.status === 'refused') return { ok: true, jobMode: 'inspection', quoteId: latest.id };
  if (customerFen <= 0) return { ok: true, jobMode: null, quoteId: null };
  return { ok: false, quoteId: latest?.id ?? null, status: latest?.status ?? null };
}

// ---------------------------------------------------------------------------------------
// Payments and receipts

export const paymentMethods = ['cash', 'wechat_pay', 'alipay', 'bank_transfer', 'card'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentMethodNames: Record<PaymentMethod, { zh: string; en: string }> = {
  cash: { zh: '现金', en: 'Cash' },
  wechat_pay: { zh: '微信支付', en: 'WeChat Pay' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  bank_transfer: { zh: '银行转账', en: 'Bank transfer' },
  card: { zh: '银行卡', en: 'Card' },
};
export const collectors = ['provider', 'maker', 'technician'] as const;

export type PaymentProblem = { path: string; en: string; zh: string } | null;

/**
 * Whether a payment of `amountFen` fits: a payment never takes more than is due, a refund never
 * gives back more than was paid, and a refund says why.
 */
export function paymentProblem(dueFen: number, paidFen: number, amountFen: number, reason: string | null): PaymentProblem {
  if (amountFen === 0) return { path: 'amountFen', en: 'a payment is not zero', zh: '金额不能为 0' };
  if (amountFen > 0 && amountFen > dueFen - paidFen) return { path: 'amountFen', en: `more than the balance due (${dueFen - paidFen} fen)`, zh: `超过应付余额（${dueFen - paidFen} 分）` };
  if (amountFen < 0 && !reason) return { path: 'reason', en: 'a refund needs a reason', zh: '退款须说明原因' };
  if (amountFen < 0 && -amountFen > paidFen) return { path: 'amountFen', en: `a refund of more than was paid (${paidFen} fen)`, zh: `退款超过已付金额（${paidFen} 分）` };
  return null;
}

export type ReceiptLine = { nameZh: string; nameEn: string; quantity: number; unitFen: number; amountFen: number; credit: boolean };
/**
 * linesFen − creditsFen = totalFen (what is due for the work); paidFen − refundedFen = collectedFen;
 * totalFen − collectedFen = balanceFen (negative: more was collected than is due, a refund is owed).
 */
export type Receipt = { lines: ReceiptLine[]; linesFen: number; creditsFen: number; totalFen: number; paidFen: number; refundedFen: number; collectedFen: number; balanceFen: number; currency: 'CNY' };

/** The customer's receipt: their lines and credits, the total, what was paid and refunded, and the balance due. */
export function buildReceipt(lines: readonly { nameZh: string; nameEn: string; quantity: number; unitFen: number; amountFen: number; payer: string }[], payments: readonly { amountFen: number }[]): Receipt {
  const own = lines.filter((l) => l.payer === 'customer').map(({ nameZh, nameEn, quantity, unitFen, amountFen }) => ({ nameZh, nameEn, quantity, unitFen, amountFen, credit: amountFen < 0 }));
  const linesFen = own.filter((l) => !l.credit).reduce((n, l) => n + l.amountFen, 0);
  const creditsFen = -own.filter((l) => l.credit).reduce((n, l) => n + l.amountFen, 0);
  const totalFen = linesFen - creditsFen;
  const paidFen = payments.filter((p) => p.amountFen > 0).reduce((n, p) => n + p.amountFen, 0);
  const refundedFen = -payments.filter((p) => p.amountFen < 0).reduce((n, p) => n + p.amountFen, 0);
  const collectedFen = paidFen - refundedFen;
  return { lines: own, linesFen, creditsFen, totalFen, paidFen, refundedFen, collectedFen, balanceFen: totalFen - collectedFen, currency: 'CNY' };
}

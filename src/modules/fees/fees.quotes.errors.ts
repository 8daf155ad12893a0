import { AppError } from '../../shared/errors.js';
import type { QuoteStatus } from './fees.quotes.rules.js';

const field = (path: string, en: string, zh: string, code = 'validation_failed', status: 400 | 409 | 422 = 400) => new AppError(code, status, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const quoteErrors = {
  notFound: (id: string) => new AppError('quote_not_found', 404, `quote ${id} not found / 未找到报价`, [{ path: 'quoteId', message: 'not found' }]),
  wrongStatus: (status: QuoteStatus, action: string) =>
    new AppError('quote_wrong_status', 409, `A ${status} quote cannot be ${action} / 当前状态（${status}）的报价不能执行此操作`, [{ path: 'quoteId', message: status }]),
  nothingToQuote: () => field('jobMode', 'nothing here is the customer’s to pay: no quote is needed', '没有需由客户承担的费用，无需报价', 'quote_not_needed', 422),
  /** Completion refused: names the quote waiting for the customer (or says none was made). */
  acceptanceNeeded: (quoteId: string | null, status: QuoteStatus | null) =>
    new AppError(
      'quote_not_accepted',
      409,
      quoteId
        ? `The customer pays for this work: quote ${quoteId} is ${status}, not accepted; work goes ahead once it is accepted / 本次维修由客户付费，报价 ${quoteId} 尚未被客户接受（${status}），接受后方可施工`
        : 'The customer pays for this work: make a quote and have it accepted first / 本次维修由客户付费，请先报价并经客户接受',
      [{ path: 'quoteId', message: quoteId ? `quote ${quoteId} is ${status}` : 'no quote', quoteId }],
    ),
  signature: () => field('signedName', 'the customer signs: their name and the confirmation that they accept', '须客户签名：填写客户姓名并确认接受'),
  orderNotOpen: (status: string) => new AppError('quote_order_not_open', 409, `Quotes are made before the work is done (the order is ${status}) / 工单已完工或已关闭，不能再报价（当前：${status}）`, [{ path: 'id', message: status }]),
  noUnitPriced: (problems: { path: string; en: string; zh: string }[]) =>
    new AppError('pricing_problem', 422, `${problems.map((p) => `${p.path}: ${p.en}`).join('; ')} / ${problems.map((p) => p.zh).join('；')}`, problems.map((p) => ({ path: p.path, message: p.en, zh: p.zh }))),
  linkBad: (why: 'tampered' | 'expired' | 'used') =>
    new AppError(
      `link_${why}`,
      why === 'tampered' ? 400 : 409,
      { tampered: 'This link is not valid / 链接无效', expired: 'This link has expired; ask for a new one / 链接已过期，请联系客服重新发送', used: 'This link was used already / 该链接已使用' }[why],
      [{ path: 'token', message: why }],
    ),
};

export const paymentErrors = {
  problem: (p: { path: string; en: string; zh: string }) => field(p.path, p.en, p.zh, 'payment_refused', 422),
  keyReused: () => field('idempotencyKey', 'this key recorded another payment already', '该幂等键已用于另一笔收款', 'idempotency_key_reused', 409),
  collector: () => field('collectedBy.id', 'no such provider or technician for this order', '收款方不存在或与工单无关'),
  noPhone: () => field('contactPhone', 'the order has no contact phone to send the link to', '工单没有联系电话，无法发送链接', 'no_contact_phone', 422),
};

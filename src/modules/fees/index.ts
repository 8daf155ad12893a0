import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './fees.tables.js';
import { feesRoutes } from './fees.routes.js';
import { quotesRoutes } from './fees.quotes.routes.js';
import { randomBytes } from 'node:crypto';
import { createFeesService, type FeesDeps, type FeesService } from './fees.service.js';
import type { RefundInput } from './fees.payments.js';
import type { Caller } from '../../kernel/scopes.js';
import type { Db } from '../../db/database.js';

export { createFeesService, type FeesService } from './fees.service.js';
/** For imports: price items into a list's draft, and the lists' published days (refused). */
export { publishedPriceDays, priceDayKey, type ImportedPriceItem } from './fees.imported.js';
export { areaTypes, jobModes } from './fees.rules.js';
export type { RefundInput, RefundSource } from './fees.payments.js';
export { paymentMethods, paymentMethodNames, collectors } from './fees.quotes.rules.js';
export { mayHandleMoney } from './fees.quotes.js';
export { customerQuoteListView, customerQuoteView, linkQuoteView, customerReceiptView, toCustomerQuoteList, toCustomerQuote, toCustomerReceipt } from './fees.quotes.contract.js';
// For fee disputes: the line disputed (locked) and the credit an upheld dispute writes, in the caller's transaction.
export { lineById as feeLineForUpdate, activeLines as activeFeeLines, addCreditLine, settlementFeeLinesSql, providerCollectedSql, type LineRow as FeeLineRow } from './fees.repo.js';
export { customerOrderFeesView, customerScheduleView, toCustomerOrderFees, toCustomerSchedule } from './fees.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const feesModule = defineModule({
  name: 'fees',
  tables,
  // After dispatch: remote fees are measured on the roads dispatch plans with.
  // Links sent by SMS are signed with the server's secret (a process-local key when none is set: links then die with the process).
  build: (d: Omit<FeesDeps, 'linkKey' | 'publicUrl'> & { options: { secretKey?: string; publicUrl?: string } }) =>
    ({ fees: createFeesService({ ...d, linkKey: `fees-links:${d.options.secretKey ?? randomBytes(32).toString('hex')}`, publicUrl: d.options.publicUrl ?? '' }) }),
  // Prices an order when its work is done.
  followers: ({ fees }): OrderFollower[] => [fees.orderFollower],
  routes: (s) => {
    const r = feesRoutes(s.fees);
    r.route('/', quotesRoutes(s.fees.quotes, s.fees.payments));
    return r;
  },
});

/**
 * A refund as a negative payment on the order, linked to what caused it (for disputes and return
 * cases): `recordRefund(fees, caller, { orderId, amount: money(fen), reason, source: { kind: 'return_case', id },
 * method, reference, paidBackBy, idempotencyKey }, tx?)`. A dispute's refund is never more than was paid
 * net of earlier refunds (422); a return case's refund is the unit's money, outside the order's fee
 * balance. The same idempotency key records once. Pass `tx` to run in your transaction.
 */
export function recordRefund(fees: FeesService, caller: Caller, input: RefundInput, tx?: Parameters<Parameters<Db['transaction']>[0]>[0]) {
  return fees.payments.recordRefund(caller, input, tx);
}

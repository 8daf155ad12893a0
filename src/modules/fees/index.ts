import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './fees.tables.js';
import { feesRoutes } from './fees.routes.js';
import { quotesRoutes } from './fees.quotes.routes.js';
import { randomBytes } from 'node:crypto';
import { createFeesService, type FeesDeps } from './fees.service.js';

export { createFeesService, type FeesService } from './fees.service.js';
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

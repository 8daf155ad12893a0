import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './fees.tables.js';
import { feesRoutes } from './fees.routes.js';
import { createFeesService, type FeesDeps } from './fees.service.js';

export { createFeesService, type FeesService } from './fees.service.js';
// For fee disputes: the line disputed (locked) and the credit an upheld dispute writes, in the caller's transaction.
export { lineById as feeLineForUpdate, activeLines as activeFeeLines, addCreditLine, type LineRow as FeeLineRow } from './fees.repo.js';
export { customerOrderFeesView, customerScheduleView, toCustomerOrderFees, toCustomerSchedule } from './fees.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const feesModule = defineModule({
  name: 'fees',
  tables,
  // After dispatch: remote fees are measured on the roads dispatch plans with.
  build: (d: FeesDeps) => ({ fees: createFeesService(d) }),
  // Prices an order when its work is done.
  followers: ({ fees }): OrderFollower[] => [fees.orderFollower],
  routes: (s) => feesRoutes(s.fees),
});

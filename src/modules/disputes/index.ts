import { defineModule } from '../../kernel/module.js';
import * as tables from './disputes.tables.js';
import { disputesRoutes } from './disputes.routes.js';
import { createDisputesService, type DisputesDeps } from './disputes.service.js';

export { createDisputesService, type DisputesService } from './disputes.service.js';
export { customerDisputesView, customerDisputableFeesView, customerDisputeView, toCustomerDispute, toCustomerDisputableFees } from './disputes.contract.js';

/** The module, as the server registers it (src/modules.ts): after fees, whose lines it disputes and credits. */
export const disputesModule = defineModule({
  name: 'disputes',
  tables,
  build: (d: Omit<DisputesDeps, 'reviewHours'> & { options: { disputeReviewHours?: number } }) => ({ disputes: createDisputesService({ ...d, reviewHours: d.options.disputeReviewHours }) }),
  routes: (s) => disputesRoutes(s.disputes),
});
export { openFeeDisputeSql, upheldFeeDisputeSql } from './disputes.repo.js';

import { defineModule } from '../../kernel/module.js';
import * as tables from './loyalty.tables.js';
import { loyaltyRoutes } from './loyalty.routes.js';
import { loyaltyJobs } from './loyalty.jobs.js';
import { createLoyaltyService, type LoyaltyDeps } from './loyalty.service.js';

export { createLoyaltyService, type LoyaltyService, NIGHTLY_JOB as LOYALTY_NIGHTLY_JOB } from './loyalty.service.js';
export { customerOwnLoyaltyView, toCustomerOwnLoyalty, type CustomerLoyaltyView } from './loyalty.contract.js';
/** For audiences (care): the customer-value filter as a condition, and the top list. */
export { customerValueSql, topValueCustomers, plannerBonuses, feeDiscountPercent, freeVisitsPerYear } from './loyalty.repo.js';

/** The module, as the server registers it (src/modules.ts): after customers, units and contracts (the facts its tiers and value read). */
export const loyaltyModule = defineModule({
  name: 'loyalty',
  tables,
  build: (d: Omit<LoyaltyDeps, 'publicUrl'> & { options: { publicUrl?: string } }) => ({ loyalty: createLoyaltyService({ ...d, publicUrl: d.options.publicUrl }) }),
  routes: (s) => loyaltyRoutes(s.loyalty),
  jobs: (s) => loyaltyJobs(s.loyalty),
});

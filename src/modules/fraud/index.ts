import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './fraud.tables.js';
import { fraudRoutes } from './fraud.routes.js';
import { createFraudService, type FraudDeps } from './fraud.service.js';
import { fraudJobs } from './fraud.jobs.js';

export { createFraudService, type FraudService } from './fraud.service.js';
export { fraudJobs, PART_OVERDUE_JOB } from './fraud.jobs.js';
/** For settlement, in its own transaction: orders held for review, and orders confirmed as fraud in a period. */
export { heldOrderIds, confirmedFraud, heldForFraudSql, confirmedFraudSql } from './fraud.repo.js';

/** The module, as the server registers it (src/modules.ts): after disputes; before settlement, which reads it. */
export const fraudModule = defineModule({
  name: 'fraud',
  tables,
  build: (d: FraudDeps) => ({ fraud: createFraudService(d) }),
  followers: ({ fraud }): OrderFollower[] => [fraud.orderFollower],
  routes: (s) => fraudRoutes(s.fraud),
  jobs: (s) => fraudJobs(s.fraud),
});

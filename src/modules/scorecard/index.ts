import { defineModule } from '../../kernel/module.js';
import * as tables from './scorecard.tables.js';
import { scorecardRoutes } from './scorecard.routes.js';
import { createScorecardService, type ScorecardDeps } from './scorecard.service.js';
import { scorecardJobs } from './scorecard.jobs.js';

export { createScorecardService, type ScorecardService } from './scorecard.service.js';
export { scorecardJobs, MONTHLY_DELIVERY_JOB, MONTHLY_ROLLUP_JOB } from './scorecard.jobs.js';

/** The module, as the server registers it (src/modules.ts): last, it reads every other module's records and writes only its own. */
export const scorecardModule = defineModule({
  name: 'scorecard',
  tables,
  build: (d: ScorecardDeps) => ({ scorecard: createScorecardService(d) }),
  routes: (s) => scorecardRoutes(s.scorecard),
  jobs: (s) => scorecardJobs(s.scorecard),
});

import { defineModule } from '../../kernel/module.js';
import * as tables from './quality.tables.js';
import { qualityRoutes } from './quality.routes.js';
import { createQualityService, type QualityDeps } from './quality.service.js';
import { qualityJobs } from './quality.jobs.js';

export { createQualityService, type QualityService } from './quality.service.js';
export { qualityJobs, TREND_ALERTS_JOB } from './quality.jobs.js';

/** The module, as the server registers it (src/modules.ts): last, it reads every other module's records and writes only its own. */
export const qualityModule = defineModule({
  name: 'quality',
  tables,
  build: (d: QualityDeps) => ({ quality: createQualityService(d) }),
  routes: (s) => qualityRoutes(s.quality),
  jobs: (s) => qualityJobs(s.quality),
});

import { defineModule } from '../../kernel/module.js';
import * as tables from './training.tables.js';
import { trainingRoutes } from './training.routes.js';
import { createTrainingService, type TrainingDeps } from './training.service.js';
import { trainingJobs } from './training.jobs.js';

export { createTrainingService, type TrainingService } from './training.service.js';
export { trainingRoutes } from './training.routes.js';
export { certificationRefusal, type Refusal } from './training.rules.js';
export { trainingJobs, CERTIFICATION_WARNINGS_JOB } from './training.jobs.js';

/** The module, as the server registers it (src/modules.ts). */
export const trainingModule = defineModule({
  name: 'training',
  tables,
  build: (d: TrainingDeps) => ({ training: createTrainingService(d) }),
  routes: (s) => trainingRoutes(s.training),
  jobs: (s) => trainingJobs(s.training),
});

import { defineModule } from '../../kernel/module.js';
import * as tables from './promises.tables.js';
import { promisesRoutes } from './promises.routes.js';
import type { PromisesService } from './promises.service.js';
import { promisesJobs } from './promises.jobs.js';

export { createPromisesService, type PromisesService } from './promises.service.js';
export { promisesRoutes } from './promises.routes.js';
export { promisesJobs } from './promises.jobs.js';
export { cnNationalCalendar, cnNationalDays, cnOfficeWeek } from './cn-national.js';
export { roundTheClock } from './calendar.rules.js';
export { customerPromiseView, toCustomerPromise } from './promises.contract.js';
export { onSiteDeadlines } from './promises.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const promisesModule = defineModule<{ promises: PromisesService }>({
  name: 'promises',
  tables,
  routes: (s) => promisesRoutes(s.promises),
  jobs: (s) => promisesJobs(s.promises),
});

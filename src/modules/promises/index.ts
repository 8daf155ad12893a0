import { defineModule } from '../../kernel/module.js';
import * as tables from './promises.tables.js';
import { promisesRoutes } from './promises.routes.js';
import { createPromisesService, type PromisesDeps } from './promises.service.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { UnitsService } from '../units/index.js';
import type { CatalogService } from '../catalog/index.js';
import { promisesJobs } from './promises.jobs.js';

type PromisesNeeds = Pick<PromisesDeps, 'db' | 'clock' | 'audit'> & { jobs: Pick<JobQueue, 'enqueue' | 'enqueueMany'>; units: UnitsService; catalog: CatalogService };

export { createPromisesService, type PromisesService } from './promises.service.js';
export { promisesRoutes } from './promises.routes.js';
export { promisesJobs } from './promises.jobs.js';
export { cnNationalCalendar, cnNationalDays, cnOfficeWeek } from './cn-national.js';
export { roundTheClock, addBusinessHours, addBusinessTime, compileCalendar } from './calendar.rules.js';
export { customerPromiseView, toCustomerPromise } from './promises.contract.js';
export { businessDeadline, deadlineCalendarId } from './promises.deadlines.js';
export { onSiteDeadlines, promiseOutcomeSql, promiseOutcomeCounts } from './promises.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const promisesModule = defineModule({
  name: 'promises',
  tables,
  build: ({ db, clock, audit, jobs, units, catalog }: PromisesNeeds) => ({
    promises: createPromisesService({
      db,
      clock,
      audit,
      enqueue: jobs.enqueue,
      enqueueMany: jobs.enqueueMany,
      categoryOfUnit: async (q, unitId, customerId) => {
        const unit = await units.unitOfCustomer(q, unitId, customerId);
        return unit ? (await catalog.modelById(q, unit.modelId)).categoryId : null;
      },
    }),
  }),
  followers: (s) => [s.promises.orderFollower],
  routes: (s) => promisesRoutes(s.promises),
  jobs: (s) => promisesJobs(s.promises),
});

import { defineModule } from '../../kernel/module.js';
import * as tables from './promises.tables.js';
import { promisesRoutes } from './promises.routes.js';
import { createPromisesService, type PromisesDeps } from './promises.service.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Announcements } from '../../kernel/events.js';
import type { UnitsService } from '../units/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { LiveService } from '../live/index.js';
import { promisesJobs } from './promises.jobs.js';

type PromisesNeeds = Pick<PromisesDeps, 'db' | 'clock' | 'audit'> & { announcements: Announcements; jobs: Pick<JobQueue, 'enqueue' | 'enqueueMany'>; units: UnitsService; catalog: CatalogService; live: LiveService };

export { createPromisesService, type PromisesService } from './promises.service.js';
export { promisesRoutes } from './promises.routes.js';
export { promisesJobs } from './promises.jobs.js';
export { cnNationalCalendar, cnNationalDays, cnOfficeWeek } from './cn-national.js';
export { roundTheClock, addBusinessHours, addBusinessTime, compileCalendar } from './calendar.rules.js';
export { customerPromiseView, toCustomerPromise } from './promises.contract.js';
export { businessDeadline, deadlineCalendarId } from './promises.deadlines.js';
export { onSiteDeadlines, promiseOutcomeSql, promiseOutcomeCounts, promiseStateSql, promiseDueSql, promiseStates, type PromiseState } from './promises.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const promisesModule = defineModule({
  name: 'promises',
  tables,
  build: ({ db, clock, audit, jobs, units, catalog, live, announcements }: PromisesNeeds) => ({
    promises: createPromisesService({
      db,
      clock,
      audit,
      enqueue: jobs.enqueue,
      enqueueMany: jobs.enqueueMany,
      announce: announcements.announce,
      categoryOfUnit: async (q, unitId, customerId) => {
        const unit = await units.unitOfCustomer(q, unitId, customerId);
        return unit ? (await catalog.modelById(q, unit.modelId)).categoryId : null;
      },
      alerted: (tx, alerts) => live.publish(tx, alerts.map((a) => ({ kind: a.kind === 'warning' ? 'promise_warning' : 'promise_escalated', orderId: a.orderId, detail: { milestone: a.milestone, dueAt: a.dueAt.toISOString() } }))),
    }),
  }),
  followers: (s) => [s.promises.orderFollower],
  routes: (s) => promisesRoutes(s.promises),
  jobs: (s) => promisesJobs(s.promises),
});

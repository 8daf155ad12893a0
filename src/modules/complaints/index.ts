import { defineModule } from '../../kernel/module.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Announcements } from '../../kernel/events.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as tables from './complaints.tables.js';
import { complaintsRoutes } from './complaints.routes.js';
import { complaintsJobs } from './complaints.jobs.js';
import { createComplaintsService, type ComplaintsDeps } from './complaints.service.js';

export { createComplaintsService, type ComplaintsService, BREACH_JOB as COMPLAINT_BREACH_JOB } from './complaints.service.js';
export { customerComplaintView, customerComplaintsView } from './complaints.contract.js';
/** For settlement: a complaint upheld against the provider, as a condition on one order. */
export { complaintUpheldSql } from './complaints.repo.js';

/** The module, as the server registers it (src/modules.ts): after work orders (the orders complained about), promises (the calendars its clocks run on), fees (refunds) and follow-ups (whose calls file complaints). */
export const complaintsModule = defineModule({
  name: 'complaints',
  tables,
  build: (d: Omit<ComplaintsDeps, 'enqueue' | 'repeatDays' | 'announce'> & { jobs: Pick<JobQueue, 'enqueue'>; options: { complaintRepeatDays?: number }; announcements: Announcements }) => ({
    complaints: createComplaintsService({ ...d, enqueue: d.jobs.enqueue, repeatDays: d.options.complaintRepeatDays, announce: d.announcements.announce }),
  }),
  // A follow-up call whose outcome is "complaint" files one (the order's follow-up form says so).
  followers: ({ complaints }): OrderFollower[] => [complaints.orderFollower],
  routes: (s) => complaintsRoutes(s.complaints),
  jobs: (s) => complaintsJobs(s.complaints),
});

import { randomBytes } from 'node:crypto';
import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import type { MessagingConfig } from '../../config/config.js';
import type { NotificationsService } from '../notifications/index.js';
import * as tables from './care.tables.js';
import { careRoutes } from './care.routes.js';
import { careJobs } from './care.jobs.js';
import { createCareService, type CareDeps } from './care.service.js';

export { createCareService, type CareService } from './care.service.js';
/** Other modules' one-off messages through care's consent and quiet hours (contracts' renewal reminder, loyalty's upgrade notice). */
export { sendCareNotice, type CareNotice, type CareNoticeResult } from './care.notice.js';
/** The customer's own zone (care profile), or null: for what is scheduled in the customer's time (contract visits). */
export { customerTimeZone } from './care.repo.js';
export { customerInboxView, customerInboxItem, customerConsentView, customerUnsubscribeView, customerClickView } from './care.contract.js';

/** The module, as the server registers it (src/modules.ts): after customers, units, catalog, work orders and notifications, which it reads. */
export const careModule = defineModule({
  name: 'care',
  tables,
  // Links are signed with the server's secret (a process-local key when none is set: links then die with the process).
  // A campaign message WeChat cannot deliver (the customer does not follow the account) goes on the campaign's next channel.
  build: (d: Omit<CareDeps, 'linkKey' | 'publicUrl' | 'messaging'> & { notifications: Pick<NotificationsService, 'onUnreachable'>; options: { secretKey?: string; publicUrl?: string; messaging?: MessagingConfig } }) => {
    const care = createCareService({ db: d.db, clock: d.clock, audit: d.audit, messaging: d.options.messaging, linkKey: `care-links:${d.options.secretKey ?? randomBytes(32).toString('hex')}`, publicUrl: d.options.publicUrl ?? '' });
    d.notifications.onUnreachable(care.fallback);
    return { care };
  },
  // An order opened by a customer a campaign reached recently is the campaign's conversion.
  followers: ({ care }): OrderFollower[] => [care.orderFollower],
  routes: (s) => careRoutes(s.care),
  jobs: (s) => careJobs(s.care),
});

import { defineModule } from '../../kernel/module.js';
import type { OrderFollower } from '../work-orders/index.js';
import type { Announcements } from '../../kernel/events.js';
import * as tables from './webhooks.tables.js';
import { webhooksRoutes } from './webhooks.routes.js';
import { webhooksJobs } from './webhooks.jobs.js';
import { createWebhooksService, type WebhooksDeps } from './webhooks.service.js';

export { createWebhooksService, type WebhooksService } from './webhooks.service.js';
export { verify as verifyWebhook } from './webhooks.rules.js';

/** The module, as the server registers it (src/modules.ts): follows orders, after everything it may hear of. */
export const webhooksModule = defineModule({
  name: 'webhooks',
  tables,
  build: (d: WebhooksDeps & { announcements: Announcements }) => {
    const webhooks = createWebhooksService(d);
    // Other modules' announcements (promise broken, complaint escalated, statement approved) become events.
    d.announcements.hear(webhooks.publish);
    return { webhooks };
  },
  followers: ({ webhooks }): OrderFollower[] => [webhooks.orderFollower],
  routes: (s) => webhooksRoutes(s.webhooks),
  jobs: (s) => webhooksJobs(s.webhooks),
});

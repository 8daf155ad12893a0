import { defineModule } from '../../kernel/module.js';
import * as tables from './notifications.tables.js';
import { notificationsRoutes } from './notifications.routes.js';
import { notificationsJobs } from './notifications.jobs.js';
import type { NotificationsService } from './notifications.service.js';

export { enqueueMessage, createNotificationsService, type NotificationsService, type OutgoingMessage } from './notifications.service.js';
export { notificationsRoutes } from './notifications.routes.js';

/** The module, as the server registers it (src/modules.ts). */
export const notificationsModule = defineModule<{ notifications: NotificationsService }>({
  name: 'notifications',
  tables,
  routes: (s) => notificationsRoutes(s.notifications),
  jobs: (s) => notificationsJobs(s.notifications),
});

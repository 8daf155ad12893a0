import { defineModule } from '../../kernel/module.js';
import * as tables from './notifications.tables.js';
import { notificationsRoutes } from './notifications.routes.js';
import { createNotificationsService } from './notifications.service.js';
import type { Db } from '../../db/database.js';

export { enqueueMessage, createNotificationsService, type NotificationsService, type OutgoingMessage } from './notifications.service.js';
export { notificationsRoutes } from './notifications.routes.js';

/** The module, as the server registers it (src/modules.ts). */
export const notificationsModule = defineModule({
  name: 'notifications',
  tables,
  build: (d: { db: Db }) => ({ notifications: createNotificationsService(d) }),
  routes: (s) => notificationsRoutes(s.notifications),
});

import { defineModule } from '../../kernel/module.js';
import * as tables from './notifications.tables.js';
import { notificationsRoutes } from './notifications.routes.js';
import { createNotificationsService } from './notifications.service.js';
import { notificationsJobs } from './notifications.jobs.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { MessagingConfig } from '../../config/config.js';
import type { AuditFn } from '../../kernel/audit.js';

export { notBefore } from './notifications.rules.js';
// For care: its inbound SMS hook is signed as the gateway's receipts are; its report reads each message's status.
export { verifySignature, signatureHeader, timestampHeader } from './notifications.channels.js';
export { messageStatusSql } from './notifications.repo.js';
export { enqueueMessage, enqueueMessagesSql, createNotificationsService, type NotificationsService, type OutgoingMessage, type Unreachable } from './notifications.service.js';
export { notificationsRoutes } from './notifications.routes.js';
export { maskBody, maskRecipient, templateOf, messageTemplates } from './notifications.rules.js';
export { messageCounts } from './notifications.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const notificationsModule = defineModule({
  name: 'notifications',
  tables,
  build: (d: { db: Db; clock: Clock; audit: AuditFn; jobs: Pick<JobQueue, 'enqueue'>; options: { messaging?: MessagingConfig } }) => ({
    notifications: createNotificationsService({ db: d.db, clock: d.clock, audit: d.audit, messaging: d.options.messaging, enqueue: d.jobs.enqueue }),
  }),
  routes: (s) => notificationsRoutes(s.notifications),
  jobs: (s) => notificationsJobs(s.notifications),
});

import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { DELIVER_JOB, SWEEP_JOB, type NotificationsService } from './notifications.service.js';

const deliverPayload = z.object({ messageId: z.string().uuid() });

/**
 * A message's delivery is a job written with the message (and again for a deferred or retried
 * attempt). The sweep, once a minute on one copy, takes what is due and has no job left. Either
 * may run twice: the claim lets one send.
 */
export function notificationsJobs(service: NotificationsService): JobDefinition[] {
  return [
    defineJob({ name: DELIVER_JOB, payload: deliverPayload, handle: async ({ messageId }) => void (await service.deliver(messageId)) }),
    defineJob({ name: SWEEP_JOB, payload: noPayload, schedule: '* * * * *', handle: async () => void (await service.sweep()) }),
  ];
}

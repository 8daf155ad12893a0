import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob } from '../../kernel/module.js';
import { DELIVER_JOB, type WebhooksService } from './webhooks.service.js';

const deliverPayload = z.object({ deliveryId: z.string().uuid() });

/** One attempt of a delivery per job, written with the event (and again for each retry); the claim's lease lets one worker send. */
export function webhooksJobs(service: WebhooksService): JobDefinition[] {
  return [defineJob({ name: DELIVER_JOB, payload: deliverPayload, handle: ({ deliveryId }) => service.deliver(deliveryId) })];
}

import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { ALERT_JOB, RECALENDAR_JOB, SWEEP_JOB, type PromisesService } from './promises.service.js';

const alertPayload = z.object({ orderId: z.string().uuid(), at: z.string().optional() });
const recalendarPayload = z.object({ calendarId: z.string().uuid() });

/**
 * An order's next alert within ten minutes is a job due at that instant, written with the change
 * that set it. The sweep, once a minute on one server copy, delivers whatever is due without a job:
 * alerts further off when set (most: no queue insert at intake), and any whose job was lost (one
 * that gave up after its retries, an order changed while the queue was being upgraded).
 */
export function promisesJobs(service: PromisesService): JobDefinition[] {
  return [
    defineJob({ name: ALERT_JOB, payload: alertPayload, handle: async ({ orderId, at }) => void (await service.deliverDue(orderId, at)) }),
    defineJob({ name: SWEEP_JOB, payload: noPayload, schedule: '* * * * *', handle: async () => void (await service.sweep()) }),
    // Written with the calendar's change: its running clocks move to the new hours and days.
    defineJob({ name: RECALENDAR_JOB, payload: recalendarPayload, handle: async ({ calendarId }) => void (await service.recalendar(calendarId)) }),
  ];
}

import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { BREACH_JOB, SWEEP_JOB, type ComplaintsService } from './complaints.service.js';

const breachPayload = z.object({ complaintId: z.string().uuid(), level: z.string(), dueAt: z.string().optional() });

/**
 * A complaint's clock is a job due when it runs out, written with the change that set it; it
 * escalates only if the complaint is still on that rung with its clock run out (a person may have
 * moved it first). The sweep, once a minute on one server copy, catches a clock whose job was lost.
 */
export function complaintsJobs(service: ComplaintsService): JobDefinition[] {
  return [
    defineJob({ name: BREACH_JOB, payload: breachPayload, handle: async ({ complaintId, level }) => void (await service.breach(complaintId, level)) }),
    defineJob({ name: SWEEP_JOB, payload: noPayload, schedule: '* * * * *', handle: async () => void (await service.sweep()) }),
  ];
}

import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { OVERNIGHT_PLAN_JOB, type DispatchService } from './dispatch.service.js';

export const OVERNIGHT_PLANS_JOB = 'dispatch.overnight_plans';

/**
 * At 20:00 in China (12:00 UTC) every provider with open orders gets a job planning its next day;
 * each copy of the server takes some of them, so the work spreads as providers are added.
 */
export function dispatchJobs(service: DispatchService): JobDefinition[] {
  return [
    defineJob({ name: OVERNIGHT_PLANS_JOB, payload: noPayload, schedule: '0 12 * * *', handle: async () => void (await service.queueOvernightPlans()) }),
    defineJob({
      name: OVERNIGHT_PLAN_JOB,
      payload: z.object({ providerId: z.string().uuid(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
      handle: async ({ providerId, date }) => {
        const plan = await service.planOvernight(providerId, date);
        if (plan) process.stdout.write(`day plan made overnight: provider ${providerId}, ${date}, ${plan.summary.planned}/${plan.summary.orders} orders (process ${process.pid})\n`);
      },
    }),
  ];
}

import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { NIGHTLY_JOB, type LoyaltyService } from './loyalty.service.js';

/** Nightly at 18:30 UTC (02:30 in China), one copy per tick; the night's run row keeps it once even if fired twice. */
export function loyaltyJobs(service: LoyaltyService): JobDefinition[] {
  return [defineJob({ name: NIGHTLY_JOB, payload: noPayload, schedule: '30 18 * * *', handle: async () => void (await service.recompute()) })];
}

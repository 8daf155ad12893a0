import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { CareService } from './care.service.js';

export const DAILY_JOB = 'care.daily';

/**
 * The daily care run, 01:00 UTC (09:00 in the company's default zone), on one copy per tick. Run
 * twice (a retry, a second copy) it sends nothing twice: each occurrence is claimed once.
 */
export function careJobs(service: CareService): JobDefinition[] {
  return [defineJob({ name: DAILY_JOB, payload: noPayload, schedule: '0 1 * * *', handle: async () => void (await service.dailyRun()) })];
}

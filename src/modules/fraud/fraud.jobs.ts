import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { FraudService } from './fraud.service.js';

export const PART_OVERDUE_JOB = 'fraud.part_overdue';

/** Hourly: orders whose old part became overdue are re-scored, once per return (its claim's key). */
export function fraudJobs(service: FraudService): JobDefinition[] {
  return [defineJob({ name: PART_OVERDUE_JOB, payload: noPayload, schedule: '15 * * * *', handle: async () => void (await service.rescoreOverdueParts()) })];
}

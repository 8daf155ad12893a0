import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { ScorecardService } from './scorecard.service.js';

export const MONTHLY_DELIVERY_JOB = 'scorecard.monthly_delivery';

/**
 * Daily at 07:10 (server time): last month's scorecard to every chosen mailbox that has not had it.
 * Running every day (not only on the 1st) catches a missed run up; the deliveries' unique key
 * (month, mailbox) keeps it to one e-mail each.
 */
export function scorecardJobs(service: ScorecardService): JobDefinition[] {
  return [defineJob({ name: MONTHLY_DELIVERY_JOB, payload: noPayload, schedule: '10 7 * * *', handle: async () => void (await service.deliverMonth()) })];
}

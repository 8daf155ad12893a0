import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { ScorecardService } from './scorecard.service.js';

export const MONTHLY_DELIVERY_JOB = 'scorecard.monthly_delivery';
export const MONTHLY_ROLLUP_JOB = 'scorecard.monthly_rollup';

/**
 * Daily at 07:10 (server time): last month's scorecard to every chosen mailbox that has not had it.
 * Running every day (not only on the 1st) catches a missed run up; the deliveries' unique key
 * (month, mailbox) keeps it to one e-mail each.
 *
 * Daily at 06:50: last month rolled up (scorecard_rollup), until it has been rolled up once after
 * its first week — late follow-ups and surveys of the month still count — then left alone.
 */
export function scorecardJobs(service: ScorecardService): JobDefinition[] {
  return [
    defineJob({ name: MONTHLY_DELIVERY_JOB, payload: noPayload, schedule: '10 7 * * *', handle: async () => void (await service.deliverMonth()) }),
    defineJob({ name: MONTHLY_ROLLUP_JOB, payload: noPayload, schedule: '50 6 * * *', handle: async () => void (await service.rollUpLastMonth()) }),
  ];
}

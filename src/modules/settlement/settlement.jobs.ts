import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { SettlementService } from './settlement.service.js';

export const MONTHLY_DRAFTS_JOB = 'settlement.monthly_drafts';

/**
 * Daily at 02:30 UTC in the first week of a month: every provider's draft of the month just closed
 * (generateAll). Only providers with no statement of that month yet get one (the statement's key,
 * provider and month, is the job's key by month): a second run, a retry or a second server copy
 * makes nothing again, and the days after catch up a provider whose month ended later in its zone.
 */
export function settlementJobs(service: SettlementService): JobDefinition[] {
  return [defineJob({ name: MONTHLY_DRAFTS_JOB, payload: noPayload, schedule: '30 2 1-7 * *', handle: async () => void (await service.generateClosedMonth()) })];
}

import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { QualityService } from './quality.service.js';

export const TREND_ALERTS_JOB = 'quality.trend_alerts';

/**
 * Daily at 02:30 (server time): the rollup is rebuilt and last month's control limits checked.
 * Running it every day (not once a month) means a missed run is caught up the next day; the
 * unique (model, month) index keeps it to one alert.
 */
export function qualityJobs(service: QualityService): JobDefinition[] {
  return [defineJob({ name: TREND_ALERTS_JOB, payload: noPayload, schedule: '30 2 * * *', handle: async () => void (await service.raiseAlerts()) })];
}

import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { DAILY_JOB, type ContractsService } from './contracts.service.js';

/** Once a day on one server copy (02:10 UTC, 10:10 in China): maintenance orders for visits coming due, renewal reminders. */
export function contractsJobs(service: ContractsService): JobDefinition[] {
  return [defineJob({ name: DAILY_JOB, payload: noPayload, schedule: '10 2 * * *', handle: async () => void (await service.daily()) })];
}

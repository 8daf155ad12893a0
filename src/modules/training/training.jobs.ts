import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { TrainingService } from './training.service.js';

export const CERTIFICATION_WARNINGS_JOB = 'training.certification_warnings';

/**
 * Expiring certifications are looked for at the top of every hour, on one server copy. Each
 * warning is also claimed in the transaction that writes it, so a run the queue repeats after a
 * crash warns nobody twice.
 */
export function trainingJobs(service: TrainingService): JobDefinition[] {
  return [defineJob({ name: CERTIFICATION_WARNINGS_JOB, payload: noPayload, schedule: '0 * * * *', handle: async () => void (await service.warnExpiring()) })];
}

import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { DERIVE_JOB, OVERDUE_JOB, type AuditsService } from './audits.service.js';

/**
 * Every five minutes, the follow-up reader turns new answers into audits (its cursor and the unique
 * source make each answer count once); every ten, corrective actions past due are marked overdue
 * once (the condition on `overdue_at`), each with its history row.
 */
export function auditsJobs(service: AuditsService): JobDefinition[] {
  return [
    defineJob({ name: DERIVE_JOB, payload: noPayload, schedule: '*/5 * * * *', handle: async () => void (await service.deriveFromFollowUps()) }),
    defineJob({ name: OVERDUE_JOB, payload: noPayload, schedule: '*/10 * * * *', handle: async () => void (await service.markOverdue()) }),
  ];
}

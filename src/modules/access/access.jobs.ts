import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import type { AccessService } from './access.service.js';

export const PRUNE_EXPIRED_JOB = 'access.prune_expired';

/**
 * Expired sessions, codes and rate-limit windows are deleted every hour, on one server copy.
 * Deleting what has expired twice is harmless, so a repeated run needs no care.
 */
export function accessJobs(service: AccessService): JobDefinition[] {
  return [defineJob({ name: PRUNE_EXPIRED_JOB, payload: noPayload, schedule: '7 * * * *', handle: async () => void (await service.pruneExpired()) })];
}

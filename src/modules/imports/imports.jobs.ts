import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob } from '../../kernel/module.js';
import { PROCESS_JOB, type ImportsService } from './imports.service.js';

const payload = z.object({ importId: z.string().uuid(), mode: z.enum(['dry_run', 'run']) });

/** The dry run or the run of one import; a crashed run is taken again by the queue and carries on from its checkpoint. */
export function importsJobs(service: ImportsService): JobDefinition[] {
  return [defineJob({ name: PROCESS_JOB, payload, handle: ({ importId, mode }) => service.process(importId, mode) })];
}

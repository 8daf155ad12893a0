import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.js';
import { defineJob, noPayload } from '../../kernel/module.js';
import { BACKFILL_JOB, PLACE_JOB, type GeocodingService } from './geocoding.service.js';

const placePayload = z.union([z.object({ customerId: z.string().uuid() }), z.object({ customerIds: z.array(z.string().uuid()).max(10_000) }), z.object({ orderId: z.string().uuid() })]);

/**
 * One job per customer or order written without coordinates (per batch of an import's customers) (a slow service never holds up the
 * request), and an hourly backfill that catches whatever is still unplaced. Both only fill what is
 * missing or rough, so a job the queue repeats changes nothing the second time.
 */
export function geocodingJobs(service: GeocodingService): JobDefinition[] {
  return [
    defineJob({ name: PLACE_JOB, payload: placePayload, handle: async (target) => void (await service.handle(target)) }),
    defineJob({ name: BACKFILL_JOB, payload: noPayload, schedule: '23 * * * *', handle: async () => void (await service.backfill()) }),
  ];
}

// The order list's bulk actions, export and saved views (the filters are the list's own, work-orders.contract.ts).
import { z } from '@hono/zod-openapi';
import { rowVersion } from '../../http/schemas.js';
import { orderFilterFields, orderSortFields } from './work-orders.contract.js';
import { sortQuery } from '../../shared/paging.js';

/** At most this many orders in one bulk request: each is its own transaction, judged on its own. */
export const bulkLimit = 200;
export const bulkActions = ['dispatch', 'assign', 'cancel'] as const;
const reason = z.string().trim().min(1).max(1000);
const ids = z.array(z.string().uuid()).min(1).max(bulkLimit).openapi({ description: `the orders, at most ${bulkLimit}` });

export const bulkRequest = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('dispatch'), ids, providerId: z.string().uuid(), reason: reason.optional() }),
    z.object({ action: z.literal('assign'), ids, technicianId: z.string().uuid(), reason: reason.optional() }),
    z.object({ action: z.literal('cancel'), ids, reason }),
  ])
  .openapi('BulkOrderAction');
export type BulkRequest = z.infer<typeof bulkRequest>;

/** Per order: done (it moved), unchanged (it already was so: a retried request changes nothing), refused with the reason. */
export const bulkResult = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        number: z.string().nullable(),
        outcome: z.enum(['done', 'unchanged', 'refused']),
        version: z.number().nullable(),
        error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).nullable(),
      }),
    ),
    done: z.number(),
    unchanged: z.number(),
    refused: z.number(),
  })
  .openapi('BulkOrderResult');
export type BulkResult = z.infer<typeof bulkResult>;

export const orderExportQuery = z
  .object({ ...orderFilterFields, sort: sortQuery(orderSortFields, '-createdAt'), format: z.enum(['csv', 'xlsx']).default('csv') })
  .refine((q) => !(q.createdFrom && q.createdTo && Date.parse(q.createdFrom) > Date.parse(q.createdTo)), { path: ['createdTo'], message: 'must be after from' })
  .refine((q) => !(q.deadlineFrom && q.deadlineTo && Date.parse(q.deadlineFrom) > Date.parse(q.deadlineTo)), { path: ['deadlineTo'], message: 'must be after from' })
  .refine((q) => !(q.bookedFrom && q.bookedTo && Date.parse(q.bookedFrom) > Date.parse(q.bookedTo)), { path: ['bookedTo'], message: 'must be after from' });

/** A saved view's filters: the list's query parameters as the console's address carries them (checked against the list's schema). */
const viewFilters = z.record(z.string().max(40), z.string().max(200)).refine((f) => Object.keys(f).length <= 20, { message: 'at most 20 filters' });
export const savedViewRequest = z.object({ name: z.string().trim().min(1).max(60), filters: viewFilters, sort: sortQuery(orderSortFields, '-createdAt') }).openapi('SavedViewRequest');
export const savedViewUpdate = z.object({ version: rowVersion, name: z.string().trim().min(1).max(60).optional(), filters: viewFilters.optional(), sort: z.enum(orderSortFields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]]).optional() }).openapi('SavedViewUpdate');
export const savedView = z.object({ id: z.string(), name: z.string(), filters: z.record(z.string(), z.string()), sort: z.string(), version: z.number(), createdAt: z.string(), updatedAt: z.string() }).openapi('SavedView');
export type SavedView = z.infer<typeof savedView>;

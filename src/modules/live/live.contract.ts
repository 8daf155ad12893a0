import { z } from '@hono/zod-openapi';
import { liveKinds } from './live.rules.js';

/** One notification as the console reads it: the order's number and status, never a person's name, phone or address. */
export const liveEventView = z
  .object({
    seq: z.number().int(),
    kind: z.enum(liveKinds),
    orderId: z.string().uuid(),
    orderNumber: z.string(),
    status: z.string(),
    detail: z.record(z.string(), z.string().nullable()),
    occurredAt: z.string(),
    read: z.boolean(),
  })
  .openapi('LiveEvent');

export const notificationsView = z.object({ items: z.array(liveEventView), unread: z.number().int(), unreadCapped: z.boolean() }).openapi('LiveNotifications');

export const notificationsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) });

/** Event numbers (`seq`) to mark read. */
export const markReadRequest = z.object({ seqs: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(200) }).strict();

export const markedView = z.object({ marked: z.number().int(), unread: z.number().int(), unreadCapped: z.boolean() });

import { z } from '@hono/zod-openapi';

export const feedCreate = z
  .object({ technicianId: z.string().uuid().optional(), providerId: z.string().uuid().optional() })
  .openapi('CalendarFeedCreate', { description: "a technician's booked visits, or a provider's days: one of the two" });
export const feedQuery = z.object({ technicianId: z.string().uuid().optional(), providerId: z.string().uuid().optional() });

export const feedView = z
  .object({ id: z.string(), subjectKind: z.enum(['technician', 'provider']), subjectId: z.string(), createdAt: z.string(), createdBy: z.string() })
  .openapi('CalendarFeed');
/** The address is shown once, when the link is made (only its hash is kept). */
export const feedWithUrl = feedView.extend({ url: z.string().openapi({ description: 'subscribe to it in any calendar app; revoking the feed ends it' }) }).openapi('CalendarFeedWithUrl');

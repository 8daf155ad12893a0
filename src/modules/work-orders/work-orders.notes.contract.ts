import { z } from '@hono/zod-openapi';

export const orderNoteRequest = z
  .object({ text: z.string().trim().min(1, 'must not be empty / 不能为空').max(4000).openapi({ description: 'internal: never shown to the customer' }) })
  .openapi('OrderNoteRequest');

export const orderNoteView = z
  .object({ id: z.string(), orderId: z.string(), text: z.string(), author: z.string(), createdAt: z.string() })
  .openapi('OrderNoteView');
export type OrderNoteView = z.infer<typeof orderNoteView>;

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, jsonResponse, pageOf } from '../../http/schemas.js';
import { pageQuery } from '../../shared/paging.js';
import type { NotificationsService } from './notifications.service.js';

const messageView = z
  .object({ id: z.string(), channel: z.string(), recipient: z.string(), template: z.string(), bodyZh: z.string(), bodyEn: z.string(), subject: z.object({ kind: z.string(), id: z.string() }).nullable(), createdAt: z.string(), sentAt: z.string().nullable() })
  .openapi('OutboxMessage');

export function notificationsRoutes(service: NotificationsService) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags: ['Messages 消息'],
      summary: 'Messages waiting to be sent, newest first',
      request: { query: pageQuery.extend({ unsentOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }) },
      responses: { 200: jsonResponse(pageOf(messageView), 'Messages'), ...errorResponses },
    }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  return r;
}

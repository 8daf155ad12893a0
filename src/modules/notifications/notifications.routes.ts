import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, jsonResponse, pageOf } from '../../http/schemas.js';
import type { NotificationsService } from './notifications.service.js';
import { historyEntryView, messageView, outboxQuery, receiptRequest } from './notifications.contract.js';
import { signatureHeader, timestampHeader } from './notifications.channels.js';

const idParam = z.object({ id: z.string().uuid() });
const maskOnly = z.object({ mask: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });

export function notificationsRoutes(service: NotificationsService) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags: ['Messages 消息'],
      summary: 'Messages to customers, newest first, with their delivery status; filter by status, channel, template, recipient',
      request: { query: outboxQuery },
      responses: { 200: jsonResponse(pageOf(messageView), 'Messages'), ...errorResponses },
    }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/outbox/templates',
      tags: ['Messages 消息'],
      summary: 'The templates messages were written with, and which are urgent (sent during quiet hours)',
      responses: { 200: jsonResponse(z.object({ items: z.array(z.object({ name: z.string(), urgent: z.boolean(), titleZh: z.string(), titleEn: z.string() })) }), 'Templates'), ...errorResponses },
    }),
    async (c) => c.json(await service.templates(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/outbox/{id}/history',
      tags: ['Messages 消息'],
      summary: "A message's status changes and delivery attempts, oldest first",
      request: { params: idParam, query: maskOnly },
      responses: { 200: jsonResponse(z.object({ items: z.array(historyEntryView) }), 'History'), ...errorResponses },
    }),
    async (c) => c.json(await service.history(c.get('caller'), c.req.valid('param').id, c.req.valid('query').mask), 200),
  );
  // Open to the gateway (no session): the signature over the raw body is the credential.
  r.openapi(
    createRoute({
      method: 'post',
      path: '/outbox/receipts',
      tags: ['Messages 消息'],
      summary: `Delivery receipt from the HTTP SMS gateway, signed: ${timestampHeader} (unix seconds) and ${signatureHeader} = sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))`,
      request: { body: { content: { 'application/json': { schema: receiptRequest } } } },
      responses: { 200: jsonResponse(z.object({ messageId: z.string(), status: z.string() }), 'Applied (or already final)'), ...errorResponses },
    }),
    async (c) => c.json(await service.receipt(await c.req.text(), c.req.header(timestampHeader), c.req.header(signatureHeader)), 200),
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, jsonResponse, pageOf } from '../../http/schemas.js';
import type { NotificationsService } from './notifications.service.js';
import { historyEntryView, messageView, outboxQuery, receiptRequest, revealFlag } from './notifications.contract.js';
import { aliyunReports, tencentReports } from './notifications.receipts.js';
import { signatureHeader, timestampHeader } from './notifications.channels.js';

const idParam = z.object({ id: z.string().uuid() });
const revealOnly = z.object({ reveal: revealFlag });
export const receiptTokenHeader = 'x-aftercare-receipt-token';
const receiptTokenQuery = z.object({ token: z.string().max(200).optional().openapi({ description: `the configured AFTERCARE_SMS_RECEIPT_TOKEN (or the ${receiptTokenHeader} header)` }) });
const receiptCounts = z.object({ applied: z.number(), unchanged: z.number(), unknown: z.number() });

export function notificationsRoutes(service: NotificationsService) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags: ['Messages 消息'],
      summary: 'Messages to customers, newest first, with their delivery status; filter by status, channel, template, customer, recipient. Phones and codes masked unless reveal=true (outbox.reveal; audited)',
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
      request: { params: idParam, query: revealOnly },
      responses: { 200: jsonResponse(z.object({ items: z.array(historyEntryView) }), 'History'), ...errorResponses },
    }),
    async (c) => c.json(await service.history(c.get('caller'), c.req.valid('param').id, c.req.valid('query').reveal), 200),
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
  // Open to Aliyun and Tencent (no session): the configured token, in the URL the provider is given, is the credential.
  for (const provider of ['aliyun', 'tencent'] as const) {
    const aliyun = provider === 'aliyun';
    r.openapi(
      createRoute({
        method: 'post',
        path: `/outbox/receipts/${provider}`,
        tags: ['Messages 消息'],
        summary: aliyun
          ? 'Delivery reports pushed by Aliyun SMS (SmsReport, HTTP batch push): a JSON array; biz_id is the BizId our send got. Answers {"code":0}'
          : 'Delivery reports pushed by Tencent Cloud SMS (status callback): a JSON array; sid is the SerialNo our send got. Answers {"result":0}',
        request: { query: receiptTokenQuery, body: { content: { 'application/json': { schema: aliyun ? aliyunReports : tencentReports } } } },
        responses: { 200: jsonResponse(aliyun ? receiptCounts.extend({ code: z.number(), msg: z.string() }) : receiptCounts.extend({ result: z.number(), errmsg: z.string() }), 'Taken (reports for unknown messages are counted, not refused)'), ...errorResponses },
      }),
      async (c) => {
        const counts = await service.providerReceipts(provider, await c.req.text(), c.req.valid('query').token ?? c.req.header(receiptTokenHeader));
        return c.json(aliyun ? { code: 0, msg: '接收成功', ...counts } : { result: 0, errmsg: 'OK', ...counts }, 200);
      },
    );
  }
  return r;
}

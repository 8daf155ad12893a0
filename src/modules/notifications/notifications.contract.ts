import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../shared/paging.js';
import { isoDateTime } from '../../http/schemas.js';

export const messageStatus = z.enum(['queued', 'sending', 'sent', 'delivered', 'failed']);
export const messageChannel = z.enum(['sms', 'email', 'wechat']);

/** Phones, addresses and codes are masked (138****5678, ••••••) unless the caller holds `outbox.reveal` and asks; each reveal is audited. */
export const revealFlag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .openapi({ description: 'clear text instead of masked phones and codes: needs the outbox.reveal permission; audited' });

export const outboxQuery = pageQuery.extend({
  unsentOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  status: messageStatus.optional(),
  channel: messageChannel.optional(),
  template: z.string().trim().max(80).optional(),
  customerId: z.string().uuid().optional().openapi({ description: 'messages for this customer (whatever number or address they went to)' }),
  recipient: z.string().trim().max(200).optional().openapi({ description: 'a whole phone number or e-mail address the message went to, or a phone\'s last 4 digits' }),
  reveal: revealFlag,
});

export const messageView = z
  .object({
    id: z.string(),
    channel: messageChannel,
    recipient: z.string(),
    customerId: z.string().nullable(),
    template: z.string(),
    urgent: z.boolean(),
    bodyZh: z.string(),
    bodyEn: z.string(),
    subject: z.object({ kind: z.string(), id: z.string() }).nullable(),
    status: messageStatus,
    attempts: z.number(),
    nextAttemptAt: z.string().nullable().openapi({ description: 'while queued: not before this (quiet hours, or the backoff after a failure)' }),
    provider: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    failedAt: z.string().nullable(),
  })
  .openapi('OutboxMessage');

export const historyEntryView = z
  .object({ at: z.string(), fromStatus: messageStatus.nullable(), toStatus: messageStatus, attempt: z.number().nullable(), provider: z.string().nullable(), detail: z.string().nullable() })
  .openapi('OutboxHistoryEntry');

/** What the HTTP gateway posts back to `/outbox/receipts`, signed like our requests to it. */
export const receiptRequest = z
  .object({
    messageId: z.string().uuid(),
    status: z.enum(['delivered', 'failed']),
    at: isoDateTime.optional(),
    error: z.string().max(500).optional(),
  })
  .openapi('DeliveryReceipt');

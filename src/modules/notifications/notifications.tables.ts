import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, index, jsonb, boolean, integer, bigserial } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';

export const messageStatuses = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * Messages to customers are written here in the same transaction as the change that caused
 * them; the delivery worker claims each one (a status change guarded in SQL), sends it through
 * its channel and records the outcome: queued → sending → sent → delivered / failed.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel', { enum: ['sms', 'email', 'wechat'] }).notNull(),
    recipient: text('recipient').notNull(),
    /** The customer the message is for (null: a technician, a provider); the outbox filters on it, not on the recipient string. */
    customerId: uuid('customer_id').references(() => customers.id),
    template: text('template').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    /** Which body leaves. */
    language: text('language', { enum: ['zh', 'en'] }).notNull().default('zh'),
    /** Values for a provider's registered template (Aliyun, Tencent); the bodies are the text itself. */
    params: jsonb('params').$type<Record<string, string>>(),
    subject: jsonb('subject').$type<{ kind: string; id: string }>(),
    /** Taken from the template when written: urgent messages ignore quiet hours. */
    urgent: boolean('urgent').notNull().default(false),
    /** The recipient's zone for quiet hours; null: the configured default. */
    timeZone: text('time_zone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: messageStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** Not before: after quiet hours, or the backoff after a failed attempt. */
    // The default only fills the rows written before delivery existed; every insert sets it.
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: past this, the attempt is taken to have died with its server copy. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_messages_unsent_idx').on(t.createdAt).where(sql`sent_at is null`),
    index('outbox_messages_due_idx').on(t.nextAttemptAt).where(sql`status in ('queued', 'sending')`),
    index('outbox_messages_status_idx').on(t.status, t.createdAt),
    index('outbox_messages_customer_idx').on(t.customerId, t.createdAt),
    // Receipts from Aliyun and Tencent name the message by the id their send answered (BizId, SerialNo).
    index('outbox_messages_provider_id_idx').on(t.provider, t.providerMessageId).where(sql`provider_message_id is not null`),
  ],
);

/** Every change of a message's status, each attempt and each receipt: append-only. */
export const outboxHistory = pgTable(
  'outbox_history',
  {
    id: uuid('id').primaryKey(),
    /** Written order: several changes can share one instant. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => outboxMessages.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromStatus: text('from_status', { enum: messageStatuses }),
    toStatus: text('to_status', { enum: messageStatuses }).notNull(),
    attempt: integer('attempt'),
    provider: text('provider'),
    /** The error, the provider's id, the receipt, or why it waits. */
    detail: text('detail'),
  },
  (t) => [index('outbox_history_message_idx').on(t.messageId, t.seq)],
);

import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, index, jsonb } from 'drizzle-orm/pg-core';

/**
 * Messages to customers are written here in the same transaction as the change that caused
 * them; a sender adapter (SMS, WeChat, email) delivers them later and marks them sent.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel', { enum: ['sms', 'email', 'wechat'] }).notNull(),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    subject: jsonb('subject').$type<{ kind: string; id: string }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_messages_unsent_idx').on(t.createdAt).where(sql`sent_at is null`)],
);

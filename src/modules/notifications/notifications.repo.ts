import { and, asc, count, desc, eq, inArray, isNull, lt, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { insertJobsSql } from '../../jobs/queue.js';
import { outboxHistory, outboxMessages, type MessageStatus } from './notifications.tables.js';

export type MessageInsert = typeof outboxMessages.$inferInsert;
export type MessageRow = typeof outboxMessages.$inferSelect;
export type HistoryRow = typeof outboxHistory.$inferSelect;

export async function insertMessage(q: Queryable, row: MessageInsert) {
  await q.insert(outboxMessages).values(row);
}

/** A select of id, channel, recipient, customer_id, body_zh, body_en, language, time_zone, subject: messages to write. */
export type MessageSource = SQL;

/**
 * The CTEs `outbox_new` (queued messages, due at `now`, from `source`), `outbox_new_history` (each
 * one's first history row) and `outbox_new_jobs` (each one's delivery job), for a statement that
 * writes the messages' cause too.
 */
export async function enqueueMessagesSql(source: MessageSource, x: { template: string; urgent: boolean; now: Date; job: string }): Promise<SQL> {
  const now = sql`${x.now.toISOString()}::timestamptz`;
  const jobs = await insertJobsSql(x.job, sql`select jsonb_build_object('messageId', id) as data from outbox_new`);
  return sql`outbox_new as (
      insert into ${outboxMessages} (id, channel, recipient, customer_id, template, body_zh, body_en, language, time_zone, subject, urgent, created_at, next_attempt_at, status)
      select m.id, m.channel, m.recipient, m.customer_id, ${x.template}::text, m.body_zh, m.body_en, m.language, m.time_zone, m.subject, ${x.urgent}::boolean, ${now}, ${now}, 'queued'
      from (${source}) m
      returning id
    ), outbox_new_history as (
      insert into ${outboxHistory} (id, message_id, at, from_status, to_status)
      select gen_random_uuid(), id, ${now}, null, 'queued' from outbox_new
    ), outbox_new_jobs as (${jobs})`;
}

export async function insertHistory(q: Queryable, row: Omit<typeof outboxHistory.$inferInsert, 'id' | 'seq'>) {
  await q.insert(outboxHistory).values({ id: newId(), ...row });
}

export type MessageFilter = { status?: MessageStatus; channel?: 'sms' | 'email' | 'wechat'; template?: string; customerId?: string; recipient?: string; unsentOnly?: boolean };

function filterSql(f: MessageFilter): SQL | undefined {
  const recipient = f.recipient?.trim();
  return and(
    f.unsentOnly ? isNull(outboxMessages.sentAt) : undefined,
    f.status ? eq(outboxMessages.status, f.status) : undefined,
    f.channel ? eq(outboxMessages.channel, f.channel) : undefined,
    f.template ? eq(outboxMessages.template, f.template) : undefined,
    f.customerId ? eq(outboxMessages.customerId, f.customerId) : undefined,
    // A whole number or address, or the last digits of a phone.
    recipient ? (/^\d{4}$/.test(recipient) ? sql`right(${outboxMessages.recipient}, 4) = ${recipient}` : eq(outboxMessages.recipient, recipient)) : undefined,
  );
}

export async function listMessages(q: Queryable, f: MessageFilter & { limit: number; offset: number }) {
  const condition = filterSql(f);
  const rows = await q.select().from(outboxMessages).where(condition).orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(outboxMessages).where(condition);
  return { rows, total };
}

export async function templatesInUse(q: Queryable): Promise<string[]> {
  const rows = await q.selectDistinct({ template: outboxMessages.template }).from(outboxMessages).orderBy(asc(outboxMessages.template));
  return rows.map((r) => r.template);
}

export async function findMessage(q: Queryable, id: string): Promise<MessageRow | undefined> {
  const [row] = await q.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

export async function historyOf(q: Queryable, messageId: string): Promise<HistoryRow[]> {
  return q.select().from(outboxHistory).where(eq(outboxHistory.messageId, messageId)).orderBy(asc(outboxHistory.seq));
}

/** What may be taken now: queued and due, or sending under a lease its server copy let run out. */
const claimableSql = (now: Date) => or(and(eq(outboxMessages.status, 'queued'), lte(outboxMessages.nextAttemptAt, now)), and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.leaseUntil, now)));

/**
 * Locks the message if it may be taken now. Another copy holding the lock is skipped, not waited
 * for, and what it took is no longer claimable once it commits: one copy sends.
 */
export async function lockClaimable(q: Queryable, id: string, now: Date): Promise<MessageRow | undefined> {
  const [row] = await q.select().from(outboxMessages).where(and(eq(outboxMessages.id, id), claimableSql(now))).for('update', { skipLocked: true });
  return row;
}

export async function dueMessageIds(q: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await q.select({ id: outboxMessages.id }).from(outboxMessages).where(claimableSql(now)).orderBy(asc(outboxMessages.nextAttemptAt)).limit(limit);
  return rows.map((r) => r.id);
}

export async function updateMessage(q: Queryable, id: string, patch: Partial<MessageInsert>) {
  await q.update(outboxMessages).set(patch).where(eq(outboxMessages.id, id));
}

/** The outcome of attempt `attempt`, written only if nothing (a receipt, a later attempt) moved the message on meanwhile. */
export async function finishAttempt(q: Queryable, id: string, attempt: number, patch: Partial<MessageInsert>): Promise<boolean> {
  const rows = await q
    .update(outboxMessages)
    .set(patch)
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'sending'), eq(outboxMessages.attempts, attempt)))
    .returning({ id: outboxMessages.id });
  return rows.length === 1;
}

/** A receipt applies to a message that has left (or is leaving): locked, so two receipts apply one after the other. */
export async function lockForReceipt(q: Queryable, id: string): Promise<MessageRow | undefined> {
  const [row] = await q.select().from(outboxMessages).where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['sending', 'sent', 'delivered', 'failed']))).for('update');
  return row;
}

/** The message a provider's report names by the id its send answered (Aliyun's BizId, Tencent's SerialNo), locked like `lockForReceipt`. */
export async function lockByProviderId(q: Queryable, provider: string, providerMessageId: string): Promise<MessageRow | undefined> {
  const [row] = await q
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.provider, provider), eq(outboxMessages.providerMessageId, providerMessageId), inArray(outboxMessages.status, ['sending', 'sent', 'delivered', 'failed'])))
    .limit(1)
    .for('update');
  return row;
}

/** The delivery status of an outbox message (queued, sending, sent, delivered, failed), for a module that wrote it (care's report). */
export function messageStatusSql(messageId: SQL | AnyColumn): SQL<string | null> {
  return sql<string | null>`(select o.status from ${outboxMessages} o where o.id = ${messageId})`;
}

/** For /metrics: messages by channel and status (both fixed sets). */
export async function messageCounts(q: Queryable): Promise<{ channel: string; status: string; count: number }[]> {
  return q.select({ channel: outboxMessages.channel, status: outboxMessages.status, count: sql<number>`count(*)::int` }).from(outboxMessages).groupBy(outboxMessages.channel, outboxMessages.status);
}

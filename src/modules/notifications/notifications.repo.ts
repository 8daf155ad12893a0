import { count, desc, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { outboxMessages } from './notifications.tables.js';

export type MessageInsert = typeof outboxMessages.$inferInsert;

export async function insertMessage(q: Queryable, row: MessageInsert) {
  await q.insert(outboxMessages).values(row);
}

export async function listMessages(q: Queryable, s: { limit: number; offset: number; unsentOnly: boolean }) {
  const condition = s.unsentOnly ? isNull(outboxMessages.sentAt) : undefined;
  const rows = await q.select().from(outboxMessages).where(condition).orderBy(desc(outboxMessages.createdAt)).limit(s.limit).offset(s.offset);
  const [{ total }] = await q.select({ total: count() }).from(outboxMessages).where(condition);
  return { rows, total };
}

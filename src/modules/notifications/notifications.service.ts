import { desc, isNull, count } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { outboxMessages } from './notifications.tables.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';

export type OutgoingMessage = {
  channel: 'sms' | 'email' | 'wechat';
  recipient: string;
  template: string;
  bodyZh: string;
  bodyEn: string;
  subject?: { kind: string; id: string };
};

/** Written inside the caller's transaction: the message exists exactly when the change does. */
export async function enqueueMessage(q: Queryable, clock: Clock, m: OutgoingMessage) {
  await q.insert(outboxMessages).values({ id: newId(), ...m, subject: m.subject ?? null, createdAt: clock.now() });
}

export function createNotificationsService({ db }: { db: Db }) {
  return {
    async list(caller: Caller, s: { limit: number; offset: number; unsentOnly: boolean }) {
      requirePermission(caller.principal, 'outbox.read');
      const condition = s.unsentOnly ? isNull(outboxMessages.sentAt) : undefined;
      const rows = await db.select().from(outboxMessages).where(condition).orderBy(desc(outboxMessages.createdAt)).limit(s.limit).offset(s.offset);
      const [{ total }] = await db.select({ total: count() }).from(outboxMessages).where(condition);
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })), total, limit: s.limit, offset: s.offset };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;

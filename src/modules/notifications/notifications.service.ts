import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import * as repo from './notifications.repo.js';
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
  await repo.insertMessage(q, { id: newId(), ...m, subject: m.subject ?? null, createdAt: clock.now() });
}

export function createNotificationsService({ db }: { db: Db }) {
  return {
    async list(caller: Caller, s: { limit: number; offset: number; unsentOnly: boolean }) {
      requirePermission(caller.principal, 'outbox.read');
      const { rows, total } = await repo.listMessages(db, s);
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })), total, limit: s.limit, offset: s.offset };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;

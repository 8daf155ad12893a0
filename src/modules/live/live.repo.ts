import { and, desc, asc, eq, gt, inArray, max, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { OrderScope } from '../../kernel/scopes.js';
import { liveEvents, liveReadMarks, liveReads } from './live.tables.js';
import type { Audience, LiveKind } from './live.rules.js';

export const CHANNEL = 'aftercare_live';

export type LiveEventRow = typeof liveEvents.$inferSelect & { read: boolean };

/** The events a scope hears of (live.rules.ts `hears`, as SQL). */
export function heardSql(scope: OrderScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'provider':
      return eq(liveEvents.providerId, scope.providerId);
    case 'technician':
      return eq(liveEvents.technicianId, scope.technicianId);
    default:
      return sql`false`;
  }
}

/**
 * Records one event about an order, with the order's number, provider, technician and status as
 * they stand in `q` (the step's own transaction), and tells every server copy once it commits.
 */
export async function insertEvent(q: Queryable, e: { kind: LiveKind; orderId: string; detail: Record<string, string | null>; at: Date }): Promise<Audience | null> {
  const result = await q.execute(sql`
    insert into live_events (kind, order_id, order_number, provider_id, technician_id, status, detail, occurred_at)
    select ${e.kind}, w.id, w.number, w.provider_id, w.technician_id, w.status, ${JSON.stringify(e.detail)}::jsonb, ${e.at.toISOString()}::timestamptz
    from work_orders w where w.id = ${e.orderId}
    returning provider_id, technician_id`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { provider_id: string | null; technician_id: string | null }[];
  return rows[0] ? { providerId: rows[0].provider_id, technicianId: rows[0].technician_id } : null;
}

export async function notify(q: Queryable, payload: string): Promise<void> {
  await q.execute(sql`select pg_notify(${CHANNEL}, ${payload})`);
}

const readSql = (userId: string) =>
  sql<boolean>`(${liveEvents.seq} <= coalesce((select ${liveReadMarks.readThrough} from ${liveReadMarks} where ${liveReadMarks.userId} = ${userId}), 0)
    or exists (select 1 from ${liveReads} where ${liveReads.userId} = ${userId} and ${liveReads.seq} = ${liveEvents.seq}))`;

/** What the scope heard after `afterSeq`, oldest first (a stream's replay and its news). */
export async function eventsAfter(q: Queryable, scope: OrderScope, userId: string, afterSeq: number, limit: number): Promise<LiveEventRow[]> {
  return (await q
    .select({ seq: liveEvents.seq, kind: liveEvents.kind, orderId: liveEvents.orderId, orderNumber: liveEvents.orderNumber, providerId: liveEvents.providerId, technicianId: liveEvents.technicianId, status: liveEvents.status, detail: liveEvents.detail, occurredAt: liveEvents.occurredAt, read: readSql(userId) })
    .from(liveEvents)
    .where(and(heardSql(scope), gt(liveEvents.seq, afterSeq)))
    .orderBy(asc(liveEvents.seq))
    .limit(limit)) as LiveEventRow[];
}

/** The newest the scope heard of, newest first (the bell's list). */
export async function latestEvents(q: Queryable, scope: OrderScope, userId: string, limit: number): Promise<LiveEventRow[]> {
  return (await q
    .select({ seq: liveEvents.seq, kind: liveEvents.kind, orderId: liveEvents.orderId, orderNumber: liveEvents.orderNumber, providerId: liveEvents.providerId, technicianId: liveEvents.technicianId, status: liveEvents.status, detail: liveEvents.detail, occurredAt: liveEvents.occurredAt, read: readSql(userId) })
    .from(liveEvents)
    .where(heardSql(scope))
    .orderBy(desc(liveEvents.seq))
    .limit(limit)) as LiveEventRow[];
}

/** Unread events of the scope, counted up to `cap` (the bell shows "99+" beyond). */
export async function unreadCount(q: Queryable, scope: OrderScope, userId: string, cap: number): Promise<number> {
  const inner = q
    .select({ one: sql`1` })
    .from(liveEvents)
    .where(and(heardSql(scope), sql`not ${readSql(userId)}`))
    .limit(cap)
    .as('unread');
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(inner);
  return Number(row?.n ?? 0);
}

/** The newest event's number (0: none yet): a new stream starts after it. */
export async function lastSeq(q: Queryable): Promise<number> {
  const [row] = await q.select({ seq: max(liveEvents.seq) }).from(liveEvents);
  return Number(row?.seq ?? 0);
}

/** Marks these events read for the user, those the scope heard of only; returns how many were newly marked. */
export async function markRead(q: Queryable, scope: OrderScope, userId: string, seqs: number[], at: Date): Promise<number> {
  if (seqs.length === 0) return 0;
  const heard = await q.select({ seq: liveEvents.seq }).from(liveEvents).where(and(heardSql(scope), inArray(liveEvents.seq, seqs)));
  if (heard.length === 0) return 0;
  const made = await q.insert(liveReads).values(heard.map((h) => ({ userId, seq: h.seq, readAt: at }))).onConflictDoNothing().returning({ seq: liveReads.seq });
  return made.length;
}

/** Everything heard so far is read: the mark moves to the newest event (never back). */
export async function markAllRead(q: Queryable, scope: OrderScope, userId: string, at: Date): Promise<number> {
  const [row] = await q.select({ seq: max(liveEvents.seq) }).from(liveEvents).where(heardSql(scope));
  const through = Number(row?.seq ?? 0);
  await q
    .insert(liveReadMarks)
    .values({ userId, readThrough: through, readAt: at })
    .onConflictDoUpdate({ target: liveReadMarks.userId, set: { readThrough: sql`greatest(${liveReadMarks.readThrough}, excluded.read_through)`, readAt: at } });
  await q.delete(liveReads).where(and(eq(liveReads.userId, userId), sql`${liveReads.seq} <= ${through}`));
  return through;
}

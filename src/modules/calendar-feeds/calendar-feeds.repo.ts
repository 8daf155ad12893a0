// All of calendar feeds' SQL.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { calendarFeeds } from './calendar-feeds.tables.js';

export type FeedRow = typeof calendarFeeds.$inferSelect;
export type Subject = { kind: 'technician' | 'provider'; id: string };

/** Serialises changes to one person's feed: two "new link" clicks at once leave one live link. */
export async function lockSubject(q: Queryable, s: Subject) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`calendar-feed:${s.kind}:${s.id}`}))`);
}

export async function liveFeed(q: Queryable, s: Subject): Promise<FeedRow | undefined> {
  const [row] = await q.select().from(calendarFeeds).where(and(eq(calendarFeeds.subjectKind, s.kind), eq(calendarFeeds.subjectId, s.id), isNull(calendarFeeds.revokedAt)));
  return row;
}

export async function findFeed(q: Queryable, id: string): Promise<FeedRow | undefined> {
  const [row] = await q.select().from(calendarFeeds).where(eq(calendarFeeds.id, id));
  return row;
}

export async function feedByToken(q: Queryable, tokenHash: string): Promise<FeedRow | undefined> {
  const [row] = await q.select().from(calendarFeeds).where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
  return row;
}

export async function insertFeed(q: Queryable, row: typeof calendarFeeds.$inferInsert) {
  const [made] = await q.insert(calendarFeeds).values(row).returning();
  return made;
}

export async function revokeFeed(q: Queryable, id: string, at: Date, by: string) {
  const [row] = await q.update(calendarFeeds).set({ revokedAt: at, revokedBy: by }).where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt))).returning();
  return row;
}

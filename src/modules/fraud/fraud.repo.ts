import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { orderNumberSql } from '../work-orders/index.js';
import { providerNameEnSql, providerNameSql } from '../network/index.js';
import { ruleCodes, type RuleCode } from './fraud.rules.js';
import { fraudOverdueReturns, fraudRules, fraudScoreHistory, fraudScores, fraudSettings } from './fraud.tables.js';

export type RuleRow = typeof fraudRules.$inferSelect;
export type ScoreRow = typeof fraudScores.$inferSelect;
export type HistoryRow = typeof fraudScoreHistory.$inferSelect;
/** A condition on an order id: the scores a caller may see are those of the orders they may see. */
export type OrderCondition = (orderId: SQL) => SQL;

export async function listRules(q: Queryable): Promise<RuleRow[]> {
  return q.select().from(fraudRules).orderBy(asc(fraudRules.code));
}

export async function findRule(q: Queryable, code: string): Promise<RuleRow | undefined> {
  const [row] = await q.select().from(fraudRules).where(eq(fraudRules.code, code));
  return row;
}

export async function updateRuleAtVersion(q: Queryable, code: string, version: number, patch: Partial<typeof fraudRules.$inferInsert>): Promise<RuleRow | undefined> {
  const [row] = await q.update(fraudRules).set({ ...patch, version: version + 1 }).where(and(eq(fraudRules.code, code), eq(fraudRules.version, version))).returning();
  return row;
}

export async function settings(q: Queryable) {
  const [row] = await q.select().from(fraudSettings).where(eq(fraudSettings.id, 'default'));
  return row;
}

export async function updateSettingsAtVersion(q: Queryable, version: number, patch: { holdScore: number; updatedAt: Date; updatedBy: string }) {
  const [row] = await q.update(fraudSettings).set({ ...patch, version: version + 1 }).where(and(eq(fraudSettings.id, 'default'), eq(fraudSettings.version, version))).returning();
  return row;
}

/** The order's score row, locked for the scoring or decision that reads it (two re-scores queue here). */
export async function scoreForUpdate(q: Queryable, orderId: string): Promise<ScoreRow | undefined> {
  const [row] = await q.select().from(fraudScores).where(eq(fraudScores.orderId, orderId)).for('update');
  return row;
}

export async function findScore(q: Queryable, orderId: string, visible: OrderCondition): Promise<ScoreRow | undefined> {
  const [row] = await q.select().from(fraudScores).where(and(eq(fraudScores.orderId, orderId), visible(sql`${fraudScores.orderId}`)));
  return row;
}

/** The first score of an order; undefined when another scoring made the row first. */
export async function insertScore(q: Queryable, row: typeof fraudScores.$inferInsert): Promise<ScoreRow | undefined> {
  const [made] = await q.insert(fraudScores).values(row).onConflictDoNothing().returning();
  return made;
}

export async function updateScore(q: Queryable, orderId: string, patch: Partial<typeof fraudScores.$inferInsert>): Promise<ScoreRow> {
  const [row] = await q
    .update(fraudScores)
    .set({ ...patch, version: sql`${fraudScores.version} + 1`, scorings: sql`${fraudScores.scorings} + 1` })
    .where(eq(fraudScores.orderId, orderId))
    .returning();
  return row;
}

/** The decision, when the order is still held at `version`; undefined otherwise (another reviewer won). */
export async function decideAtVersion(q: Queryable, orderId: string, version: number, patch: Partial<typeof fraudScores.$inferInsert>): Promise<ScoreRow | undefined> {
  const [row] = await q
    .update(fraudScores)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(fraudScores.orderId, orderId), eq(fraudScores.version, version), eq(fraudScores.status, 'held')))
    .returning();
  return row;
}

export async function insertHistory(q: Queryable, row: typeof fraudScoreHistory.$inferInsert) {
  await q.insert(fraudScoreHistory).values(row);
}

export async function historyOf(q: Queryable, orderId: string): Promise<HistoryRow[]> {
  return q.select().from(fraudScoreHistory).where(eq(fraudScoreHistory.orderId, orderId)).orderBy(asc(fraudScoreHistory.seq));
}

/** The queue: held orders, highest score first; or any status asked for, newest decision first. */
export async function listScores(q: Queryable, f: { visible: OrderCondition; status?: string; providerId?: string; limit: number; offset: number }) {
  const where = [f.visible(sql`${fraudScores.orderId}`)];
  if (f.status) where.push(eq(fraudScores.status, f.status as ScoreRow['status']));
  if (f.providerId) where.push(eq(fraudScores.providerId, f.providerId));
  const condition = and(...where);
  const rows = await q
    .select({ score: fraudScores, number: orderNumberSql(sql`${fraudScores.orderId}`), providerName: providerNameSql(sql`${fraudScores.providerId}`), providerNameEn: providerNameEnSql(sql`${fraudScores.providerId}`) })
    .from(fraudScores)
    .where(condition)
    .orderBy(desc(fraudScores.score), desc(fraudScores.scoredAt), asc(fraudScores.orderId))
    .limit(f.limit)
    .offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(fraudScores).where(condition);
  return { rows, total };
}

/** Per provider, orders scored in [from, to) and how many each rule flagged. */
export async function flaggedByProvider(q: Queryable, f: { visible: OrderCondition; from: Date; to: Date }) {
  const inRange = and(f.visible(sql`${fraudScores.orderId}`), gte(fraudScores.scoredAt, f.from), lt(fraudScores.scoredAt, f.to), sql`${fraudScores.providerId} is not null`);
  // One filtered count per rule: a signal of the rule in the order's latest explanation.
  const perRule = Object.fromEntries(ruleCodes.map((c) => [c, sql<number>`(count(*) filter (where ${fraudScores.signals} @> ${JSON.stringify([{ code: c }])}::jsonb))::int`]));
  const rows = await q
    .select({ providerId: fraudScores.providerId, name: providerNameSql(sql`${fraudScores.providerId}`), nameEn: providerNameEnSql(sql`${fraudScores.providerId}`), scored: count(), ...perRule })
    .from(fraudScores)
    .where(inRange)
    .groupBy(fraudScores.providerId)
    .orderBy(asc(fraudScores.providerId));
  return rows.map((r) => {
    const row = r as unknown as Record<string, unknown>;
    return { providerId: r.providerId as string, name: r.name, nameEn: r.nameEn, scored: Number(r.scored), flagged: Object.fromEntries(ruleCodes.map((c) => [c, Number(row[c])])) as Record<RuleCode, number> };
  });
}

// For settlement (read in its own transaction): what is held, what was confirmed.

/** Which of these orders of the provider are held for fraud review (settlement leaves them to a later period). */
export async function heldOrderIds(q: Queryable, providerId: string, orderIds: string[]): Promise<Set<string>> {
  if (!orderIds.length) return new Set();
  const rows = await q
    .select({ orderId: fraudScores.orderId })
    .from(fraudScores)
    .where(and(eq(fraudScores.providerId, providerId), eq(fraudScores.status, 'held'), inArray(fraudScores.orderId, orderIds)));
  return new Set(rows.map((r) => r.orderId));
}

/** The provider's orders confirmed as fraud in [from, to), for a penalty rule: the order, its score, the reason, when. */
export async function confirmedFraud(q: Queryable, providerId: string, from: Date, to: Date) {
  return q
    .select({ orderId: fraudScores.orderId, score: fraudScores.score, reason: fraudScores.decisionReason, confirmedAt: fraudScores.decidedAt, confirmedBy: fraudScores.decidedBy })
    .from(fraudScores)
    .where(and(eq(fraudScores.providerId, providerId), eq(fraudScores.status, 'confirmed'), gte(fraudScores.decidedAt, from), lt(fraudScores.decidedAt, to)))
    .orderBy(asc(fraudScores.decidedAt), asc(fraudScores.orderId));
}

/** For settlement: the order is held for fraud review (its settlement waits until it is released). As `in` over the held orders (few by nature), read once into a hash, as openFeeDisputeSql. */
export function heldForFraudSql(orderId: SQL): SQL<boolean> {
  return sql<boolean>`(${orderId} in (select f.order_id from ${fraudScores} f where f.status = 'held'))`;
}

/** For settlement: the order was confirmed as fraud (a penalty rule counts it). */
export function confirmedFraudSql(orderId: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${fraudScores} f where f.order_id = ${orderId} and f.status = 'confirmed')`;
}

/**
 * Claims the old-part returns whose deadline passed before `now` unshipped (and not yet marked
 * missing) that no run has re-scored yet, at most `limit`; answers their orders. A return claimed by
 * another run at once waits on its key and is then skipped: each is claimed once.
 */
export async function claimOverdueReturns(q: Queryable, now: Date, limit: number): Promise<string[]> {
  // The parts module's obligations, read as one statement (as its exported fragments are): the claim and the read are one snapshot.
  const r = await q.execute(sql`
    insert into ${fraudOverdueReturns} (return_id, order_id, rescored_at)
    select r.id, r.order_id, ${now}::timestamptz from old_part_returns r
    where r.due_at < ${now} and r.shipped_at is null and r.missing_at is null
      and not exists (select 1 from ${fraudOverdueReturns} x where x.return_id = r.id)
    order by r.due_at limit ${limit}
    on conflict do nothing
    returning order_id`);
  return [...new Set((r as unknown as { rows: { order_id: string }[] }).rows.map((x) => x.order_id))];
}

import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { providerNameEnSql, providerNameSql } from '../network/index.js';
import { feeDisputeEvidence, feeDisputeHistory, feeDisputes } from './disputes.tables.js';

export type DisputeRow = typeof feeDisputes.$inferSelect;
export type HistoryRow = typeof feeDisputeHistory.$inferSelect;
export type EvidenceRow = typeof feeDisputeEvidence.$inferSelect;
/** A condition on a dispute's order id: the disputes a caller may see are those of the orders they may see. */
export type OrderCondition = (orderId: SQL) => SQL;

/** Undefined when the line has an open dispute already (the partial unique index decides, also for two at once). */
export async function insertDispute(q: Queryable, row: typeof feeDisputes.$inferInsert): Promise<DisputeRow | undefined> {
  const [made] = await q.insert(feeDisputes).values(row).onConflictDoNothing().returning();
  return made;
}

export async function findDispute(q: Queryable, id: string, visible: OrderCondition): Promise<DisputeRow | undefined> {
  const [row] = await q.select().from(feeDisputes).where(and(eq(feeDisputes.id, id), visible(sql`${feeDisputes.orderId}`)));
  return row;
}

/** Writes the patch and the next version when the dispute is still open at `version`; undefined otherwise (someone else won). */
export async function updateOpenAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof feeDisputes.$inferInsert>): Promise<DisputeRow | undefined> {
  const [row] = await q
    .update(feeDisputes)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(feeDisputes.id, id), eq(feeDisputes.version, version), eq(feeDisputes.status, 'open')))
    .returning();
  return row;
}

export async function openByLine(q: Queryable, lineIds: string[]): Promise<Map<string, string>> {
  if (!lineIds.length) return new Map();
  const rows = await q.select({ lineId: feeDisputes.lineId, id: feeDisputes.id }).from(feeDisputes).where(and(inArray(feeDisputes.lineId, lineIds), eq(feeDisputes.status, 'open')));
  return new Map(rows.map((r) => [r.lineId, r.id]));
}

export async function insertHistory(q: Queryable, row: typeof feeDisputeHistory.$inferInsert) {
  await q.insert(feeDisputeHistory).values(row);
}

export async function historyOf(q: Queryable, id: string): Promise<HistoryRow[]> {
  return q.select().from(feeDisputeHistory).where(eq(feeDisputeHistory.disputeId, id)).orderBy(asc(feeDisputeHistory.seq));
}

/**
 * The queue: overdue open disputes first (most overdue first), then the other open ones by due
 * time, then the decided, newest first (the order queueOrder in disputes.rules.ts states).
 */
export async function listDisputes(q: Queryable, f: { visible: OrderCondition; now: Date; status?: string; orderId?: string; limit: number; offset: number }) {
  const where = [f.visible(sql`${feeDisputes.orderId}`)];
  if (f.status) where.push(eq(feeDisputes.status, f.status));
  if (f.orderId) where.push(eq(feeDisputes.orderId, f.orderId));
  const condition = and(...where);
  const rank = sql`case when ${feeDisputes.status} <> 'open' then 2 when ${feeDisputes.dueAt} < ${f.now} then 0 else 1 end`;
  const rows = await q
    .select()
    .from(feeDisputes)
    .where(condition)
    .orderBy(asc(rank), sql`case when ${feeDisputes.status} = 'open' then ${feeDisputes.dueAt} end asc`, desc(feeDisputes.createdAt), asc(feeDisputes.id))
    .limit(f.limit)
    .offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(feeDisputes).where(condition);
  return { rows, total };
}

/** Disputes raised in [from, to) the caller may see, counted by provider and by reason, with the amounts disputed and credited. */
export async function statistics(q: Queryable, f: { visible: OrderCondition; from: Date; to: Date }) {
  const inRange = and(f.visible(sql`${feeDisputes.orderId}`), gte(feeDisputes.createdAt, f.from), lt(feeDisputes.createdAt, f.to));
  const figures = {
    disputes: count(),
    decided: sql<string>`count(*) filter (where ${feeDisputes.status} in ('upheld', 'partly_upheld', 'rejected'))`,
    upheld: sql<string>`count(*) filter (where ${feeDisputes.status} in ('upheld', 'partly_upheld'))`,
    disputedFen: sql<string>`coalesce(sum(${feeDisputes.disputedFen}), 0)`,
    creditedFen: sql<string>`coalesce(sum(${feeDisputes.creditFen}), 0)`,
    currency: feeDisputes.currency,
  };
  const byProvider = await q
    .select({ providerId: feeDisputes.providerId, name: providerNameSql(sql`${feeDisputes.providerId}`), nameEn: providerNameEnSql(sql`${feeDisputes.providerId}`), ...figures })
    .from(feeDisputes)
    .where(inRange)
    .groupBy(feeDisputes.providerId, feeDisputes.currency)
    .orderBy(asc(feeDisputes.providerId));
  const byReason = await q.select({ reason: feeDisputes.reason, ...figures }).from(feeDisputes).where(inRange).groupBy(feeDisputes.reason, feeDisputes.currency).orderBy(asc(feeDisputes.reason));
  return { byProvider, byReason };
}

export async function insertEvidence(q: Queryable, row: typeof feeDisputeEvidence.$inferInsert) {
  const [made] = await q.insert(feeDisputeEvidence).values(row).returning({ id: feeDisputeEvidence.id, disputeId: feeDisputeEvidence.disputeId, contentType: feeDisputeEvidence.contentType, bytes: feeDisputeEvidence.bytes, sha256: feeDisputeEvidence.sha256, uploadedByKind: feeDisputeEvidence.uploadedByKind, uploadedBy: feeDisputeEvidence.uploadedBy, uploadedAt: feeDisputeEvidence.uploadedAt });
  return made;
}

/** A dispute's files without their bytes, oldest first. */
export async function evidenceOf(q: Queryable, disputeId: string) {
  return evidenceOfMany(q, [disputeId]);
}

/** The files of these disputes without their bytes, oldest first (a page of the list in one query). */
export async function evidenceOfMany(q: Queryable, disputeIds: string[]) {
  if (!disputeIds.length) return [];
  return q
    .select({ id: feeDisputeEvidence.id, disputeId: feeDisputeEvidence.disputeId, contentType: feeDisputeEvidence.contentType, bytes: feeDisputeEvidence.bytes, sha256: feeDisputeEvidence.sha256, uploadedByKind: feeDisputeEvidence.uploadedByKind, uploadedBy: feeDisputeEvidence.uploadedBy, uploadedAt: feeDisputeEvidence.uploadedAt })
    .from(feeDisputeEvidence)
    .where(inArray(feeDisputeEvidence.disputeId, disputeIds))
    .orderBy(asc(feeDisputeEvidence.uploadedAt), asc(feeDisputeEvidence.id));
}

export async function evidenceFile(q: Queryable, id: string): Promise<EvidenceRow | undefined> {
  const [row] = await q.select().from(feeDisputeEvidence).where(eq(feeDisputeEvidence.id, id));
  return row;
}

/** Locks the dispute row (evidence added one at a time, so the count limit holds). */
export async function lockDispute(q: Queryable, id: string) {
  await q.select({ id: feeDisputes.id }).from(feeDisputes).where(eq(feeDisputes.id, id)).for('update');
}

/**
 * For settlement: the order has a fee dispute still open (its settlement waits). Written as `in`
 * over the open disputes (few by nature) so a month's drafts read them once into a hash: as an
 * `exists`, with no dispute open the planner re-scanned the empty table once per order, and each
 * rescan asks the file system for the table's size (1.1–1.5 s of backend CPU at 500,000 orders).
 */
export function openFeeDisputeSql(orderId: SQL): SQL<boolean> {
  return sql<boolean>`(${orderId} in (select d.order_id from ${feeDisputes} d where d.status = 'open'))`;
}

/** For settlement: a dispute of the order's fees was upheld (in full or in part). */
export function upheldFeeDisputeSql(orderId: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${feeDisputes} d where d.order_id = ${orderId} and d.status in ('upheld', 'partly_upheld'))`;
}

import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { serviceContractHistory, serviceContractReminders, serviceContractVisits, serviceContracts } from './contracts.tables.js';

export type ContractRow = typeof serviceContracts.$inferSelect;
export type VisitRow = typeof serviceContractVisits.$inferSelect;
export type HistoryRow = typeof serviceContractHistory.$inferSelect;

export async function insertContract(q: Queryable, row: typeof serviceContracts.$inferInsert) {
  await q.insert(serviceContracts).values(row);
}

/** A renewal, unless the contract has one already (the unique key on renewed_from): whether it was written. */
export async function insertRenewal(q: Queryable, row: typeof serviceContracts.$inferInsert): Promise<boolean> {
  const r = await q.insert(serviceContracts).values(row).onConflictDoNothing({ target: serviceContracts.renewedFrom }).returning({ id: serviceContracts.id });
  return r.length === 1;
}

/** Which of these contracts have been renewed. */
export async function renewedOnes(q: Queryable, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await q.select({ from: serviceContracts.renewedFrom }).from(serviceContracts).where(inArray(serviceContracts.renewedFrom, ids));
  return new Set(rows.map((r) => r.from!));
}

export async function contractById(q: Queryable, id: string, forUpdate = false): Promise<ContractRow | undefined> {
  const base = q.select().from(serviceContracts).where(eq(serviceContracts.id, id));
  return (await (forUpdate ? base.for('update') : base))[0];
}

export async function contractsOfUnit(q: Queryable, unitId: string): Promise<ContractRow[]> {
  return q.select().from(serviceContracts).where(eq(serviceContracts.unitId, unitId)).orderBy(desc(serviceContracts.soldAt), asc(serviceContracts.id));
}

/** Active contracts whose term holds `day`, for the warranty answer (units reads it through the root's bridge). */
export async function activeContractsOn(q: Queryable, unitId: string, day: string): Promise<ContractRow[]> {
  return q
    .select()
    .from(serviceContracts)
    .where(and(eq(serviceContracts.unitId, unitId), eq(serviceContracts.status, 'active'), lte(serviceContracts.startsOn, day), gte(serviceContracts.endsOn, day)));
}

/** Compare-and-set on the version: null when someone changed it first. */
export async function updateContract(q: Queryable, id: string, version: number, set: Partial<typeof serviceContracts.$inferInsert>): Promise<ContractRow | undefined> {
  const rows = await q
    .update(serviceContracts)
    .set({ ...set, version: sql`${serviceContracts.version} + 1` })
    .where(and(eq(serviceContracts.id, id), eq(serviceContracts.version, version)))
    .returning();
  return rows[0];
}

export async function appendHistory(q: Queryable, rows: (typeof serviceContractHistory.$inferInsert)[]) {
  if (rows.length) await q.insert(serviceContractHistory).values(rows);
}

export async function historyOf(q: Queryable, ids: string[]): Promise<HistoryRow[]> {
  if (!ids.length) return [];
  return q.select().from(serviceContractHistory).where(inArray(serviceContractHistory.contractId, ids)).orderBy(asc(serviceContractHistory.at), asc(serviceContractHistory.id));
}

export async function planVisits(q: Queryable, rows: (typeof serviceContractVisits.$inferInsert)[]) {
  if (rows.length) await q.insert(serviceContractVisits).values(rows).onConflictDoNothing();
}

export async function visitsOf(q: Queryable, ids: string[]): Promise<VisitRow[]> {
  if (!ids.length) return [];
  return q.select().from(serviceContractVisits).where(inArray(serviceContractVisits.contractId, ids)).orderBy(asc(serviceContractVisits.dueOn));
}

export async function usedVisits(q: Queryable, contractId: string): Promise<number> {
  const [r] = await q.select({ n: sql<number>`count(*)::int` }).from(serviceContractVisits).where(and(eq(serviceContractVisits.contractId, contractId), eq(serviceContractVisits.status, 'ordered')));
  return Number(r?.n ?? 0);
}

export async function cancelPlannedVisits(q: Queryable, contractId: string) {
  await q.update(serviceContractVisits).set({ status: 'cancelled' }).where(and(eq(serviceContractVisits.contractId, contractId), eq(serviceContractVisits.status, 'planned')));
}

/** Planned visits due by `until` of active contracts, oldest first. */
export async function visitsDue(q: Queryable, until: string, limit: number) {
  return q
    .select({ visit: serviceContractVisits, contract: serviceContracts })
    .from(serviceContractVisits)
    .innerJoin(serviceContracts, eq(serviceContracts.id, serviceContractVisits.contractId))
    .where(and(eq(serviceContractVisits.status, 'planned'), lte(serviceContractVisits.dueOn, until), eq(serviceContracts.status, 'active')))
    .orderBy(asc(serviceContractVisits.dueOn))
    .limit(limit);
}

/** Claims a planned visit: only one copy of the job gets it back (the status moves once). */
export async function claimVisit(q: Queryable, visitId: string): Promise<boolean> {
  const rows = await q.update(serviceContractVisits).set({ status: 'ordered' }).where(and(eq(serviceContractVisits.id, visitId), eq(serviceContractVisits.status, 'planned'))).returning({ id: serviceContractVisits.id });
  return rows.length === 1;
}

export async function setVisitOrder(q: Queryable, visitId: string, orderId: string) {
  await q.update(serviceContractVisits).set({ orderId }).where(eq(serviceContractVisits.id, visitId));
}

export async function endingBetween(q: Queryable, from: string, to: string, limit: number): Promise<ContractRow[]> {
  return q
    .select()
    .from(serviceContracts)
    .where(and(eq(serviceContracts.status, 'active'), gte(serviceContracts.endsOn, from), lte(serviceContracts.endsOn, to)))
    .orderBy(asc(serviceContracts.endsOn), asc(serviceContracts.id))
    .limit(limit);
}

/** The reminder's key: true for the one copy that wrote it. */
export async function claimReminder(q: Queryable, contractId: string, endsOn: string, at: Date): Promise<boolean> {
  const rows = await q.insert(serviceContractReminders).values({ contractId, endsOn, sentAt: at }).onConflictDoNothing().returning({ id: serviceContractReminders.contractId });
  return rows.length === 1;
}

/** The customers' paid service products (contracts, less what a cancellation owed back): count, sum in fen, the latest sale — loyalty's facts. */
export async function contractSpendByCustomer(q: Queryable, customerIds: string[]): Promise<Map<string, { contracts: number; fen: number; lastSoldOn: string | null }>> {
  if (!customerIds.length) return new Map();
  const rows = await q
    .select({
      customerId: serviceContracts.customerId,
      n: sql<number>`count(*)::int`,
      fen: sql<string>`sum(${serviceContracts.priceFen} - coalesce(${serviceContracts.refundOwedFen}, 0))`,
      last: sql<string | null>`max(${serviceContracts.soldAt})::date::text`,
    })
    .from(serviceContracts)
    .where(inArray(serviceContracts.customerId, customerIds))
    .groupBy(serviceContracts.customerId);
  return new Map(rows.map((r) => [r.customerId, { contracts: Number(r.n), fen: Number(r.fen), lastSoldOn: r.last }]));
}

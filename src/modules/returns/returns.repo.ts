import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { providerNameEnSql, providerNameSql } from '../network/index.js';
import { orderGistSql } from '../work-orders/index.js';
import { returnAppraisals, returnAppraisalSignatures, returnCaseHistory, returnCaseLines, returnCases, returnPolicies } from './returns.tables.js';

export type CaseRow = typeof returnCases.$inferSelect;
export type LineRow = typeof returnCaseLines.$inferSelect;
export type AppraisalRow = typeof returnAppraisals.$inferSelect;
export type LineInsert = typeof returnCaseLines.$inferInsert;
export type HistoryRow = typeof returnCaseHistory.$inferSelect;
export type PolicyRow = typeof returnPolicies.$inferSelect;
/** A condition on a case's order id: the cases a caller may see are those of the orders they may see. */
export type OrderCondition = (orderId: SQL) => SQL;

/** Undefined when the order has a case in progress already. */
export async function insertCase(q: Queryable, row: typeof returnCases.$inferInsert): Promise<CaseRow | undefined> {
  const [made] = await q.insert(returnCases).values(row).onConflictDoNothing().returning();
  return made;
}

export async function insertLines(q: Queryable, rows: (typeof returnCaseLines.$inferInsert)[]) {
  await q.insert(returnCaseLines).values(rows);
}

export async function findCase(q: Queryable, id: string, visible: OrderCondition): Promise<CaseRow | undefined> {
  const [row] = await q.select().from(returnCases).where(and(eq(returnCases.id, id), visible(sql`${returnCases.orderId}`)));
  return row;
}

/** Writes the patch and the next version when the case is still at `version`; undefined otherwise (someone else won). */
export async function updateCaseAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof returnCases.$inferInsert>): Promise<CaseRow | undefined> {
  const [row] = await q.update(returnCases).set({ ...patch, version: version + 1 }).where(and(eq(returnCases.id, id), eq(returnCases.version, version))).returning();
  return row;
}

export async function linesOf(q: Queryable, caseIds: string[]): Promise<LineRow[]> {
  if (caseIds.length === 0) return [];
  return q.select().from(returnCaseLines).where(inArray(returnCaseLines.caseId, caseIds)).orderBy(asc(returnCaseLines.caseId), asc(returnCaseLines.id));
}

/** The line whose pickup visit this order is, with its case; locked (the visit's completion and a desk's step meet here). */
export async function lineOfPickup(q: Queryable, orderId: string): Promise<{ line: LineRow; case: CaseRow } | undefined> {
  const [row] = await q.select({ line: returnCaseLines, case: returnCases }).from(returnCaseLines).innerJoin(returnCases, eq(returnCases.id, returnCaseLines.caseId)).where(eq(returnCaseLines.pickupOrderId, orderId)).for('update');
  return row;
}

export async function updateLine(q: Queryable, id: string, patch: Partial<typeof returnCaseLines.$inferInsert>) {
  await q.update(returnCaseLines).set(patch).where(eq(returnCaseLines.id, id));
}

/** Undefined when the line has its appraisal already. */
export async function insertAppraisal(q: Queryable, row: typeof returnAppraisals.$inferInsert): Promise<AppraisalRow | undefined> {
  const [made] = await q.insert(returnAppraisals).values(row).onConflictDoNothing().returning();
  return made;
}

export async function appraisalsOf(q: Queryable, caseId: string): Promise<AppraisalRow[]> {
  return q.select().from(returnAppraisals).where(eq(returnAppraisals.caseId, caseId)).orderBy(asc(returnAppraisals.appraisedAt));
}

export async function signaturesOf(q: Queryable, appraisalIds: string[]) {
  if (appraisalIds.length === 0) return [];
  return q.select().from(returnAppraisalSignatures).where(inArray(returnAppraisalSignatures.appraisalId, appraisalIds)).orderBy(asc(returnAppraisalSignatures.signedAt));
}

/** False when this person has signed already. */
export async function insertSignature(q: Queryable, row: typeof returnAppraisalSignatures.$inferInsert): Promise<boolean> {
  const made = await q.insert(returnAppraisalSignatures).values(row).onConflictDoNothing().returning({ signer: returnAppraisalSignatures.signer });
  return made.length > 0;
}

export async function insertHistory(q: Queryable, rows: (typeof returnCaseHistory.$inferInsert)[]) {
  if (rows.length) await q.insert(returnCaseHistory).values(rows);
}

export async function historyOf(q: Queryable, caseId: string): Promise<HistoryRow[]> {
  return q.select().from(returnCaseHistory).where(eq(returnCaseHistory.caseId, caseId)).orderBy(asc(returnCaseHistory.at), asc(returnCaseHistory.seq));
}

export async function listCases(q: Queryable, f: { visible: OrderCondition; status?: string; customerId?: string; limit: number; offset: number }) {
  const where = [f.visible(sql`${returnCases.orderId}`)];
  if (f.status) where.push(eq(returnCases.status, f.status));
  if (f.customerId) where.push(eq(returnCases.customerId, f.customerId));
  const condition = and(...where);
  const rows = await q.select().from(returnCases).where(condition).orderBy(desc(returnCases.createdAt), asc(returnCases.id)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(returnCases).where(condition);
  return { rows, total };
}

export async function policy(q: Queryable): Promise<PolicyRow> {
  const [row] = await q.select().from(returnPolicies).where(eq(returnPolicies.id, 'default'));
  return row;
}

export async function updatePolicyAtVersion(q: Queryable, version: number, patch: Partial<typeof returnPolicies.$inferInsert>): Promise<PolicyRow | undefined> {
  const [row] = await q.update(returnPolicies).set({ ...patch, version: version + 1 }).where(and(eq(returnPolicies.id, 'default'), eq(returnPolicies.version, version))).returning();
  return row;
}

/** Cases opened in [from, to) the caller may see: their lines counted by responsibility, decision and provider, with the refunds paid. */
export async function statistics(q: Queryable, f: { visible: OrderCondition; from: Date; to: Date }) {
  const inRange = and(f.visible(sql`${returnCases.orderId}`), gte(returnCases.createdAt, f.from), lt(returnCases.createdAt, f.to));
  // One row per line with what it is counted by; refunds count once paid (the case carried out or closed).
  const l = q
    .select({
      providerId: sql<string | null>`(${orderGistSql(sql`${returnCases.orderId}`)} ->> 'providerId')`.as('provider_id'),
      responsibility: sql<string | null>`(select a.responsibility from ${returnAppraisals} a where a.line_id = ${returnCaseLines.id})`.as('responsibility'),
      decision: sql<string | null>`${returnCaseLines.decision}`.as('decision'),
      currency: sql<string>`${returnCaseLines.currency}`.as('currency'),
      paidFen: sql<number>`case when ${returnCaseLines.decision} = 'refund' and ${returnCases.status} in ('executed', 'closed') then ${returnCaseLines.refundFen} else 0 end`.as('paid_fen'),
    })
    .from(returnCaseLines)
    .innerJoin(returnCases, eq(returnCases.id, returnCaseLines.caseId))
    .where(inRange)
    .as('l');
  const refunded = sql<string>`coalesce(sum(${l.paidFen}), 0)`;
  const by = (key: SQL<string | null>) => q.select({ key, lines: count(), currency: l.currency, refundFen: refunded }).from(l).groupBy(key, l.currency).orderBy(key);
  const byResponsibility = await by(sql<string | null>`${l.responsibility}`);
  const byDecision = await by(sql<string | null>`${l.decision}`);
  const byProvider = await q
    .select({ key: l.providerId, name: providerNameSql(sql`${l.providerId}::uuid`), nameEn: providerNameEnSql(sql`${l.providerId}::uuid`), lines: count(), currency: l.currency, refundFen: refunded })
    .from(l)
    .groupBy(l.providerId, l.currency);
  const totals = await q.select({ currency: l.currency, refundFen: refunded }).from(l).groupBy(l.currency);
  const byStatus = await q.select({ key: returnCases.status, cases: count() }).from(returnCases).where(inRange).groupBy(returnCases.status).orderBy(returnCases.status);
  return { byResponsibility, byDecision, byProvider, byStatus, totals };
}

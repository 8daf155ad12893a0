import { and, asc, desc, eq, gte, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { customerValues, loyaltyInvitations, loyaltyRuns, loyaltyTierChanges, loyaltyTierRules, referralCodes, referrals, salesLeadHistory, salesLeads } from './loyalty.tables.js';

export type TierRuleRow = typeof loyaltyTierRules.$inferSelect;
export type ChangeRow = typeof loyaltyTierChanges.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type LeadRow = typeof salesLeads.$inferSelect;
export type ValueRow = typeof customerValues.$inferSelect;

export async function tierRules(q: Queryable): Promise<TierRuleRow[]> {
  return q.select().from(loyaltyTierRules).orderBy(asc(loyaltyTierRules.tier));
}

export async function tierRule(q: Queryable, tier: string): Promise<TierRuleRow | undefined> {
  return (await q.select().from(loyaltyTierRules).where(eq(loyaltyTierRules.tier, tier)))[0];
}

export async function insertTierRule(q: Queryable, row: typeof loyaltyTierRules.$inferInsert): Promise<TierRuleRow | undefined> {
  return (await q.insert(loyaltyTierRules).values(row).onConflictDoNothing().returning())[0];
}

export async function updateTierRule(q: Queryable, tier: string, version: number, set: Partial<typeof loyaltyTierRules.$inferInsert>): Promise<TierRuleRow | undefined> {
  return (await q.update(loyaltyTierRules).set({ ...set, version: sql`${loyaltyTierRules.version} + 1` }).where(and(eq(loyaltyTierRules.tier, tier), eq(loyaltyTierRules.version, version))).returning())[0];
}

/** The planner's weight per tier, where a rule sets one (dispatch reads it through the root's bridge). */
export async function plannerBonuses(q: Queryable): Promise<Map<string, number>> {
  const rows = await q.select({ tier: loyaltyTierRules.tier, bonus: loyaltyTierRules.plannerBonus }).from(loyaltyTierRules).where(isNotNull(loyaltyTierRules.plannerBonus));
  return new Map(rows.map((r) => [r.tier, r.bonus!]));
}

/** The tier's fee discount in percent (0 when none), for fees' who-pays (through the root's bridge). */
export async function feeDiscountPercent(q: Queryable, tier: string): Promise<number> {
  return (await tierRule(q, tier))?.feeDiscountPercent ?? 0;
}

/** The tier's free visits per year (0 when none), for fees' who-pays (through the root's bridge). */
export async function freeVisitsPerYear(q: Queryable, tier: string): Promise<number> {
  return (await tierRule(q, tier))?.freeVisitsPerYear ?? 0;
}

/** Claims the night: true for the one copy that wrote the run row. */
export async function claimRun(q: Queryable, runDay: string, at: Date): Promise<boolean> {
  return (await q.insert(loyaltyRuns).values({ runDay, startedAt: at }).onConflictDoNothing().returning({ d: loyaltyRuns.runDay })).length === 1;
}

export async function finishRun(q: Queryable, runDay: string, at: Date, customers: number, changed: number) {
  await q.update(loyaltyRuns).set({ finishedAt: at, customers, changed }).where(eq(loyaltyRuns.runDay, runDay));
}

export async function runOf(q: Queryable, runDay: string) {
  return (await q.select().from(loyaltyRuns).where(eq(loyaltyRuns.runDay, runDay)))[0];
}

export async function invitationsOf(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await q.select().from(loyaltyInvitations).where(inArray(loyaltyInvitations.customerId, ids));
  return new Map(rows.map((r) => [r.customerId, r.tier]));
}

export async function upsertInvitation(q: Queryable, row: typeof loyaltyInvitations.$inferInsert) {
  await q.insert(loyaltyInvitations).values(row).onConflictDoUpdate({ target: loyaltyInvitations.customerId, set: { tier: row.tier, by: row.by, at: row.at, reason: row.reason } });
}

export async function deleteInvitation(q: Queryable, customerId: string): Promise<boolean> {
  return (await q.delete(loyaltyInvitations).where(eq(loyaltyInvitations.customerId, customerId)).returning({ id: loyaltyInvitations.customerId })).length === 1;
}

/** The latest change per customer (for the downgrade grace). */
export async function lastChanges(q: Queryable, ids: string[]): Promise<Map<string, Date>> {
  if (!ids.length) return new Map();
  const rows = await q.select({ id: loyaltyTierChanges.customerId, at: sql<string>`max(${loyaltyTierChanges.at})` }).from(loyaltyTierChanges).where(inArray(loyaltyTierChanges.customerId, ids)).groupBy(loyaltyTierChanges.customerId);
  return new Map(rows.map((r) => [r.id, new Date(r.at)]));
}

/** A change row; false when this night already changed this customer (the key). */
export async function insertChange(q: Queryable, row: typeof loyaltyTierChanges.$inferInsert): Promise<boolean> {
  return (await q.insert(loyaltyTierChanges).values(row).onConflictDoNothing().returning({ id: loyaltyTierChanges.id })).length === 1;
}

export async function changesOf(q: Queryable, customerId: string): Promise<ChangeRow[]> {
  return q.select().from(loyaltyTierChanges).where(eq(loyaltyTierChanges.customerId, customerId)).orderBy(desc(loyaltyTierChanges.at), desc(loyaltyTierChanges.id)).limit(100);
}

export async function rewardedReferralCounts(q: Queryable, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await q.select({ id: referrals.referrerId, n: sql<number>`count(*)::int` }).from(referrals).where(and(inArray(referrals.referrerId, ids), eq(referrals.status, 'rewarded'))).groupBy(referrals.referrerId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function upsertValues(q: Queryable, rows: (typeof customerValues.$inferInsert)[]) {
  if (!rows.length) return;
  await q
    .insert(customerValues)
    .values(rows)
    .onConflictDoUpdate({
      target: customerValues.customerId,
      set: { recency: sql`excluded.recency`, frequency: sql`excluded.frequency`, monetary: sql`excluded.monetary`, score: sql`excluded.score`, top: sql`excluded.top`, recencyDays: sql`excluded.recency_days`, purchases: sql`excluded.purchases`, monetaryFen: sql`excluded.monetary_fen`, computedOn: sql`excluded.computed_on` },
    });
}

export async function valueOf(q: Queryable, customerId: string): Promise<ValueRow | undefined> {
  return (await q.select().from(customerValues).where(eq(customerValues.customerId, customerId)))[0];
}

/**
 * For audiences (care's filters): a condition on a customer id column — the customer is in the
 * top share by value (`top`), or scores at least `minScore`. Composed into the caller's statement.
 */
export function customerValueSql(customerId: SQL, filter: { top?: boolean; minScore?: number }): SQL {
  const conds: SQL[] = [sql`v.customer_id = ${customerId}`];
  if (filter.top) conds.push(sql`v.top`);
  if (filter.minScore !== undefined) conds.push(sql`v.score >= ${filter.minScore}`);
  return sql`exists (select 1 from ${customerValues} v where ${sql.join(conds, sql` and `)})`;
}

/** The customers flagged top by value, best first (an audience list). */
export async function topValueCustomers(q: Queryable, limit: number): Promise<ValueRow[]> {
  return q.select().from(customerValues).where(eq(customerValues.top, true)).orderBy(desc(customerValues.score), desc(customerValues.monetaryFen)).limit(limit);
}

export async function codeOf(q: Queryable, customerId: string): Promise<string | undefined> {
  return (await q.select({ code: referralCodes.code }).from(referralCodes).where(eq(referralCodes.customerId, customerId)))[0]?.code;
}

export async function insertCode(q: Queryable, customerId: string, code: string, at: Date): Promise<boolean> {
  return (await q.insert(referralCodes).values({ customerId, code, createdAt: at }).onConflictDoNothing().returning({ c: referralCodes.code })).length === 1;
}

export async function referrerOfCode(q: Queryable, code: string): Promise<string | undefined> {
  return (await q.select({ id: referralCodes.customerId }).from(referralCodes).where(eq(referralCodes.code, code)))[0]?.id;
}

export async function referralOfFriend(q: Queryable, friendId: string): Promise<ReferralRow | undefined> {
  return (await q.select().from(referrals).where(eq(referrals.friendId, friendId)))[0];
}

export async function insertReferral(q: Queryable, row: typeof referrals.$inferInsert): Promise<ReferralRow | undefined> {
  return (await q.insert(referrals).values(row).onConflictDoNothing().returning())[0];
}

export async function referralById(q: Queryable, id: string, forUpdate = false): Promise<ReferralRow | undefined> {
  const base = q.select().from(referrals).where(eq(referrals.id, id));
  return (await (forUpdate ? base.for('update') : base))[0];
}

export async function updateReferral(q: Queryable, id: string, version: number, set: Partial<typeof referrals.$inferInsert>): Promise<ReferralRow | undefined> {
  return (await q.update(referrals).set({ ...set, version: sql`${referrals.version} + 1` }).where(and(eq(referrals.id, id), eq(referrals.version, version))).returning())[0];
}

/** Serialises rewards of one household: two friends qualifying at once cannot both pass its cap. */
export async function lockHousehold(q: Queryable, household: string) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`referral-household:${household}`}, 0))`);
}

export async function householdRewardsSince(q: Queryable, household: string, since: Date): Promise<number> {
  const [r] = await q.select({ n: sql<number>`count(*)::int` }).from(referrals).where(and(eq(referrals.household, household), eq(referrals.status, 'rewarded'), gte(referrals.rewardedAt, since)));
  return Number(r?.n ?? 0);
}

export async function listReferrals(q: Queryable, f: { referrerId?: string; limit: number; offset: number }) {
  const where = f.referrerId ? eq(referrals.referrerId, f.referrerId) : sql`true`;
  const [items, [t]] = await Promise.all([
    q.select().from(referrals).where(where).orderBy(desc(referrals.createdAt), desc(referrals.id)).limit(f.limit).offset(f.offset),
    q.select({ n: sql<number>`count(*)::int` }).from(referrals).where(where),
  ]);
  return { items, total: Number(t?.n ?? 0) };
}

export async function insertLead(q: Queryable, row: typeof salesLeads.$inferInsert) {
  return (await q.insert(salesLeads).values(row).returning())[0];
}

export async function leadById(q: Queryable, id: string) {
  return (await q.select().from(salesLeads).where(eq(salesLeads.id, id)))[0];
}

export async function updateLead(q: Queryable, id: string, version: number, set: Partial<typeof salesLeads.$inferInsert>) {
  return (await q.update(salesLeads).set({ ...set, version: sql`${salesLeads.version} + 1` }).where(and(eq(salesLeads.id, id), eq(salesLeads.version, version))).returning())[0];
}

export async function appendLeadHistory(q: Queryable, row: typeof salesLeadHistory.$inferInsert) {
  await q.insert(salesLeadHistory).values(row);
}

export async function leadHistoryOf(q: Queryable, ids: string[]) {
  if (!ids.length) return [];
  return q.select().from(salesLeadHistory).where(inArray(salesLeadHistory.leadId, ids)).orderBy(asc(salesLeadHistory.seq));
}

export async function listLeads(q: Queryable, f: { status?: string; limit: number; offset: number }) {
  const where = f.status ? eq(salesLeads.status, f.status as LeadRow['status']) : sql`true`;
  const [items, [t]] = await Promise.all([
    q.select().from(salesLeads).where(where).orderBy(desc(salesLeads.createdAt), desc(salesLeads.id)).limit(f.limit).offset(f.offset),
    q.select({ n: sql<number>`count(*)::int` }).from(salesLeads).where(where),
  ]);
  return { items, total: Number(t?.n ?? 0) };
}

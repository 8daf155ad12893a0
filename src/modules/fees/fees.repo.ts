import { and, asc, desc, eq, inArray, max, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { orderFeeHistory, orderFeeLines, orderFeeVisits, orderPayments, priceListHistory, priceLists, priceListVersions } from './fees.tables.js';

export type ListRow = typeof priceLists.$inferSelect;
export type VersionRow = typeof priceListVersions.$inferSelect;
export type LineRow = typeof orderFeeLines.$inferSelect;
export type VisitRow = typeof orderFeeVisits.$inferSelect;
export type HistoryRow = typeof orderFeeHistory.$inferSelect;

// Price lists

/** Undefined when the national list, or this provider's list, exists already. */
export async function insertList(q: Queryable, row: typeof priceLists.$inferInsert): Promise<ListRow | undefined> {
  const [made] = await q.insert(priceLists).values(row).onConflictDoNothing().returning();
  return made;
}

export async function allLists(q: Queryable): Promise<ListRow[]> {
  return q.select().from(priceLists).orderBy(sql`${priceLists.scope} = 'provider'`, asc(priceLists.createdAt));
}

export async function listById(q: Queryable, id: string): Promise<ListRow | undefined> {
  const [row] = await q.select().from(priceLists).where(eq(priceLists.id, id));
  return row;
}

export async function listOfProvider(q: Queryable, providerId: string): Promise<ListRow | undefined> {
  const [row] = await q.select().from(priceLists).where(eq(priceLists.providerId, providerId));
  return row;
}

export async function versionsOf(q: Queryable, listIds: string[]): Promise<VersionRow[]> {
  if (!listIds.length) return [];
  return q.select().from(priceListVersions).where(inArray(priceListVersions.listId, listIds)).orderBy(desc(priceListVersions.number));
}

export async function versionById(q: Queryable, id: string, lock = false): Promise<VersionRow | undefined> {
  const query = q.select().from(priceListVersions).where(eq(priceListVersions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Locks the list's row: its new versions and publications go one at a time. */
export async function lockList(q: Queryable, listId: string) {
  await q.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.id, listId)).for('update');
}

/** Locks the list row, so two new versions of one list never take the same number. */
export async function nextVersionNumber(q: Queryable, listId: string): Promise<number> {
  await lockList(q, listId);
  const [row] = await q.select({ n: max(priceListVersions.number) }).from(priceListVersions).where(eq(priceListVersions.listId, listId));
  return (row?.n ?? 0) + 1;
}

export async function insertVersion(q: Queryable, row: typeof priceListVersions.$inferInsert): Promise<VersionRow> {
  const [made] = await q.insert(priceListVersions).values(row).returning();
  return made;
}

/** Changes a draft read at `version`; undefined when it is no longer that draft. */
export async function updateDraft(q: Queryable, id: string, version: number, patch: Partial<typeof priceListVersions.$inferInsert>): Promise<VersionRow | undefined> {
  const [row] = await q
    .update(priceListVersions)
    .set({ ...patch, version: sql`${priceListVersions.version} + 1` })
    .where(and(eq(priceListVersions.id, id), eq(priceListVersions.version, version), eq(priceListVersions.status, 'draft')))
    .returning();
  return row;
}

export async function publishedOn(q: Queryable, listId: string, day: string): Promise<VersionRow | undefined> {
  const [row] = await q.select().from(priceListVersions).where(and(eq(priceListVersions.listId, listId), eq(priceListVersions.effectiveFrom, day), eq(priceListVersions.status, 'published')));
  return row;
}

/** The list's latest draft in force from `day` (an import's prices go into it). */
export async function latestDraftOn(q: Queryable, listId: string, day: string): Promise<VersionRow | undefined> {
  const [row] = await q.select().from(priceListVersions).where(and(eq(priceListVersions.listId, listId), eq(priceListVersions.effectiveFrom, day), eq(priceListVersions.status, 'draft'))).orderBy(desc(priceListVersions.number)).limit(1);
  return row;
}

/** Each list (by provider; null the national) and day with a published version. */
export async function publishedDays(q: Queryable): Promise<{ providerId: string | null; day: string }[]> {
  return q.select({ providerId: priceLists.providerId, day: priceListVersions.effectiveFrom }).from(priceListVersions).innerJoin(priceLists, eq(priceLists.id, priceListVersions.listId)).where(eq(priceListVersions.status, 'published'));
}

/** Every published version of the national list and of this provider's contract, with its list's scope. */
export async function publishedVersionsFor(q: Queryable, providerId: string | null) {
  return q
    .select({ id: priceListVersions.id, listId: priceLists.id, scope: priceLists.scope, providerId: priceLists.providerId, status: priceListVersions.status, effectiveFrom: priceListVersions.effectiveFrom, number: priceListVersions.number, content: priceListVersions.content })
    .from(priceListVersions)
    .innerJoin(priceLists, eq(priceLists.id, priceListVersions.listId))
    .where(and(eq(priceListVersions.status, 'published'), providerId ? or(eq(priceLists.scope, 'national'), eq(priceLists.providerId, providerId)) : eq(priceLists.scope, 'national')));
}

export async function insertListHistory(q: Queryable, row: typeof priceListHistory.$inferInsert) {
  await q.insert(priceListHistory).values(row);
}

export async function listHistory(q: Queryable, listId: string) {
  return q.select().from(priceListHistory).where(eq(priceListHistory.listId, listId)).orderBy(asc(priceListHistory.id));
}

// Visits and fee lines

export async function upsertVisit(q: Queryable, row: typeof orderFeeVisits.$inferInsert) {
  const { orderId: _, ...rest } = row;
  await q.insert(orderFeeVisits).values(row).onConflictDoUpdate({ target: orderFeeVisits.orderId, set: rest });
}

export async function visitOf(q: Queryable, orderId: string): Promise<VisitRow | undefined> {
  const [row] = await q.select().from(orderFeeVisits).where(eq(orderFeeVisits.orderId, orderId));
  return row;
}

/** Holds one visit (a household, a technician, a day) for this transaction: two of its orders completing at once are priced one after the other. */
export async function lockVisit(q: Queryable, visitKey: string) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${visitKey}))`);
}

/** One customer's free-visit count for a year is read and written one pricing at a time (two visits never both take the last one). */
export async function lockFreeVisits(q: Queryable, customerId: string, year: string) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`fees-free-visit:${customerId}:${year}`}))`);
}

/** How many visits of the customer in the year a tier's free visit already paid for, other visits than `exceptVisitKey`. */
export async function freeVisitsUsed(q: Queryable, customerId: string, year: string, exceptVisitKey: string): Promise<number> {
  const r = await q.execute(sql`select count(distinct ${orderFeeLines.facts}->>'visitKey')::int as n from ${orderFeeLines}
    where ${orderFeeLines.code} = 'tier_free_visit' and ${orderFeeLines.status} = 'active'
      and ${orderFeeLines.facts}->>'customerId' = ${customerId} and ${orderFeeLines.facts}->>'year' = ${year} and ${orderFeeLines.facts}->>'visitKey' <> ${exceptVisitKey}`);
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

/** The orders priced in this visit, locked so two completions in one household price it one after the other. */
export async function ordersOfVisit(q: Queryable, visitKey: string): Promise<string[]> {
  const rows = await q.select({ orderId: orderFeeVisits.orderId }).from(orderFeeVisits).where(eq(orderFeeVisits.visitKey, visitKey)).orderBy(asc(orderFeeVisits.pricedAt)).for('update');
  return rows.map((r) => r.orderId);
}

export async function activeLines(q: Queryable, orderIds: string[]): Promise<LineRow[]> {
  if (!orderIds.length) return [];
  return q.select().from(orderFeeLines).where(and(inArray(orderFeeLines.orderId, orderIds), eq(orderFeeLines.status, 'active'))).orderBy(asc(orderFeeLines.seq));
}

export async function lineById(q: Queryable, id: string): Promise<LineRow | undefined> {
  const [row] = await q.select().from(orderFeeLines).where(eq(orderFeeLines.id, id)).for('update');
  return row;
}

export async function insertLines(q: Queryable, rows: (typeof orderFeeLines.$inferInsert)[]): Promise<LineRow[]> {
  if (!rows.length) return [];
  return q.insert(orderFeeLines).values(rows).returning();
}

/** Voids active lines; returns those it voided (a line voided already is left alone). */
export async function voidLines(q: Queryable, ids: string[]): Promise<LineRow[]> {
  if (!ids.length) return [];
  return q
    .update(orderFeeLines)
    .set({ status: 'void', version: sql`${orderFeeLines.version} + 1` })
    .where(and(inArray(orderFeeLines.id, ids), eq(orderFeeLines.status, 'active')))
    .returning();
}

export async function updateLineAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof orderFeeLines.$inferInsert>): Promise<LineRow | undefined> {
  const [row] = await q
    .update(orderFeeLines)
    .set({ ...patch, version: sql`${orderFeeLines.version} + 1` })
    .where(and(eq(orderFeeLines.id, id), eq(orderFeeLines.version, version), eq(orderFeeLines.status, 'active')))
    .returning();
  return row;
}

export async function insertHistory(q: Queryable, rows: (typeof orderFeeHistory.$inferInsert)[]) {
  if (rows.length) await q.insert(orderFeeHistory).values(rows);
}

export async function historyOf(q: Queryable, orderId: string): Promise<HistoryRow[]> {
  return q.select().from(orderFeeHistory).where(eq(orderFeeHistory.orderId, orderId)).orderBy(asc(orderFeeHistory.id));
}

/**
 * A credit against a line (a fee dispute upheld): a staff line of the negative amount, the same
 * payer, with its history row, inside the caller's transaction. The disputed line itself stays as
 * it was charged, so the order's history shows both the charge and the credit.
 */
export async function addCreditLine(
  q: Queryable,
  c: { id: string; line: LineRow; amountFen: number; at: Date; actor: string; reason: { zh: string; en: string }; nameZh: string; nameEn: string; facts: Record<string, unknown> },
): Promise<LineRow> {
  const [made] = await insertLines(q, [
    {
      id: c.id,
      orderId: c.line.orderId,
      kind: c.line.kind,
      code: 'credit',
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      quantity: 1,
      unitFen: -c.amountFen,
      amountFen: -c.amountFen,
      currency: c.line.currency,
      payer: c.line.payer,
      ruleCode: 'fees.credit',
      reasonZh: c.reason.zh,
      reasonEn: c.reason.en,
      source: 'staff',
      priceVersionId: null,
      facts: { ...c.facts, creditOf: c.line.id },
      createdAt: c.at,
      createdBy: c.actor,
    },
  ]);
  await insertHistory(q, [{ lineId: made.id, orderId: made.orderId, at: c.at, actor: c.actor, action: 'added', reason: `${c.reason.en} / ${c.reason.zh}`, changes: { amountFen: { from: null, to: made.amountFen }, payer: { from: null, to: made.payer }, creditOf: { from: null, to: c.line.id } } }]);
  return made;
}

/** Points a credit line at the line it now credits (after a re-price), and sets what it gives back (positive fen). */
export async function repointCredit(q: Queryable, id: string, creditOf: string, creditFen: number) {
  await q
    .update(orderFeeLines)
    .set({ facts: sql`${orderFeeLines.facts} || ${JSON.stringify({ creditOf })}::jsonb`, unitFen: -creditFen, amountFen: -creditFen, version: sql`${orderFeeLines.version} + 1` })
    .where(eq(orderFeeLines.id, id));
}

/** For settlement: the active fee lines as a relation (id, order_id, seq, kind, code, name_zh, name_en, amount_fen, currency, payer). */
export function settlementFeeLinesSql() {
  return sql`(select l.id, l.order_id, l.seq, l.kind, l.code, l.name_zh, l.name_en, l.amount_fen, l.currency, l.payer from ${orderFeeLines} l where l.status = 'active')`;
}

/** For settlement: what the provider or its technicians collected per order (refunds netted), as a relation (order_id, currency, amount_fen). */
export function providerCollectedSql() {
  return sql`(select p.order_id, p.currency, sum(p.amount_fen)::bigint as amount_fen from ${orderPayments} p
    where p.collected_by_kind in ('provider', 'technician') group by p.order_id, p.currency)`;
}

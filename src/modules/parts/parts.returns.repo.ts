import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { ProviderScope } from '../../kernel/scopes.js';
import { providerNameEnSql, providerNameSql } from '../network/index.js';
import { oldPartReturns, oldPartShipments, supplierClaimLines } from './parts.tables.js';

export type ReturnRow = typeof oldPartReturns.$inferSelect;
export type ShipmentRow = typeof oldPartShipments.$inferSelect;
export type ClaimRow = typeof supplierClaimLines.$inferSelect;

/** Which returns (and shipments) a caller sees: headquarters all, a provider its own, a technician the parts they replaced. */
export function returnVisibleSql(scope: ProviderScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'provider':
      return sql`${oldPartReturns.providerId} = ${scope.providerId}`;
    case 'technician':
      return sql`${oldPartReturns.technicianId} = ${scope.technicianId}`;
    case 'none':
      return sql`false`;
  }
}

export function shipmentVisibleSql(scope: ProviderScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'provider':
    case 'technician':
      return sql`${oldPartShipments.providerId} = ${scope.providerId}`;
    case 'none':
      return sql`false`;
  }
}

/** The obligation of one consumption: made once (the unique consumption decides), nothing when it exists. */
export async function insertReturn(q: Queryable, row: typeof oldPartReturns.$inferInsert): Promise<ReturnRow | undefined> {
  const [made] = await q.insert(oldPartReturns).values(row).onConflictDoNothing().returning();
  return made;
}

export async function returnById(q: Queryable, id: string, visible: SQL, lock = false): Promise<ReturnRow | undefined> {
  const query = q.select().from(oldPartReturns).where(and(eq(oldPartReturns.id, id), visible));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function listReturns(q: Queryable, visible: SQL, f: { status?: string; providerId?: string; orderId?: string; shipmentId?: string; overdueAt?: Date; limit: number; offset: number }) {
  const where = and(
    visible,
    f.status ? eq(oldPartReturns.status, f.status) : undefined,
    f.providerId ? eq(oldPartReturns.providerId, f.providerId) : undefined,
    f.orderId ? eq(oldPartReturns.orderId, f.orderId) : undefined,
    f.shipmentId ? eq(oldPartReturns.shipmentId, f.shipmentId) : undefined,
    f.overdueAt ? and(eq(oldPartReturns.status, 'due'), lt(oldPartReturns.dueAt, f.overdueAt)) : undefined,
  );
  const rows = await q.select().from(oldPartReturns).where(where).orderBy(asc(oldPartReturns.dueAt), asc(oldPartReturns.orderNumber)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(oldPartReturns).where(where);
  return { rows, total };
}

/** Moves the returns named from one status to the next; answers those moved (fewer than asked: someone else moved one first). */
export async function stepReturns(q: Queryable, ids: string[], from: string, patch: Partial<typeof oldPartReturns.$inferInsert>): Promise<ReturnRow[]> {
  if (!ids.length) return [];
  return q
    .update(oldPartReturns)
    .set({ ...patch, version: sql`${oldPartReturns.version} + 1` })
    .where(and(inArray(oldPartReturns.id, ids), eq(oldPartReturns.status, from)))
    .returning();
}

export async function updateReturnAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof oldPartReturns.$inferInsert>): Promise<ReturnRow | undefined> {
  const [row] = await q.update(oldPartReturns).set({ ...patch, version: version + 1 }).where(and(eq(oldPartReturns.id, id), eq(oldPartReturns.version, version))).returning();
  return row;
}

export async function returnsOfShipment(q: Queryable, shipmentId: string): Promise<ReturnRow[]> {
  return q.select().from(oldPartReturns).where(eq(oldPartReturns.shipmentId, shipmentId)).orderBy(asc(oldPartReturns.orderNumber), asc(oldPartReturns.id));
}

// Shipments -----------------------------------------------------------------------------------

export async function insertShipment(q: Queryable, row: typeof oldPartShipments.$inferInsert): Promise<ShipmentRow> {
  const [made] = await q.insert(oldPartShipments).values(row).returning();
  return made;
}

export async function shipmentById(q: Queryable, id: string, visible: SQL, lock = false): Promise<ShipmentRow | undefined> {
  const query = q.select().from(oldPartShipments).where(and(eq(oldPartShipments.id, id), visible));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateShipmentAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof oldPartShipments.$inferInsert>): Promise<ShipmentRow | undefined> {
  const [row] = await q.update(oldPartShipments).set({ ...patch, version: version + 1 }).where(and(eq(oldPartShipments.id, id), eq(oldPartShipments.version, version))).returning();
  return row;
}

export async function listShipments(q: Queryable, visible: SQL, f: { status?: string; id?: string; limit: number; offset: number }) {
  const where = and(visible, f.status ? eq(oldPartShipments.status, f.status) : undefined, f.id ? eq(oldPartShipments.id, f.id) : undefined);
  const rows = await q
    .select({ s: oldPartShipments, providerName: providerNameSql(sql`${oldPartShipments.providerId}`), providerNameEn: providerNameEnSql(sql`${oldPartShipments.providerId}`), lines: sql<number>`(select count(*) from ${oldPartReturns} r where r.shipment_id = ${oldPartShipments.id})`.mapWith(Number) })
    .from(oldPartShipments)
    .where(where)
    .orderBy(desc(oldPartShipments.createdAt), asc(oldPartShipments.number))
    .limit(f.limit)
    .offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(oldPartShipments).where(where);
  return { rows, total };
}

// Claims and measures --------------------------------------------------------------------------

export async function insertClaim(q: Queryable, row: typeof supplierClaimLines.$inferInsert): Promise<ClaimRow | undefined> {
  const [made] = await q.insert(supplierClaimLines).values(row).onConflictDoNothing().returning();
  return made;
}

export async function listClaims(q: Queryable, f: { partId?: string; limit: number; offset: number }) {
  const where = f.partId ? eq(supplierClaimLines.partId, f.partId) : undefined;
  const rows = await q.select().from(supplierClaimLines).where(where).orderBy(desc(supplierClaimLines.createdAt), asc(supplierClaimLines.orderNumber)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(supplierClaimLines).where(where);
  return { rows, total };
}

/** The returns due in a window, per provider, with what the on-time rate reads (the rule decides each one's outcome). */
export async function returnsDueIn(q: Queryable, visible: SQL, from: Date, to: Date) {
  return q
    .select({ providerId: oldPartReturns.providerId, providerName: providerNameSql(sql`${oldPartReturns.providerId}`), providerNameEn: providerNameEnSql(sql`${oldPartReturns.providerId}`), dueAt: oldPartReturns.dueAt, shippedAt: oldPartReturns.shippedAt, missingAt: oldPartReturns.missingAt })
    .from(oldPartReturns)
    .where(and(visible, gte(oldPartReturns.dueAt, from), lt(oldPartReturns.dueAt, to)))
    .orderBy(asc(oldPartReturns.providerId));
}

// For settlement and fraud, as SQL conditions on one order and an instant (the statement's period
// end), the same outcome returnOutcome (parts.returns.rules.ts) gives: so a statement regenerated
// later from the same records is the same statement.

/** The order has an old part late or missing at `at`: found missing, shipped after its deadline, or its deadline passed unshipped. */
export function oldPartLateOrMissingSql(orderId: SQL, at: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${oldPartReturns} r where r.order_id = ${orderId} and (
    (r.missing_at is not null and r.missing_at <= ${at})
    or (r.shipped_at is not null and r.shipped_at <= ${at} and r.shipped_at > r.due_at)
    or ((r.shipped_at is null or r.shipped_at > ${at}) and r.due_at < ${at})))`;
}

/** The order still waits for an old part at `at` (not shipped, not missing, deadline not passed): settled once that is decided. */
export function oldPartAwaitedSql(orderId: SQL, at: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${oldPartReturns} r where r.order_id = ${orderId}
    and (r.missing_at is null or r.missing_at > ${at}) and (r.shipped_at is null or r.shipped_at > ${at}) and r.due_at >= ${at})`;
}

/** How many of an order's old parts are late or missing now (the fraud rule "parts consumed without the old part returned"). */
export async function oldPartsNotReturned(q: Queryable, orderId: string, now: Date): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(oldPartReturns)
    .where(and(eq(oldPartReturns.orderId, orderId), sql`((${oldPartReturns.missingAt} is not null) or (${oldPartReturns.shippedAt} is null and ${oldPartReturns.dueAt} < ${now}) or (${oldPartReturns.shippedAt} > ${oldPartReturns.dueAt}))`));
  return row.n;
}

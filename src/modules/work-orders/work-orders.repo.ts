import { and, asc, count, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { parseSort } from '../../shared/paging.js';
import { workOrders, workOrderHistory, workOrderNumberSeq } from './work-orders.tables.js';
import type { OrderListQuery } from './work-orders.contract.js';
import type { ServiceHistoryItem } from '../units/index.js';

export type OrderRow = typeof workOrders.$inferSelect;
export type OrderInsert = typeof workOrders.$inferInsert;
export type HistoryInsert = typeof workOrderHistory.$inferInsert;

export async function nextOrderSeq(q: Queryable): Promise<number> {
  const r = await q.execute(sql`select nextval(${workOrderNumberSeq.seqName}) as n`);
  return Number((r as unknown as { rows: { n: string }[] }).rows[0].n);
}

export async function findOrder(q: Queryable, id: string): Promise<OrderRow | undefined> {
  const [row] = await q.select().from(workOrders).where(eq(workOrders.id, id));
  return row;
}

/** Serialises intakes that share an external reference, so two at once make one order. */
export async function lockExternalRef(q: Queryable, externalRef: string) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`intake:${externalRef}`}))`);
}

export async function recentByExternalRef(q: Queryable, externalRef: string, since: Date) {
  const [row] = await q
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.externalRef, externalRef), gte(workOrders.createdAt, since)))
    .orderBy(asc(workOrders.createdAt))
    .limit(1);
  return row;
}

export async function insertOrder(q: Queryable, row: OrderInsert) {
  const [inserted] = await q.insert(workOrders).values(row).returning();
  return inserted;
}

/** Updates only when nobody changed the order since `version`; undefined means someone did. */
export async function updateOrderAtVersion(q: Queryable, id: string, version: number, patch: Partial<OrderInsert>) {
  const [row] = await q
    .update(workOrders)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(workOrders.id, id), eq(workOrders.version, version)))
    .returning();
  return row;
}

export async function appendHistory(q: Queryable, row: HistoryInsert) {
  await q.insert(workOrderHistory).values(row);
}

export async function historyOf(q: Queryable, orderId: string) {
  return q.select().from(workOrderHistory).where(eq(workOrderHistory.orderId, orderId)).orderBy(asc(workOrderHistory.id));
}

const sortColumns = {
  createdAt: workOrders.createdAt,
  updatedAt: workOrders.updatedAt,
  number: workOrders.number,
  status: workOrders.status,
  // Urgent first when descending: rank the words, not the letters.
  priority: sql`array_position(array['low','normal','high','urgent'], ${workOrders.priority})`,
};

export async function listOrders(q: Queryable, s: OrderListQuery) {
  const where: SQL[] = [];
  if (s.status) where.push(inArray(workOrders.status, s.status));
  if (s.kind) where.push(inArray(workOrders.kind, s.kind));
  if (s.priority) where.push(inArray(workOrders.priority, s.priority));
  if (s.customerId) where.push(eq(workOrders.customerId, s.customerId));
  if (s.unitId) where.push(eq(workOrders.unitId, s.unitId));
  if (s.providerId) where.push(eq(workOrders.providerId, s.providerId));
  if (s.technicianId) where.push(eq(workOrders.technicianId, s.technicianId));
  if (s.createdFrom) where.push(gte(workOrders.createdAt, new Date(s.createdFrom)));
  if (s.createdTo) where.push(lte(workOrders.createdAt, new Date(s.createdTo)));
  if (s.q) where.push(or(eq(workOrders.number, s.q), eq(workOrders.externalRef, s.q), eq(workOrders.contactPhone, s.q.replace(/[^0-9+]/g, '')))!);
  const condition = where.length ? and(...where) : undefined;
  const { field, desc: isDesc } = parseSort(s.sort);
  const column = sortColumns[field as keyof typeof sortColumns];
  const [rows, [{ total }]] = await Promise.all([
    q.select().from(workOrders).where(condition).orderBy(isDesc ? desc(column) : asc(column), desc(workOrders.id)).limit(s.limit).offset(s.offset),
    q.select({ total: count() }).from(workOrders).where(condition),
  ]);
  return { rows, total };
}

export async function serviceHistoryOf(q: Queryable, unitId: string): Promise<ServiceHistoryItem[]> {
  const rows = await q.select().from(workOrders).where(eq(workOrders.unitId, unitId)).orderBy(asc(workOrders.createdAt));
  return rows.map((o) => ({
    orderId: o.id,
    number: o.number,
    kind: o.kind,
    status: o.status,
    createdAt: o.createdAt.toISOString(),
    doneAt: o.doneAt?.toISOString() ?? null,
    symptomCode: o.symptomCode,
    remedyCode: o.remedyCode,
    partsWaitDays: Math.floor(o.partsWaitMs / 86_400_000),
  }));
}

import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { providerNameSql, technicianNameSql } from '../network/index.js';
import { savedOrderViews, workOrders } from './work-orders.tables.js';
import type { OrderListQuery } from './work-orders.contract.js';
import { listOrders, type PromiseReads } from './work-orders.repo.js';

export type SavedViewRow = typeof savedOrderViews.$inferSelect;

export async function viewsOf(q: Queryable, userId: string): Promise<SavedViewRow[]> {
  return q.select().from(savedOrderViews).where(eq(savedOrderViews.userId, userId)).orderBy(asc(savedOrderViews.createdAt), asc(savedOrderViews.id));
}

/** The user's own view; another user's is as good as missing. */
export async function viewOf(q: Queryable, userId: string, id: string): Promise<SavedViewRow | undefined> {
  const [row] = await q.select().from(savedOrderViews).where(and(eq(savedOrderViews.id, id), eq(savedOrderViews.userId, userId)));
  return row;
}

export async function insertView(q: Queryable, row: typeof savedOrderViews.$inferInsert): Promise<SavedViewRow> {
  const [made] = await q.insert(savedOrderViews).values(row).returning();
  return made;
}

/** Undefined: not the user's, or changed since `version`. */
export async function updateViewAtVersion(q: Queryable, userId: string, id: string, version: number, patch: Partial<typeof savedOrderViews.$inferInsert>) {
  const [row] = await q
    .update(savedOrderViews)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(savedOrderViews.id, id), eq(savedOrderViews.userId, userId), eq(savedOrderViews.version, version)))
    .returning();
  return row;
}

export async function deleteView(q: Queryable, userId: string, id: string): Promise<boolean> {
  const rows = await q.delete(savedOrderViews).where(and(eq(savedOrderViews.id, id), eq(savedOrderViews.userId, userId))).returning({ id: savedOrderViews.id });
  return rows.length > 0;
}

/** One page of the export: the list's rows with the provider's and technician's names. */
export async function exportPage(q: Queryable, s: OrderListQuery, where: SQL[], promise: PromiseReads) {
  const { rows } = await listOrders(q, s, where, promise, false);
  if (rows.length === 0) return [];
  const names = await q
    .select({ id: workOrders.id, providerName: providerNameSql(sql`${workOrders.providerId}`), technicianName: technicianNameSql(sql`${workOrders.technicianId}`) })
    .from(workOrders)
    .where(inArray(workOrders.id, rows.map((r) => r.id)));
  const byId = new Map(names.map((e) => [e.id, e]));
  return rows.map((r) => ({ ...r, providerName: byId.get(r.id)?.providerName ?? null, technicianName: byId.get(r.id)?.technicianName ?? null }));
}

import { and, asc, desc, eq, gte, isNull, ne } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { productFactsOf } from '../catalog/index.js';
import { modelsOfUnits } from '../units/index.js';
import { findOrder, orderCountsByProvider, providerOrdersOfDay, type OrderRow } from '../work-orders/index.js';
import { dayPlans, plannedVisits, OVERNIGHT_PLANNER, type PlanProgress, type PlanResult } from './dispatch.tables.js';

export type PlanRow = typeof dayPlans.$inferSelect;
export type VisitRow = typeof plannedVisits.$inferSelect;

/** Orders a provider is working on: they count against its capacity. */
export const openStatuses = ['dispatched', 'assigned', 'booked', 'on_site', 'on_hold'] as const;

export async function openOrderCounts(q: Queryable): Promise<Map<string, number>> {
  return orderCountsByProvider(q, openStatuses);
}

/** An order with what dispatch needs from its product: category, certification, standard minutes. */
export type OrderWithProduct = { order: OrderRow; categoryId: string | null; categoryCode: string | null; requiredCertification: string | null; standardMinutes: Record<string, number> | null };

/** The orders with their products' facts (through their units' models); nulls where an order has no unit. */
async function withProducts(q: Queryable, orders: OrderRow[]): Promise<OrderWithProduct[]> {
  const modelOf = await modelsOfUnits(q, [...new Set(orders.flatMap((o) => (o.unitId ? [o.unitId] : [])))]);
  const facts = await productFactsOf(q, [...new Set(modelOf.values())]);
  return orders.map((order) => {
    const modelId = order.unitId ? modelOf.get(order.unitId) : undefined;
    const f = modelId ? facts.get(modelId) : undefined;
    return { order, categoryId: f?.categoryId ?? null, categoryCode: f?.categoryCode ?? null, requiredCertification: f?.requiredCertification ?? null, standardMinutes: f?.standardMinutes ?? null };
  });
}

export async function orderWithProductById(q: Queryable, id: string): Promise<OrderWithProduct | undefined> {
  const order = await findOrder(q, id);
  return order ? (await withProducts(q, [order]))[0] : undefined;
}

/**
 * A provider's orders for a day: booked for that day, and those not yet booked whose wished
 * window (if any) touches it.
 */
export async function ordersOfDay(q: Queryable, providerId: string, from: Date, to: Date): Promise<OrderWithProduct[]> {
  return withProducts(q, await providerOrdersOfDay(q, providerId, from, to));
}

export async function latestAppliedPlan(q: Queryable, providerId: string, date: string): Promise<PlanRow | undefined> {
  const [row] = await q.select().from(dayPlans).where(and(eq(dayPlans.providerId, providerId), eq(dayPlans.date, date), eq(dayPlans.status, 'applied'))).orderBy(desc(dayPlans.appliedAt)).limit(1);
  return row;
}

export async function visitsOfPlan(q: Queryable, planId: string): Promise<VisitRow[]> {
  return q.select().from(plannedVisits).where(eq(plannedVisits.planId, planId)).orderBy(asc(plannedVisits.technicianId), asc(plannedVisits.sequence));
}

export async function findPlan(q: Queryable, id: string): Promise<PlanRow | undefined> {
  const [row] = await q.select().from(dayPlans).where(eq(dayPlans.id, id));
  return row;
}

/**
 * Locks every plan of the provider's day, always in the same order, and returns them as they now
 * are: applies of one day then queue, and each sees what the one before it did (without this, two
 * applies at once each superseded only the plans applied before them, and the day kept two).
 */
export async function lockPlansOfDay(q: Queryable, providerId: string, date: string): Promise<PlanRow[]> {
  return q.select().from(dayPlans).where(and(eq(dayPlans.providerId, providerId), eq(dayPlans.date, date))).orderBy(asc(dayPlans.id)).for('update');
}

export async function insertPlan(q: Queryable, row: typeof dayPlans.$inferInsert): Promise<PlanRow> {
  const [made] = await q.insert(dayPlans).values(row).returning();
  return made;
}

/** The plan made overnight for a provider's day, if one was. */
export async function overnightPlan(q: Queryable, providerId: string, date: string): Promise<PlanRow | undefined> {
  const [row] = await q.select().from(dayPlans).where(and(eq(dayPlans.providerId, providerId), eq(dayPlans.date, date), eq(dayPlans.createdBy, OVERNIGHT_PLANNER))).limit(1);
  return row;
}

/** Stores an overnight plan unless one for that provider and day is there already (the unique index decides). */
export async function insertOvernightPlan(q: Queryable, row: typeof dayPlans.$inferInsert): Promise<PlanRow | undefined> {
  const [made] = await q.insert(dayPlans).values(row).onConflictDoNothing().returning();
  return made;
}

/**
 * The best plan so far of a plan being made; answers whether someone asked to stop (from any
 * server copy). Undefined when the plan is no longer being made.
 */
export async function saveProgress(q: Queryable, id: string, progress: PlanProgress): Promise<{ stop: boolean } | undefined> {
  const [row] = await q.update(dayPlans).set({ progress }).where(and(eq(dayPlans.id, id), eq(dayPlans.status, 'planning'))).returning({ stopRequestedAt: dayPlans.stopRequestedAt });
  return row ? { stop: row.stopRequestedAt !== null } : undefined;
}

/** The plan made: from planning to preview. */
export async function finishPlan(q: Queryable, id: string, result: PlanResult, progress: PlanProgress | null, status: 'preview' | 'failed' = 'preview'): Promise<PlanRow | undefined> {
  const [row] = await q.update(dayPlans).set({ status, result, progress }).where(and(eq(dayPlans.id, id), eq(dayPlans.status, 'planning'))).returning();
  return row;
}

export async function requestStop(q: Queryable, id: string, at: Date): Promise<PlanRow | undefined> {
  const [row] = await q.update(dayPlans).set({ stopRequestedAt: at }).where(and(eq(dayPlans.id, id), eq(dayPlans.status, 'planning'), isNull(dayPlans.stopRequestedAt))).returning();
  return row;
}

export async function insertVisits(q: Queryable, rows: (typeof plannedVisits.$inferInsert)[]) {
  if (rows.length) await q.insert(plannedVisits).values(rows);
}

export async function markApplied(q: Queryable, id: string, appliedBy: string, appliedAt: Date): Promise<PlanRow> {
  const [row] = await q.update(dayPlans).set({ status: 'applied', appliedBy, appliedAt }).where(eq(dayPlans.id, id)).returning();
  return row;
}

export async function supersedeApplied(q: Queryable, providerId: string, date: string) {
  await q.update(dayPlans).set({ status: 'superseded' }).where(and(eq(dayPlans.providerId, providerId), eq(dayPlans.date, date), eq(dayPlans.status, 'applied')));
}

/** Orders an applied plan puts on another day that has not passed: planning this day leaves them there. */
export async function plannedOnOtherDays(q: Queryable, providerId: string, date: string, today: string): Promise<Set<string>> {
  const rows = await q
    .selectDistinct({ orderId: plannedVisits.orderId })
    .from(plannedVisits)
    .innerJoin(dayPlans, eq(dayPlans.id, plannedVisits.planId))
    .where(and(eq(dayPlans.providerId, providerId), eq(dayPlans.status, 'applied'), ne(dayPlans.date, date), gte(dayPlans.date, today)));
  return new Set(rows.map((r) => r.orderId));
}

/** The order's visit in the latest applied plan that gives it to this technician. */
export async function appliedVisitOf(q: Queryable, orderId: string, technicianId: string): Promise<VisitRow | undefined> {
  const [row] = await q
    .select({ visit: plannedVisits })
    .from(plannedVisits)
    .innerJoin(dayPlans, eq(dayPlans.id, plannedVisits.planId))
    .where(and(eq(plannedVisits.orderId, orderId), eq(plannedVisits.technicianId, technicianId), eq(dayPlans.status, 'applied')))
    .orderBy(desc(dayPlans.appliedAt))
    .limit(1);
  return row?.visit;
}

import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { productCategories, productModels } from '../catalog/catalog.tables.js';
import { units } from '../units/units.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { dayPlans, plannedVisits } from './dispatch.tables.js';

export type PlanRow = typeof dayPlans.$inferSelect;
export type VisitRow = typeof plannedVisits.$inferSelect;

/** Orders a provider is working on: they count against its capacity. */
export const openStatuses = ['dispatched', 'assigned', 'booked', 'on_site', 'on_hold'] as const;

export async function openOrderCounts(q: Queryable): Promise<Map<string, number>> {
  const rows = await q
    .select({ providerId: workOrders.providerId, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(and(isNotNull(workOrders.providerId), inArray(workOrders.status, [...openStatuses])))
    .groupBy(workOrders.providerId);
  return new Map(rows.map((r) => [r.providerId as string, Number(r.n)]));
}

/** An order with what dispatch needs from its product: category, certification, standard minutes. */
const orderWithProduct = {
  order: workOrders,
  categoryId: productCategories.id,
  categoryCode: productCategories.code,
  requiredCertification: sql<string | null>`coalesce(${productModels.requiredCertification}, ${productCategories.requiredCertification})`,
  standardMinutes: productModels.standardMinutes,
};
export type OrderWithProduct = { order: typeof workOrders.$inferSelect; categoryId: string | null; categoryCode: string | null; requiredCertification: string | null; standardMinutes: Record<string, number> | null };

function withProduct(q: Queryable) {
  return q
    .select(orderWithProduct)
    .from(workOrders)
    .leftJoin(units, eq(units.id, workOrders.unitId))
    .leftJoin(productModels, eq(productModels.id, units.modelId))
    .leftJoin(productCategories, eq(productCategories.id, productModels.categoryId));
}

export async function orderWithProductById(q: Queryable, id: string, lock = false): Promise<OrderWithProduct | undefined> {
  const query = withProduct(q).where(eq(workOrders.id, id));
  const [row] = lock ? await query.for('update', { of: workOrders }) : await query;
  return row as OrderWithProduct | undefined;
}

/**
 * A provider's orders for a day: booked for that day, and those not yet booked whose wished
 * window (if any) touches it.
 */
export async function ordersOfDay(q: Queryable, providerId: string, from: Date, to: Date): Promise<OrderWithProduct[]> {
  const rows = await withProduct(q)
    .where(
      and(
        eq(workOrders.providerId, providerId),
        or(
          and(inArray(workOrders.status, ['booked', 'on_site']), gte(workOrders.appointmentFrom, from), lt(workOrders.appointmentFrom, to)),
          and(
            inArray(workOrders.status, ['dispatched', 'assigned']),
            or(isNull(workOrders.wishedTo), sql`${workOrders.wishedTo} > ${from}`),
            or(isNull(workOrders.wishedFrom), sql`${workOrders.wishedFrom} < ${to}`),
          ),
        ),
      ),
    )
    .orderBy(asc(workOrders.createdAt), asc(workOrders.id));
  return rows as OrderWithProduct[];
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

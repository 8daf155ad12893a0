// What the fraud rules ask of orders (the fraud module reads them through index.ts): the other
// orders like one, the providers' override shares, earlier work on a unit, when a check-in was entered.
import { and, desc, eq, gte, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { workOrderHistory, workOrders } from './work-orders.tables.js';

/** Other orders opened since `since` with this order's phone, address (street, district, city) or unit. */
export async function ordersLike(q: Queryable, o: { id: string; contactPhone: string; unitId: string | null; address: { city: string; district: string; street: string } }, since: Date) {
  const sameAddress = sql`(${workOrders.address}->>'street' = ${o.address.street ?? ''} and ${workOrders.address}->>'district' = ${o.address.district ?? ''} and ${workOrders.address}->>'city' = ${o.address.city ?? ''})`;
  const sameUnit = o.unitId ? sql`${workOrders.unitId} = ${o.unitId}` : sql`false`;
  const [row] = await q
    .select({
      phone: sql<number>`(count(*) filter (where ${workOrders.contactPhone} = ${o.contactPhone}))::int`,
      address: sql<number>`(count(*) filter (where ${sameAddress}))::int`,
      unit: sql<number>`(count(*) filter (where ${sameUnit}))::int`,
    })
    .from(workOrders)
    .where(and(ne(workOrders.id, o.id), gte(workOrders.createdAt, since), or(eq(workOrders.contactPhone, o.contactPhone), sameAddress, sameUnit)));
  return { phone: Number(row?.phone ?? 0), address: Number(row?.address ?? 0), unit: Number(row?.unit ?? 0) };
}

/** Per provider, orders confirmed since `since` and how many of them an agent confirmed without the customer's code. */
export async function confirmOverridesByProvider(q: Queryable, since: Date) {
  const rows = await q
    .select({
      providerId: workOrders.providerId,
      confirmed: sql<number>`count(*)::int`,
      overridden: sql<number>`(count(*) filter (where ${workOrders.confirmedBy} = 'agent_override'))::int`,
    })
    .from(workOrders)
    .where(and(isNotNull(workOrders.providerId), isNotNull(workOrders.confirmedAt), gte(workOrders.confirmedAt, since)))
    .groupBy(workOrders.providerId);
  return rows.map((r) => ({ providerId: r.providerId as string, confirmed: Number(r.confirmed), overridden: Number(r.overridden) }));
}

/** Other orders on the unit whose work was done in [since, before), newest first. */
export async function earlierWorkOnUnit(q: Queryable, unitId: string, orderId: string, since: Date, before: Date) {
  return q
    .select({ id: workOrders.id, number: workOrders.number, symptomCode: workOrders.symptomCode, doneAt: workOrders.doneAt })
    .from(workOrders)
    .where(and(eq(workOrders.unitId, unitId), ne(workOrders.id, orderId), isNotNull(workOrders.doneAt), gte(workOrders.doneAt, since), lt(workOrders.doneAt, before)))
    .orderBy(desc(workOrders.doneAt));
}

/** When the order's latest check-in was entered (its history row), which may be later than the time it claims. */
export async function checkInRecordedAt(q: Queryable, orderId: string): Promise<Date | null> {
  const [row] = await q
    .select({ at: workOrderHistory.at })
    .from(workOrderHistory)
    .where(and(eq(workOrderHistory.orderId, orderId), eq(workOrderHistory.action, 'check_in')))
    .orderBy(desc(workOrderHistory.id))
    .limit(1);
  return row?.at ?? null;
}

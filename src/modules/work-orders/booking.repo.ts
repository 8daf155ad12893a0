// The SQL bookings need: a technician's booked visits, the lock that makes two bookings of one
// technician take turns, and what the history says about earlier bookings of an order.
import { and, asc, eq, gt, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { workOrderHistory, workOrders } from './work-orders.tables.js';

/**
 * Bookings of one technician queue here until the caller's transaction ends: the second reads the
 * first's visit once it is committed, so two bookings racing for the same time cannot both hold.
 */
export async function lockTechnicianBookings(q: Queryable, technicianId: string): Promise<void> {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`booking:${technicianId}`}))`);
}

/** The technician's booked (or started) visits whose windows touch [from, to), other than `exceptOrderId`. */
export async function bookedVisitsOf(q: Queryable, technicianId: string, from: Date, to: Date, exceptOrderId: string) {
  return q
    .select({
      id: workOrders.id, number: workOrders.number, kind: workOrders.kind, unitId: workOrders.unitId, customerId: workOrders.customerId, address: workOrders.address,
      appointmentFrom: workOrders.appointmentFrom, appointmentTo: workOrders.appointmentTo,
    })
    .from(workOrders)
    .where(and(
      eq(workOrders.technicianId, technicianId), inArray(workOrders.status, ['booked', 'on_site']), ne(workOrders.id, exceptOrderId),
      lt(workOrders.appointmentFrom, to), gt(workOrders.appointmentTo, from),
    ))
    .orderBy(asc(workOrders.appointmentFrom));
}

/** The order's earlier bookings, oldest first: who booked and the window each set. */
export async function bookingsOf(q: Queryable, orderId: string) {
  return q
    .select({ actor: workOrderHistory.actor, changes: workOrderHistory.changes })
    .from(workOrderHistory)
    .where(and(eq(workOrderHistory.orderId, orderId), eq(workOrderHistory.action, 'book')))
    .orderBy(asc(workOrderHistory.id));
}

/**
 * When the technician's visits start, for those starting in [from, to) other than `exceptOrderId`:
 * every order they hold with a visit then, done ones too (a visit made is a visit of that day),
 * cancelled ones not.
 */
export async function visitStartsOf(q: Queryable, technicianId: string, from: Date, to: Date, exceptOrderId: string): Promise<Date[]> {
  const rows = await q
    .select({ at: workOrders.appointmentFrom })
    .from(workOrders)
    .where(and(eq(workOrders.technicianId, technicianId), ne(workOrders.status, 'cancelled'), ne(workOrders.id, exceptOrderId), gte(workOrders.appointmentFrom, from), lt(workOrders.appointmentFrom, to)));
  return rows.map((r) => r.at!);
}

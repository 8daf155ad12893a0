// The SQL of placing an order's address (the geocoding module asks, through index.ts).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { workOrders, workOrderHistory } from './work-orders.tables.js';
import type { OrderRow } from './work-orders.repo.js';

const open = sql`${workOrders.status} not in ('closed', 'cancelled')`;
const unplaced = (roughToo: boolean) =>
  roughToo ? sql`(${workOrders.address}->>'lat' is null or (${workOrders.address}->>'approximate')::boolean is true)` : sql`${workOrders.address}->>'lat' is null`;

/** Open orders whose address has no coordinates (with `roughToo`, or only rough ones): one order, one customer's, or a batch after `after`. */
export async function ordersToPlace(q: Queryable, o: { orderId?: string; customerId?: string; roughToo: boolean; after?: string; limit: number }): Promise<Pick<OrderRow, 'id' | 'customerId' | 'address'>[]> {
  return q
    .select({ id: workOrders.id, customerId: workOrders.customerId, address: workOrders.address })
    .from(workOrders)
    .where(
      and(
        open,
        unplaced(o.roughToo),
        o.orderId ? eq(workOrders.id, o.orderId) : undefined,
        o.customerId ? eq(workOrders.customerId, o.customerId) : undefined,
        o.after ? sql`${workOrders.id} > ${o.after}` : undefined,
      ),
    )
    .orderBy(asc(workOrders.id))
    .limit(o.limit);
}

/**
 * Puts the position into the order's address if it still has none (or only a rough one and this is
 * better), with a history row saying so; the version stays, as nobody changed what was agreed.
 * True when it changed the order.
 */
export async function placeOrder(q: Queryable, orderId: string, p: { lat: number; lng: number; approximate: boolean }, how: { actor: string; at: Date; reason: string }): Promise<boolean> {
  const improves = p.approximate ? sql`${workOrders.address}->>'lat' is null` : unplaced(true);
  const [before] = await q.select({ address: workOrders.address, status: workOrders.status, version: workOrders.version }).from(workOrders).where(and(eq(workOrders.id, orderId), open, improves)).for('update');
  if (!before) return false;
  const address = { ...before.address, lat: p.lat, lng: p.lng, approximate: p.approximate };
  await q.update(workOrders).set({ address }).where(eq(workOrders.id, orderId));
  await q.insert(workOrderHistory).values({
    orderId,
    at: how.at,
    actor: how.actor,
    actorAddress: null,
    action: 'address_placed',
    fromStatus: before.status,
    toStatus: before.status,
    reason: how.reason,
    changes: {
      lat: { from: before.address.lat ?? null, to: p.lat },
      lng: { from: before.address.lng ?? null, to: p.lng },
      coordinatesApproximate: { from: before.address.approximate ?? null, to: p.approximate },
    },
    version: before.version,
  });
  return true;
}

import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { workOrders, type CorrectionWarning } from './work-orders.tables.js';
import type { OrderRow } from './work-orders.repo.js';

/** The warnings of the correction just made, in its transaction (the version was raised by the correction itself). */
export async function setCorrectionWarnings(q: Queryable, id: string, warnings: CorrectionWarning[] | null): Promise<OrderRow> {
  const [row] = await q.update(workOrders).set({ correctionWarnings: warnings }).where(eq(workOrders.id, id)).returning();
  return row;
}

/** The corrected order back to awaiting dispatch, in the correction's transaction (whose update raised the version). */
export async function sendBackForDispatch(q: Queryable, id: string, at: Date): Promise<OrderRow> {
  const [row] = await q
    .update(workOrders)
    .set({ status: 'awaiting_dispatch', providerId: null, technicianId: null, technicianAcceptedAt: null, appointmentFrom: null, appointmentTo: null, updatedAt: at })
    .where(eq(workOrders.id, id))
    .returning();
  return row;
}

// A drop on the dispatch board: an order moved to a technician and a time, or taken back off the
// board. Each drop is the order's own steps (assign, book; or dispatch back to its provider) in one
// transaction, so the board refuses exactly what the API refuses (certification, skill, absence,
// shift, overlap, daily limit, window length) and leaves the same history rows; nothing half-done
// when the second step is refused. Undo is another move, back to where the order was.
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { invalid, notFound } from '../../shared/errors.js';
import { localDate } from '../../shared/zoned.js';
import { providerScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { NetworkService } from '../network/index.js';
import { findOrder, type OrderRow, type WorkOrdersService } from '../work-orders/index.js';
import type { boardMoveRequest, boardMoveView } from './dispatch.contract.js';

export type BoardMovesDeps = { db: Db; network: NetworkService; workOrders: WorkOrdersService };

const MOVED = 'Moved on the dispatch board / 调度看板上调整';
const TAKEN_BACK = 'Taken back off the dispatch board / 从调度看板撤回';

function placeOf(o: OrderRow) {
  return { technicianId: o.technicianId, from: o.appointmentFrom?.toISOString() ?? null, to: o.appointmentTo?.toISOString() ?? null };
}

export function createBoardMoves({ db, network, workOrders }: BoardMovesDeps) {
  return {
    async moveVisit(caller: Caller, input: z.infer<typeof boardMoveRequest>): Promise<z.infer<typeof boardMoveView>> {
      requirePermission(caller.principal, 'dispatch.plan');
      return db.transaction(async (tx) => {
        const order = await findOrder(tx, input.orderId);
        const scope = providerScope(caller.principal);
        // Another provider's order is as if it did not exist (the steps below check the same).
        if (!order || (scope.kind !== 'all' && !(scope.kind === 'provider' && scope.providerId === order.providerId))) throw notFound('order', input.orderId);
        if (!order.providerId) throw invalid('orderId', 'the order is not dispatched to a provider yet');
        const before = placeOf(order);
        let row: OrderRow;
        if (input.technicianId === null) {
          if (!order.technicianId) throw invalid('technicianId', 'the order has no technician to take it from');
          // Back to the provider's unplanned orders: the technician and the window let go.
          row = await workOrders.performIn(tx, caller, order.id, 'dispatch', { version: input.version, providerId: order.providerId, reason: TAKEN_BACK });
        } else {
          const provider = await network.providerById(tx, order.providerId);
          const timeZone = provider?.timeZone ?? 'Asia/Shanghai';
          const date = input.from ? localDate(new Date(input.from), timeZone) : undefined;
          row = order;
          // Without a time the order goes to the technician unbooked (assigning again clears a booking).
          if (order.technicianId !== input.technicianId || !input.from) {
            row = await workOrders.performIn(tx, caller, order.id, 'assign', { version: input.version, technicianId: input.technicianId, date, reason: MOVED });
          }
          if (input.from && input.to) {
            row = await workOrders.performIn(tx, caller, order.id, 'book', { version: row === order ? input.version : row.version, from: input.from, to: input.to, note: MOVED });
          }
        }
        return { orderId: row.id, version: row.version, status: row.status, ...placeOf(row), before };
      });
    },
  };
}

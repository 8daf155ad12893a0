// Internal notes on an order: a thread the staff who may see the order read and add to (the desk,
// dispatch, the provider and technician on it). Customers never reach them: the routes refuse a
// customer, and no customer view carries them. A note does not change the order, so it does not
// take the order's version (a note never makes someone's edit stale); its history row records the
// version it was written at.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditFn } from '../../kernel/audit.js';
import { accessErrors, actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import * as repo from './work-orders.repo.js';
import * as notes from './work-orders.notes.repo.js';
import { historyRows } from './work-orders.rows.js';
import type { OrderNoteView } from './work-orders.notes.contract.js';

export type NotesDeps = { db: Db; clock: Clock; audit: AuditFn };

const toView = (n: notes.NoteRow): OrderNoteView => ({ id: n.id, orderId: n.orderId, text: n.text, author: n.author, createdAt: n.createdAt.toISOString() });

export function createOrderNotes(deps: NotesDeps) {
  const { db, clock, audit } = deps;
  const historyRow = historyRows(clock);

  function requireStaff(caller: Caller) {
    if (caller.principal.kind === 'customer') throw accessErrors.forbidden('orders.read');
    requirePermission(caller.principal, 'orders.read');
  }

  return {
    async list(caller: Caller, orderId: string): Promise<OrderNoteView[]> {
      requireStaff(caller);
      const order = await repo.findOrder(db, orderId, repo.orderScopeSql(orderScope(caller.principal)));
      if (!order) throw notFound('work_order', orderId);
      return (await notes.notesOf(db, orderId)).map(toView);
    },

    async add(caller: Caller, orderId: string, input: { text: string }): Promise<OrderNoteView> {
      requireStaff(caller);
      return db.transaction(async (tx) => {
        const order = await repo.findOrder(tx, orderId, repo.orderScopeSql(orderScope(caller.principal)));
        if (!order) throw notFound('work_order', orderId);
        const row = await notes.insertNote(tx, { id: newId(), orderId, text: input.text, author: actorName(caller.principal), createdAt: clock.now() });
        // The history row says who wrote a note when, not what it says: the note stays in its thread
        // (the audit row names the note).
        await repo.appendHistory(tx, [historyRow(order, caller, 'note', order.status, null, {})]);
        await audit(tx, { caller, action: 'work-orders.note', subjectKind: 'work_order', subjectId: orderId, details: { noteId: row.id } });
        return toView(row);
      });
    },
  };
}
export type OrderNotes = ReturnType<typeof createOrderNotes>;

// The order list as people work it: filters (the list's own, through promises' bridge), a streamed
// export, bulk steps judged order by order through the single steps' rules, and saved views per user.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditFn } from '../../kernel/audit.js';
import { accessErrors, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { AppError, conflict, invalid, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { pages } from '../../http/export.js';
import * as repo from './work-orders.repo.js';
import * as lists from './lists.repo.js';
import { orderFilters, type OrderListQuery } from './work-orders.contract.js';
import type { BulkRequest, BulkResult, SavedView } from './lists.contract.js';
import { mayTake } from './work-orders.rows.js';
import { actionPermissions } from './work-orders.rules.js';
import type { WorkOrdersService } from './work-orders.service.js';

export type ListsDeps = { db: Db; clock: Clock; audit: AuditFn; workOrders: WorkOrdersService; promiseStateSql: repo.PromiseReads['stateSql']; promiseDueSql: repo.PromiseReads['dueSql'] };

/** Already where the step would take it: a retried bulk request leaves it as it is. */
function alreadyDone(order: repo.OrderRow, r: BulkRequest): boolean {
  if (r.action === 'cancel') return order.status === 'cancelled';
  if (r.action === 'dispatch') return order.providerId === r.providerId && order.status === 'dispatched';
  return order.technicianId === r.technicianId && order.status === 'assigned';
}

function savedViewOf(v: lists.SavedViewRow): SavedView {
  return { id: v.id, name: v.name, filters: v.filters, sort: v.sort, version: v.version, createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString() };
}

export function createLists(deps: ListsDeps) {
  const { db, clock, workOrders } = deps;
  const promise: repo.PromiseReads = { stateSql: deps.promiseStateSql, dueSql: deps.promiseDueSql };
  const whereFor = (caller: Caller, s: Omit<OrderListQuery, 'limit' | 'offset' | 'sort'>) => repo.orderListWhere(s, repo.orderScopeSql(orderScope(caller.principal)), promise, clock.now());

  /** Saved views belong to a signed-in person. */
  function userOf(caller: Caller): string {
    const p = caller.principal;
    if (p.kind !== 'staff') throw accessErrors.forbidden('orders.read');
    requirePermission(p, 'orders.read');
    return p.userId;
  }

  function checkedFilters(filters: Record<string, string>) {
    const r = orderFilters.safeParse(filters);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw invalid(['filters', ...issue.path.map(String)].join('.'), issue.code === 'unrecognized_keys' ? 'not a filter of the order list' : issue.message);
    }
  }

  return {
    /** The filtered list for a file, page by page; only the caller's own orders. Checked (and audited) before the first byte. */
    async exportList(caller: Caller, s: Omit<OrderListQuery, 'limit' | 'offset'>) {
      if (caller.principal.kind === 'customer') throw accessErrors.forbidden('orders.read');
      requirePermission(caller.principal, 'orders.read');
      await deps.audit(db, { caller, action: 'work_orders.export', subjectKind: 'work_order', subjectId: null, details: { filters: s } });
      const where = whereFor(caller, s);
      return pages((limit, offset) => lists.exportPage(db, { ...s, limit, offset }, where, promise));
    },

    /**
     * One step on many orders: each judged on its own, in its own transaction, by the same service
     * step as a single request (scope, permission, state, certification …); the answer says per order.
     */
    async bulk(caller: Caller, r: BulkRequest): Promise<BulkResult> {
      if (!mayTake(caller.principal, r.action)) throw accessErrors.forbidden(actionPermissions[r.action][0]);
      const scope = repo.orderScopeSql(orderScope(caller.principal));
      const items: BulkResult['items'] = [];
      for (const id of [...new Set(r.ids)]) {
        const order = await repo.findOrder(db, id, scope);
        if (!order) {
          const e = notFound('work_order', id);
          items.push({ id, number: null, outcome: 'refused', version: null, error: { code: e.code, message: e.message, details: e.details } });
          continue;
        }
        if (alreadyDone(order, r)) {
          items.push({ id, number: order.number, outcome: 'unchanged', version: order.version, error: null });
          continue;
        }
        try {
          const { action, ids: _ids, ...input } = r;
          const after = await workOrders.perform(caller, id, action, { ...input, version: order.version } as never);
          items.push({ id, number: order.number, outcome: 'done', version: after.version, error: null });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          // Changed between the read and the step: by the same step taken at once elsewhere (two bulk
          // requests over the same orders) it is done, and this request changed nothing.
          if (e.code === 'version_conflict') {
            const now = await repo.findOrder(db, id, scope);
            if (now && alreadyDone(now, r)) {
              items.push({ id, number: order.number, outcome: 'unchanged', version: now.version, error: null });
              continue;
            }
          }
          items.push({ id, number: order.number, outcome: 'refused', version: order.version, error: { code: e.code, message: e.message, details: e.details } });
        }
      }
      const count = (o: string) => items.filter((i) => i.outcome === o).length;
      return { items, done: count('done'), unchanged: count('unchanged'), refused: count('refused') };
    },

    async views(caller: Caller): Promise<SavedView[]> {
      return (await lists.viewsOf(db, userOf(caller))).map(savedViewOf);
    },

    async createView(caller: Caller, input: { name: string; filters: Record<string, string>; sort: string }): Promise<SavedView> {
      const userId = userOf(caller);
      checkedFilters(input.filters);
      const now = clock.now();
      try {
        return savedViewOf(await lists.insertView(db, { id: newId(), userId, name: input.name, filters: input.filters, sort: input.sort, createdAt: now, updatedAt: now }));
      } catch (e) {
        throw nameTaken(e);
      }
    },

    async updateView(caller: Caller, id: string, input: { version: number; name?: string; filters?: Record<string, string>; sort?: string }): Promise<SavedView> {
      const userId = userOf(caller);
      if (input.filters) checkedFilters(input.filters);
      const current = await lists.viewOf(db, userId, id);
      if (!current) throw notFound('saved_view', id);
      const { version, ...patch } = input;
      try {
        const row = await lists.updateViewAtVersion(db, userId, id, version, { ...patch, updatedAt: clock.now() });
        if (!row) throw conflict('version_conflict', 'The view was changed since you read it / 该视图已被修改，请刷新', { version: current.version });
        return savedViewOf(row);
      } catch (e) {
        throw nameTaken(e);
      }
    },

    async deleteView(caller: Caller, id: string): Promise<void> {
      if (!(await lists.deleteView(db, userOf(caller), id))) throw notFound('saved_view', id);
    },
  };
}

/** Two views of one user with one name: a 409 naming the field. */
function nameTaken(e: unknown): unknown {
  const text = `${(e as Error)?.message ?? ''} ${String((e as { cause?: unknown })?.cause ?? '')}`;
  return text.includes('saved_order_views_user_name_uq') ? new AppError('name_taken', 409, 'You have a view with this name already / 已有同名视图', [{ path: 'name', message: 'you have a view with this name already', zh: '已有同名视图' }]) : e;
}

export type Lists = ReturnType<typeof createLists>;

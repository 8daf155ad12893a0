// The agent's workspace: what waits for me (orders I took in that still need the desk, the
// follow-up desk's calls, complaints I filed), the customers I opened lately, and the symptom
// templates per product category that fill a new order's symptom.
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { can } from '../../kernel/permissions.js';
import { orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import * as repo from './workspace.repo.js';
import { workspaceErrors } from './workspace.errors.js';
import { actorNamesOf, queueLimit, whyWaiting, whyWords } from './workspace.rules.js';
import type { QueueView, RecentCustomerView, TemplateView, templatePatch, templateQuery, templateRequest } from './workspace.contract.js';

export type WorkspaceDeps = { db: Db; clock: Clock; audit: AuditFn };

const iso = (d: Date | string) => new Date(d).toISOString();

function toTemplate(t: repo.TemplateRow): TemplateView {
  return { id: t.id, categoryId: t.categoryId, categoryCode: t.categoryCode, titleZh: t.titleZh, titleEn: t.titleEn, symptom: t.symptom, faultCode: t.faultCode, active: t.active, version: t.version, updatedAt: t.updatedAt.toISOString() };
}

export function createWorkspaceService(deps: WorkspaceDeps) {
  const { db, clock, audit } = deps;

  function staff(caller: Caller) {
    const p = caller.principal;
    if (p.kind !== 'staff') throw workspaceErrors.staffOnly();
    return p;
  }

  async function template(id: string): Promise<repo.TemplateRow> {
    const [row] = await repo.templates(db, { id, includeArchived: true });
    if (!row) throw workspaceErrors.templateNotFound(id);
    return row;
  }

  async function checkFaultCode(categoryId: string, code: string | null | undefined) {
    if (code && !(await repo.isSymptomCode(db, categoryId, code))) throw workspaceErrors.notSymptomCode(code);
  }

  return {
    async queue(caller: Caller): Promise<QueueView> {
      const p = staff(caller);
      requirePermission(p, 'orders.read');
      const scope = orderScope(p);
      const actor = actorNamesOf(p.username);
      const now = clock.now().getTime();
      const orders = (await repo.ordersTakenBy(db, actor, scope))
        .flatMap((o) => {
          const why = whyWaiting({ status: o.status, holdReason: o.hold_reason, hasWarnings: o.has_warnings });
          return why ? [{ id: o.id, number: o.number, kind: o.kind, status: o.status, priority: o.priority, customerId: o.customer_id, customerName: o.customer_name, since: iso(o.since), why, whyText: whyWords[why] }] : [];
        })
        .slice(0, queueLimit);
      // Follow-ups and complaints are headquarters' desks (a provider may be the one complained about).
      const hq = p.providerId === null;
      const followUps = hq && can(p, 'followups.call')
        ? (await repo.openFollowUps(db)).map((f) => ({ id: f.id, orderId: f.order_id, orderNumber: f.order_number, customerName: f.customer_name, dueAt: iso(f.due_at), overdue: new Date(f.due_at).getTime() < now }))
        : [];
      const complaints = hq && can(p, 'complaints.handle')
        ? (await repo.complaintsFiledBy(db, actor)).map((k) => ({ id: k.id, customerId: k.customer_id, customerName: k.customer_name, severity: k.severity, level: k.level, text: k.text, dueAt: k.due_at ? iso(k.due_at) : null, overdue: k.due_at !== null && new Date(k.due_at).getTime() < now }))
        : [];
      return { orders, followUps, complaints };
    },

    async recentCustomers(caller: Caller): Promise<RecentCustomerView[]> {
      const p = staff(caller);
      requirePermission(p, 'customers.read');
      const rows = await repo.recentOf(db, p.userId, orderScope(p));
      return rows.map((r) => ({ customerId: r.customer_id, number: r.number, name: r.name, openedAt: iso(r.opened_at) }));
    },

    /** Remembers that the user opened the customer (the console calls it when a customer's page opens). */
    async openedCustomer(caller: Caller, customerId: string): Promise<RecentCustomerView[]> {
      const p = staff(caller);
      requirePermission(p, 'customers.read');
      if (!(await repo.customerVisible(db, orderScope(p), customerId))) throw workspaceErrors.customerNotFound();
      // A user's own list, not a change to any record: no history or audit row (as reading a page leaves none).
      await db.transaction((tx) => repo.touchRecent(tx, p.userId, customerId, clock.now()));
      return this.recentCustomers(caller);
    },

    async listTemplates(caller: Caller, s: z.infer<typeof templateQuery>): Promise<{ items: TemplateView[] }> {
      requirePermission(caller.principal, 'catalog.read');
      if (caller.principal.kind !== 'staff') throw workspaceErrors.staffOnly();
      const includeArchived = s.includeArchived === 'true' && can(caller.principal, 'catalog.write');
      return { items: (await repo.templates(db, { categoryId: s.categoryId, includeArchived })).map(toTemplate) };
    },

    async createTemplate(caller: Caller, input: z.infer<typeof templateRequest>): Promise<TemplateView> {
      requirePermission(caller.principal, 'catalog.write');
      if (!(await repo.categoryExists(db, input.categoryId))) throw workspaceErrors.noCategory();
      await checkFaultCode(input.categoryId, input.faultCode);
      const id = newId();
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.insertTemplate(tx, { id, categoryId: input.categoryId, titleZh: input.titleZh, titleEn: input.titleEn, symptom: input.symptom, faultCode: input.faultCode ?? null, createdAt: now, updatedAt: now });
        await audit(tx, { caller, action: 'workspace.template.create', subjectKind: 'symptom_template', subjectId: id, details: { categoryId: input.categoryId, titleEn: input.titleEn } });
      });
      return toTemplate(await template(id));
    },

    /** Edits or archives (`active: false`) a template at its version. */
    async updateTemplate(caller: Caller, id: string, input: z.infer<typeof templatePatch>): Promise<TemplateView> {
      requirePermission(caller.principal, 'catalog.write');
      const before = await template(id);
      if (input.faultCode !== undefined) await checkFaultCode(before.categoryId, input.faultCode);
      const { version, ...patch } = input;
      const changes = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && before[k as keyof typeof before] !== v).map(([k, v]) => [k, { from: before[k as keyof typeof before] ?? null, to: v ?? null }]));
      await db.transaction(async (tx) => {
        const done = await repo.updateTemplateAtVersion(tx, id, version, { ...patch, faultCode: patch.faultCode === undefined ? undefined : patch.faultCode, updatedAt: clock.now() });
        if (!done) throw workspaceErrors.staleVersion(before.version);
        await audit(tx, { caller, action: patch.active === false && before.active ? 'workspace.template.archive' : 'workspace.template.update', subjectKind: 'symptom_template', subjectId: id, details: { changes } });
      });
      return toTemplate(await template(id));
    },
  };
}
export type WorkspaceService = ReturnType<typeof createWorkspaceService>;

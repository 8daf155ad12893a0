import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { OrderScope } from '../../kernel/scopes.js';
import { customerVisibleSql, orderInScopeSql } from '../work-orders/index.js';
import { recentCustomers, symptomTemplates } from './workspace.tables.js';
import { queueLimit, queueStatuses, recentLimit } from './workspace.rules.js';

// The queue reads the owners' tables (orders and their intake history rows, follow-up tasks,
// complaints) in plain statements, as contacts.repo does: "what waits for me" is a question across
// modules that none of them answers, and it writes nothing of theirs.

export type TemplateRow = typeof symptomTemplates.$inferSelect & { categoryCode: string };
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

const categoryCode = sql<string>`(select pc.code from product_categories pc where pc.id = ${symptomTemplates.categoryId})`;

export async function templates(q: Queryable, s: { categoryId?: string; includeArchived: boolean; id?: string }): Promise<TemplateRow[]> {
  const where = [];
  if (s.categoryId) where.push(eq(symptomTemplates.categoryId, s.categoryId));
  if (s.id) where.push(eq(symptomTemplates.id, s.id));
  if (!s.includeArchived) where.push(eq(symptomTemplates.active, true));
  const rows = await q
    .select({ t: symptomTemplates, categoryCode: categoryCode })
    .from(symptomTemplates)
    .where(and(...where))
    .orderBy(asc(categoryCode), asc(symptomTemplates.titleEn), asc(symptomTemplates.id));
  return rows.map((r) => ({ ...r.t, categoryCode: r.categoryCode }));
}

export async function insertTemplate(q: Queryable, row: typeof symptomTemplates.$inferInsert) {
  await q.insert(symptomTemplates).values(row);
}

/** Writes the patch and the next version when the template is still at `version`; undefined when someone else changed it first. */
export async function updateTemplateAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof symptomTemplates.$inferInsert>) {
  const [row] = await q
    .update(symptomTemplates)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(symptomTemplates.id, id), eq(symptomTemplates.version, version)))
    .returning({ id: symptomTemplates.id });
  return row;
}

export async function categoryExists(q: Queryable, id: string): Promise<boolean> {
  const r = await q.execute(sql`select exists (select 1 from product_categories where id = ${id}) as yes`);
  return rowsOf<{ yes: boolean }>(r)[0]?.yes === true;
}

/** Whether `code` is a symptom code of the category's fault tree. */
export async function isSymptomCode(q: Queryable, categoryId: string, code: string): Promise<boolean> {
  const r = await q.execute(sql`select exists (select 1 from fault_codes where category_id = ${categoryId} and code = ${code} and level = 'symptom') as yes`);
  return rowsOf<{ yes: boolean }>(r)[0]?.yes === true;
}

/** Records an opening (again: moves it up) and keeps only the newest `recentLimit`, in one transaction of the caller's. */
export async function touchRecent(q: Queryable, userId: string, customerId: string, at: Date) {
  await q
    .insert(recentCustomers)
    .values({ userId, customerId, openedAt: at })
    .onConflictDoUpdate({ target: [recentCustomers.userId, recentCustomers.customerId], set: { openedAt: at } });
  await q.execute(sql`delete from recent_customers where user_id = ${userId} and customer_id not in
    (select customer_id from recent_customers where user_id = ${userId} order by opened_at desc, customer_id limit ${recentLimit})`);
}

export async function customerVisible(q: Queryable, scope: OrderScope, customerId: string): Promise<boolean> {
  const r = await q.execute(sql`select exists (select 1 from customers c where c.id = ${customerId} and ${customerVisibleSql(scope, sql`c.id`)}) as yes`);
  return rowsOf<{ yes: boolean }>(r)[0]?.yes === true;
}

/** The user's recent customers, newest first, only those the scope still reaches. */
export async function recentOf(q: Queryable, userId: string, scope: OrderScope) {
  const r = await q.execute(sql`select c.id as customer_id, c.number, c.name, r.opened_at
    from recent_customers r join customers c on c.id = r.customer_id
    where r.user_id = ${userId} and ${customerVisibleSql(scope, sql`c.id`)}
    order by r.opened_at desc, c.id limit ${recentLimit}`);
  return rowsOf<{ customer_id: string; number: string; name: string; opened_at: Date | string }>(r);
}

export type QueueOrderRow = { id: string; number: string; kind: string; status: string; priority: string; customer_id: string; customer_name: string; hold_reason: string | null; has_warnings: boolean; since: Date | string };

/** Open orders whose intake row names the user (signed in or by token), within the scope, urgent first then oldest. */
export async function ordersTakenBy(q: Queryable, actor: { exact: string; tokenPattern: string }, scope: OrderScope): Promise<QueueOrderRow[]> {
  const statuses = sql.join(queueStatuses.map((s) => sql`${s}`), sql`, `);
  const r = await q.execute(sql`select o.id, o.number, o.kind, o.status, o.priority, o.customer_id, c.name as customer_name, o.hold_reason,
      (o.correction_warnings is not null and jsonb_array_length(o.correction_warnings) > 0) as has_warnings, o.updated_at as since
    from work_orders o join customers c on c.id = o.customer_id
    where o.status in (${statuses})
      and exists (select 1 from work_order_history h where h.order_id = o.id and h.action = 'intake' and (h.actor = ${actor.exact} or h.actor like ${actor.tokenPattern}))
      and ${orderInScopeSql(scope, sql`o.id`)}
    order by array_position(array['urgent','high','normal','low'], o.priority), o.created_at, o.id
    limit ${queueLimit * 4}`);
  return rowsOf<QueueOrderRow>(r);
}

export type QueueFollowUpRow = { id: string; order_id: string; order_number: string; customer_name: string; due_at: Date | string };

/** The follow-up desk's open calls, soonest due first (the tasks are the desk's, not one person's). */
export async function openFollowUps(q: Queryable): Promise<QueueFollowUpRow[]> {
  const r = await q.execute(sql`select f.id, f.order_id, o.number as order_number, c.name as customer_name, f.due_at
    from follow_up_tasks f join work_orders o on o.id = f.order_id join customers c on c.id = f.customer_id
    where f.status = 'open' order by f.due_at, f.id limit ${queueLimit}`);
  return rowsOf<QueueFollowUpRow>(r);
}

export type QueueComplaintRow = { id: string; customer_id: string; customer_name: string; severity: string; level: string; text: string; due_at: Date | string | null };

/** Complaints the user filed that are not closed (resolved ones wait for the customer's answer), soonest clock first. */
export async function complaintsFiledBy(q: Queryable, actor: { exact: string; tokenPattern: string }): Promise<QueueComplaintRow[]> {
  const r = await q.execute(sql`select k.id, k.customer_id, c.name as customer_name, k.severity, k.level, k.text, k.due_at
    from complaints k join customers c on c.id = k.customer_id
    where k.status <> 'closed' and (k.filed_by = ${actor.exact} or k.filed_by like ${actor.tokenPattern})
    order by k.due_at nulls last, k.created_at, k.id limit ${queueLimit}`);
  return rowsOf<QueueComplaintRow>(r);
}

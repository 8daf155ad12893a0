import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { OrderScope } from '../../kernel/scopes.js';
import { customerVisibleSql, orderInScopeSql, orderNumberSql } from '../work-orders/index.js';
import { contactCalls, contactNotes, customerSuggestionHistory, customerSuggestions } from './contacts.tables.js';
import type { Cursor, TimelineKind } from './contacts.rules.js';

// The contact timeline reads the other modules' records (orders and their history, the outbox,
// follow-up attempts and surveys, complaints and their history, fee disputes, portal sessions) in
// one statement, as quality.repo does: a page newest first over eight sources cannot be assembled
// from the owners' per-row functions, and one statement is one snapshot. Each source is one branch
// that starts from the customer through an index (work_orders_customer_idx, outbox_messages_customer_idx,
// complaints_customer_idx, follow_up_surveys_customer_idx, sessions_customer_idx and this module's
// own), is filtered and cut to the page's size on its own, and the branches are merged: the work is
// bounded by the customer's records, never by the tables'. It writes only its own tables.

export type CallRow = typeof contactCalls.$inferSelect;
export type NoteRow = typeof contactNotes.$inferSelect;
export type SuggestionRow = typeof customerSuggestions.$inferSelect;

/** Whether the customer exists and the scope reaches them (a provider: someone its orders serve). */
export async function customerVisible(q: Queryable, scope: OrderScope, customerId: string): Promise<boolean> {
  const r = await q.execute(sql`select exists (select 1 from customers c where c.id = ${customerId} and ${customerVisibleSql(scope, sql`c.id`)}) as yes`);
  const [row] = (r as unknown as { rows: { yes: boolean }[] }).rows;
  return row?.yes === true;
}

export async function insertCall(q: Queryable, row: Omit<typeof contactCalls.$inferInsert, 'seq'>): Promise<CallRow> {
  const [made] = await q.insert(contactCalls).values(row).returning();
  return made;
}

export async function insertNote(q: Queryable, row: Omit<typeof contactNotes.$inferInsert, 'seq'>): Promise<NoteRow> {
  const [made] = await q.insert(contactNotes).values(row).returning();
  return made;
}

export async function insertSuggestion(q: Queryable, row: Omit<typeof customerSuggestions.$inferInsert, 'seq'>): Promise<SuggestionRow> {
  const [made] = await q.insert(customerSuggestions).values(row).returning();
  return made;
}

export async function insertSuggestionHistory(q: Queryable, row: typeof customerSuggestionHistory.$inferInsert) {
  await q.insert(customerSuggestionHistory).values(row);
}

export async function findSuggestion(q: Queryable, id: string): Promise<SuggestionRow | undefined> {
  const [row] = await q.select().from(customerSuggestions).where(eq(customerSuggestions.id, id));
  return row;
}

/** Writes the patch and the next version when the suggestion is still at `version`; undefined when someone else changed it first. */
export async function updateSuggestionAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof customerSuggestions.$inferInsert>): Promise<SuggestionRow | undefined> {
  const [row] = await q
    .update(customerSuggestions)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(customerSuggestions.id, id), eq(customerSuggestions.version, version)))
    .returning();
  return row;
}

export async function suggestionHistoryOf(q: Queryable, id: string) {
  return q.select().from(customerSuggestionHistory).where(eq(customerSuggestionHistory.suggestionId, id)).orderBy(asc(customerSuggestionHistory.seq));
}

export async function listSuggestions(q: Queryable, f: { customerId?: string; status?: string; limit: number; offset: number }) {
  const where: SQL[] = [];
  if (f.customerId) where.push(eq(customerSuggestions.customerId, f.customerId));
  if (f.status) where.push(eq(customerSuggestions.status, f.status));
  const condition = where.length ? and(...where) : undefined;
  const rows = await q.select().from(customerSuggestions).where(condition).orderBy(desc(customerSuggestions.createdAt), desc(customerSuggestions.seq)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: sql<number>`count(*)::int` }).from(customerSuggestions).where(condition);
  return { rows, total: Number(total) };
}

export type TimelineFilter = {
  customerId: string;
  scope: OrderScope;
  kinds: readonly TimelineKind[];
  from?: Date;
  to?: Date;
  /** An ILIKE pattern (containsPattern). */
  pattern?: string;
  cursor?: Cursor;
  limit: number;
  /** Templates whose bodies carry a code: never searched (a search must not confirm a guessed code). */
  secretTemplates: readonly string[];
};

export type TimelineRow = {
  at: Date;
  kind: TimelineKind;
  id: string;
  orderId: string | null;
  orderNumber: string | null;
  action: string;
  body: string | null;
  actor: string | null;
  detail: Record<string, unknown>;
};

/**
 * Each source as rows of (at, kind, id, order_id, action, body, actor, detail, search), the
 * customer's only. `hqOnly`: never shown to a provider's staff or a technician, even about their
 * order (complaints name them as the accused; follow-ups are headquarters' measure of them;
 * suggestions and sign-ins are about no order).
 */
function branches(customerId: string, secret: readonly string[]): { kind: TimelineKind; hqOnly: boolean; rows: SQL }[] {
  const noSecret = secret.length ? sql`m.template not in (${sql.join(secret.map((s) => sql`${s}`), sql`, `)})` : sql`true`;
  const customerOrders = sql`(select w.id, w.number, w.symptom, w.work_notes from work_orders w where w.customer_id = ${customerId})`;
  return [
    {
      kind: 'call',
      hqOnly: false,
      rows: sql`select c.started_at as at, 'call'::text as kind, c.id::text as id, c.order_id, c.outcome as action, c.notes as body, c.agent as actor,
        jsonb_build_object('direction', c.direction, 'phone', c.phone, 'durationSeconds', c.duration_seconds) as detail, c.notes as search
        from contact_calls c where c.customer_id = ${customerId}`,
    },
    {
      kind: 'note',
      hqOnly: false,
      rows: sql`select n.created_at as at, 'note'::text as kind, n.id::text as id, n.order_id, 'note'::text as action, n.text as body, n.author as actor,
        '{}'::jsonb as detail, n.text as search
        from contact_notes n where n.customer_id = ${customerId}`,
    },
    {
      kind: 'suggestion',
      hqOnly: true,
      rows: sql`select s.created_at as at, 'suggestion'::text as kind, s.id::text as id, null::uuid as order_id, s.status as action, s.text as body, s.recorded_by as actor,
        jsonb_build_object('topic', s.topic, 'channel', s.channel, 'answer', s.answer, 'answeredAt', s.answered_at, 'answeredBy', s.answered_by, 'version', s.version) as detail,
        s.text || ' ' || coalesce(s.answer, '') as search
        from customer_suggestions s where s.customer_id = ${customerId}`,
    },
    {
      kind: 'message',
      hqOnly: false,
      rows: sql`select m.created_at as at, 'message'::text as kind, m.id::text as id,
        case when m.subject->>'kind' = 'work_order' and m.subject->>'id' ~ '^[0-9a-f-]{36}$' then (m.subject->>'id')::uuid end as order_id,
        m.status as action, case when m.language = 'en' then m.body_en else m.body_zh end as body, null::text as actor,
        jsonb_build_object('channel', m.channel, 'template', m.template, 'recipient', m.recipient, 'sentAt', m.sent_at, 'deliveredAt', m.delivered_at, 'failedAt', m.failed_at) as detail,
        case when ${noSecret} then m.body_zh || ' ' || m.body_en else '' end as search
        from outbox_messages m where m.customer_id = ${customerId}`,
    },
    {
      kind: 'visit',
      hqOnly: false,
      rows: sql`select h.at, 'visit'::text as kind, h.id::text as id, h.order_id, h.action, h.reason as body, h.actor,
        jsonb_build_object('status', h.to_status, 'symptom', o.symptom) as detail, o.number || ' ' || o.symptom || ' ' || coalesce(o.work_notes, '') || ' ' || coalesce(h.reason, '') as search
        from ${customerOrders} o join work_order_history h on h.order_id = o.id
        where h.action in ('book', 'check_in', 'complete', 'redo') and h.actor not like 'customer:%'`,
    },
    {
      kind: 'survey',
      hqOnly: true,
      rows: sql`select a.at, 'survey'::text as kind, 'a' || a.id::text as id, t.order_id, a.result as action, a.note as body, a.actor,
          jsonb_build_object('type', 'attempt', 'dayPart', a.day_part) as detail, coalesce(a.note, '') as search
          from ${customerOrders} o join follow_up_tasks t on t.order_id = o.id join follow_up_attempts a on a.task_id = t.id
        union all
        select h.at, 'survey', 'f' || h.id::text, h.order_id, 'follow_up', h.reason, h.actor, jsonb_build_object('type', 'order_follow_up', 'changes', h.changes), coalesce(h.reason, '')
          from ${customerOrders} o join work_order_history h on h.order_id = o.id where h.action = 'follow_up'
        union all
        select s.sent_at, 'survey', 's' || s.id::text, s.order_id, 'survey_sent', null, s.sent_by, jsonb_build_object('type', 'survey', 'channel', s.channel), ''
          from follow_up_surveys s where s.customer_id = ${customerId}
        union all
        select s.answered_at, 'survey', 'r' || s.id::text, s.order_id, 'survey_answered', s.answers->>'comment', null, jsonb_build_object('type', 'answers', 'answers', s.answers), coalesce(s.answers::text, '')
          from follow_up_surveys s where s.customer_id = ${customerId} and s.answered_at is not null`,
    },
    {
      kind: 'complaint',
      hqOnly: true,
      rows: sql`select h.at, 'complaint'::text as kind, h.seq::text as id, case when jsonb_array_length(c.order_ids) > 0 then (c.order_ids->>0)::uuid end as order_id,
        h.action, case when h.action = 'file' then c.text end as body, h.actor,
        jsonb_build_object('complaintId', c.id, 'level', h.to_level, 'status', h.to_status, 'severity', c.severity, 'category', c.category) as detail, c.text as search
        from complaints c join complaint_history h on h.complaint_id = c.id
        where c.customer_id = ${customerId} and (h.action = 'file' or h.from_status is distinct from h.to_status or h.from_level is distinct from h.to_level)`,
    },
    {
      kind: 'portal',
      hqOnly: false,
      rows: sql`select h.at, 'portal'::text as kind, 'o' || h.id::text as id, h.order_id, h.action, h.reason as body, h.actor,
          jsonb_build_object('status', h.to_status) as detail, o.number || ' ' || o.symptom || ' ' || coalesce(h.reason, '') as search
          from ${customerOrders} o join work_order_history h on h.order_id = o.id where h.actor = ${`customer:${customerId}`}
        union all
        select d.created_at, 'portal', 'd' || d.id::text, d.order_id, 'fee_dispute', d.text, d.raised_by,
          jsonb_build_object('reason', d.reason, 'disputedFen', d.disputed_fen, 'currency', d.currency, 'status', d.status), d.text
          from ${customerOrders} o join fee_disputes d on d.order_id = o.id where d.raised_by_kind = 'customer'
        union all
        select s.created_at, 'portal', 'g' || md5(s.id), null::uuid, 'sign_in', null, null, '{}'::jsonb, ''
          from sessions s where s.customer_id = ${customerId}`,
    },
  ];
}

/** The statement of one page (the bench times and explains it alone). */
export function timelineSql(f: TimelineFilter): SQL | undefined {
  const all = f.scope.kind === 'all';
  const key = sql`b.kind || ':' || b.id`;
  const parts = branches(f.customerId, f.secretTemplates)
    .filter((b) => f.kinds.includes(b.kind) && (all || !b.hqOnly))
    .map((b) => {
      const where: SQL[] = [sql`b.at is not null`];
      if (!all) where.push(sql`b.order_id is not null and ${orderInScopeSql(f.scope, sql`b.order_id`)}`);
      if (f.from) where.push(sql`b.at >= ${f.from}`);
      if (f.to) where.push(sql`b.at < ${f.to}`);
      if (f.cursor) where.push(sql`(b.at, ${key}) < (${f.cursor.at}::timestamptz, ${f.cursor.key})`);
      // Only `search`: each branch puts its body there, a message's only when it carries no code.
      if (f.pattern) where.push(sql`b.search ilike ${f.pattern}`);
      return sql`(select b.at, b.kind, b.id, b.order_id, b.action, b.body, b.actor, b.detail from (${b.rows}) b where ${sql.join(where, sql` and `)} order by b.at desc, ${key} desc limit ${f.limit + 1})`;
    });
  if (parts.length === 0) return undefined;
  return sql`
    select t.at, t.kind, t.id, t.order_id, ${orderNumberSql(sql`t.order_id`)} as order_number, t.action, t.body, t.actor, t.detail
    from (${sql.join(parts, sql` union all `)}) t
    order by t.at desc, t.kind || ':' || t.id desc
    limit ${f.limit + 1}`;
}

/** One page of the customer's timeline, newest first; `limit + 1` rows tell the caller whether more follow. */
export async function timeline(q: Queryable, f: TimelineFilter): Promise<TimelineRow[]> {
  const statement = timelineSql(f);
  if (!statement) return [];
  const r = await q.execute(statement);
  return (r as unknown as { rows: Record<string, unknown>[] }).rows.map((x) => ({
    at: new Date(x.at as string | Date),
    kind: x.kind as TimelineKind,
    id: String(x.id),
    orderId: (x.order_id as string | null) ?? null,
    orderNumber: (x.order_number as string | null) ?? null,
    action: String(x.action),
    body: (x.body as string | null) ?? null,
    actor: (x.actor as string | null) ?? null,
    detail: (typeof x.detail === 'string' ? JSON.parse(x.detail) : (x.detail ?? {})) as Record<string, unknown>,
  }));
}

import { and, asc, count, desc, eq, gte, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { OrderScope } from '../../kernel/scopes.js';
import { complaintEntries, complaintHistory, complaintLevels, complaints } from './complaints.tables.js';
import { providerCauses, type Rung } from './complaints.rules.js';

export type ComplaintRow = typeof complaints.$inferSelect;
export type EntryRow = typeof complaintEntries.$inferSelect;
export type HistoryRow = typeof complaintHistory.$inferSelect;

export async function ladder(q: Queryable): Promise<Rung[]> {
  const rows = await q.select().from(complaintLevels).orderBy(asc(complaintLevels.rank));
  return rows as Rung[];
}

/**
 * Which complaints a scope sees: headquarters all of them, a customer their own; a provider or a
 * technician only what a manager shared of a complaint about them (the caller shows the shared text alone).
 */
export function visibleSql(scope: OrderScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'customer':
      return eq(complaints.customerId, scope.customerId);
    case 'provider':
      return and(isNotNull(complaints.sharedAt), sql`${complaints.providerIds} @> ${JSON.stringify([scope.providerId])}::jsonb`) as SQL;
    case 'technician':
      return and(isNotNull(complaints.sharedAt), sql`${complaints.technicianIds} @> ${JSON.stringify([scope.technicianId])}::jsonb`) as SQL;
    case 'none':
      return sql`false`;
  }
}

/** Undefined when the follow-up task named filed its complaint already. */
export async function insertComplaint(q: Queryable, row: Omit<typeof complaints.$inferInsert, 'seq'>): Promise<ComplaintRow | undefined> {
  const [made] = await q.insert(complaints).values(row).onConflictDoNothing().returning();
  return made;
}

/** `lock`: the row held until the transaction ends, so a breach job and a person queue here. */
export async function findComplaint(q: Queryable, id: string, visible: SQL, lock = false): Promise<ComplaintRow | undefined> {
  const query = q.select().from(complaints).where(and(eq(complaints.id, id), visible));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Writes the patch and the next version when the complaint is still at `version`; undefined when someone else changed it first. */
export async function updateAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof complaints.$inferInsert>): Promise<ComplaintRow | undefined> {
  const [row] = await q
    .update(complaints)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(complaints.id, id), eq(complaints.version, version)))
    .returning();
  return row;
}

export async function insertHistory(q: Queryable, row: typeof complaintHistory.$inferInsert) {
  await q.insert(complaintHistory).values(row);
}

export async function historyOf(q: Queryable, id: string): Promise<HistoryRow[]> {
  return q.select().from(complaintHistory).where(eq(complaintHistory.complaintId, id)).orderBy(asc(complaintHistory.seq));
}

export async function insertEntry(q: Queryable, row: Omit<typeof complaintEntries.$inferInsert, 'seq'>): Promise<EntryRow> {
  const [made] = await q.insert(complaintEntries).values(row).returning();
  return made;
}

export async function entriesOf(q: Queryable, id: string): Promise<EntryRow[]> {
  return q.select().from(complaintEntries).where(eq(complaintEntries.complaintId, id)).orderBy(asc(complaintEntries.seq));
}

/** The latest earlier complaint of the same customer or about one of the units, filed since `since`. */
export async function priorComplaint(q: Queryable, f: { customerId: string; unitIds: string[]; since: Date }): Promise<ComplaintRow | undefined> {
  const same = f.unitIds.length
    ? or(eq(complaints.customerId, f.customerId), sql`${complaints.unitIds} ?| array[${sql.join(f.unitIds.map((u) => sql`${u}`), sql`, `)}]::text[]`)
    : eq(complaints.customerId, f.customerId);
  const [row] = await q.select().from(complaints).where(and(same, gte(complaints.createdAt, f.since))).orderBy(desc(complaints.createdAt)).limit(1);
  return row;
}

/**
 * The workbench: open complaints first, the highest rung first, then the soonest clock; then the
 * resolved and closed, newest first.
 */
export async function listComplaints(q: Queryable, f: { visible: SQL; now: Date; status?: string; level?: string; overdue?: boolean; customerId?: string; limit: number; offset: number }) {
  const where: SQL[] = [f.visible];
  if (f.status) where.push(eq(complaints.status, f.status));
  if (f.level) where.push(eq(complaints.level, f.level));
  if (f.customerId) where.push(eq(complaints.customerId, f.customerId));
  if (f.overdue) where.push(and(eq(complaints.status, 'open'), lte(complaints.dueAt, f.now)) as SQL);
  const condition = and(...where);
  const rank = sql`(select ${complaintLevels.rank} from ${complaintLevels} where ${complaintLevels.level} = ${complaints.level})`;
  const rows = await q
    .select()
    .from(complaints)
    .where(condition)
    .orderBy(sql`case when ${complaints.status} = 'open' then 0 else 1 end`, sql`case when ${complaints.status} = 'open' then ${rank} end desc`, sql`case when ${complaints.status} = 'open' then ${complaints.dueAt} end asc`, desc(complaints.createdAt), asc(complaints.id))
    .limit(f.limit)
    .offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(complaints).where(condition);
  return { rows, total };
}

/** Open complaints whose clock has run out and whose breach is not yet handled, soonest first. */
export async function dueComplaintIds(q: Queryable, now: Date, limit: number): Promise<string[]> {
  const rows = await q
    .select({ id: complaints.id })
    .from(complaints)
    .where(and(eq(complaints.status, 'open'), isNull(complaints.breachedAt), lte(complaints.dueAt, now)))
    .orderBy(asc(complaints.dueAt))
    .limit(limit);
  return rows.map((r) => r.id);
}


/**
 * For settlement: a complaint about the order was upheld against the provider by `at` (resolved
 * with a root cause of the provider's doing, and not reopened since).
 */
export function complaintUpheldSql(orderId: SQL, at: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${complaints} c where c.order_ids @> jsonb_build_array(${orderId}::text)
    and c.status in ('resolved', 'closed') and c.resolved_at <= ${at} and c.root_cause in (${sql.join(providerCauses.map((r) => sql`${r}`), sql`, `)}))`;
}

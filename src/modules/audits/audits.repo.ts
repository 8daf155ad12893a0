import { and, asc, desc, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/database.js';
import type { ProviderScope } from '../../kernel/scopes.js';
import { auditActionHistory, auditActions, auditSettings, auditTemplates, serviceAudits } from './audits.tables.js';

export type TemplateRow = typeof auditTemplates.$inferSelect;
export type AuditRow = typeof serviceAudits.$inferSelect;
export type ActionRow = typeof auditActions.$inferSelect;
export type SettingsRow = typeof auditSettings.$inferSelect;

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

// ---------------------------------------------------------------- templates

export async function currentTemplates(q: Queryable): Promise<TemplateRow[]> {
  return q.select().from(auditTemplates).where(eq(auditTemplates.current, true)).orderBy(asc(auditTemplates.code));
}

export async function templateVersions(q: Queryable, code: string): Promise<TemplateRow[]> {
  return q.select().from(auditTemplates).where(eq(auditTemplates.code, code)).orderBy(desc(auditTemplates.version));
}

export async function findTemplate(q: Queryable, id: string, lock = false): Promise<TemplateRow | undefined> {
  const s = q.select().from(auditTemplates).where(eq(auditTemplates.id, id));
  const [row] = lock ? await s.for('update') : await s;
  return row;
}

export async function currentTemplateOf(q: Queryable, code: string): Promise<TemplateRow | undefined> {
  const [row] = await q.select().from(auditTemplates).where(and(eq(auditTemplates.code, code), eq(auditTemplates.current, true)));
  return row;
}

/** Whether any audit was scored on this version (then it is never changed in place). */
export async function templateUsed(q: Queryable, id: string): Promise<boolean> {
  const [row] = await q.select({ one: sql`1` }).from(serviceAudits).where(eq(serviceAudits.templateId, id)).limit(1);
  return row !== undefined;
}

/** A new template's first version; undefined when the code is taken. */
export async function insertTemplate(q: Queryable, row: typeof auditTemplates.$inferInsert): Promise<TemplateRow | undefined> {
  const [made] = await q.insert(auditTemplates).values(row).onConflictDoNothing().returning();
  return made;
}

export async function updateTemplateAtVersion(q: Queryable, id: string, rowVersion: number, patch: Partial<typeof auditTemplates.$inferInsert>): Promise<TemplateRow | undefined> {
  const [row] = await q
    .update(auditTemplates)
    .set({ ...patch, rowVersion: sql`${auditTemplates.rowVersion} + 1` })
    .where(and(eq(auditTemplates.id, id), eq(auditTemplates.rowVersion, rowVersion)))
    .returning();
  return row;
}

export async function retireCurrent(q: Queryable, code: string) {
  await q.update(auditTemplates).set({ current: false }).where(and(eq(auditTemplates.code, code), eq(auditTemplates.current, true)));
}

// ---------------------------------------------------------------- audits

/** What a caller may see of rows owned by a provider and technician: headquarters all, a provider its own, a technician their own. */
function ownedVisible(scope: ProviderScope, provider: AnyPgColumn, technician: AnyPgColumn): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'provider':
      return eq(provider, scope.providerId);
    case 'technician':
      return eq(technician, scope.technicianId);
    default:
      return sql`false`;
  }
}

export const auditVisible = (scope: ProviderScope) => ownedVisible(scope, serviceAudits.providerId, serviceAudits.technicianId);
export const actionVisible = (scope: ProviderScope) => ownedVisible(scope, auditActions.providerId, auditActions.technicianId);

/** The audit, or undefined when an audit of the same source exists already (made once). */
export async function insertAudit(q: Queryable, row: typeof serviceAudits.$inferInsert): Promise<AuditRow | undefined> {
  const [made] = await q.insert(serviceAudits).values(row).onConflictDoNothing().returning();
  return made;
}

export async function findAudit(q: Queryable, id: string, visible: SQL): Promise<AuditRow | undefined> {
  const [row] = await q.select().from(serviceAudits).where(and(eq(serviceAudits.id, id), visible));
  return row;
}

export type AuditFilter = { providerId?: string; technicianId?: string; month?: string; kind?: string; limit: number; offset: number };

export async function listAudits(q: Queryable, f: AuditFilter, visible: SQL): Promise<{ rows: AuditRow[]; total: number }> {
  const where = and(
    visible,
    f.providerId ? eq(serviceAudits.providerId, f.providerId) : undefined,
    f.technicianId ? eq(serviceAudits.technicianId, f.technicianId) : undefined,
    f.month ? eq(serviceAudits.month, f.month) : undefined,
    f.kind ? eq(serviceAudits.kind, f.kind as AuditRow['kind']) : undefined,
  );
  const rows = await q.select().from(serviceAudits).where(where).orderBy(desc(serviceAudits.auditedAt), desc(serviceAudits.id)).limit(f.limit).offset(f.offset);
  const [n] = await q.select({ n: sql<string>`count(*)` }).from(serviceAudits).where(where);
  return { rows, total: Number(n?.n ?? 0) };
}

export type ScoreRow = { key: string; month: string; audits: number; scored: number; averageScore: number | null; failed: number };

/**
 * Audit scores per provider or technician and month over [fromMonth, toMonth]: how many audits, the
 * mean score of those with one (an audit with every item not applicable has none), how many failed.
 */
export async function auditScores(q: Queryable, p: { level: 'provider' | 'technician'; fromMonth: string; toMonth: string; key?: string }, visible: SQL = sql`true`): Promise<ScoreRow[]> {
  const col = p.level === 'provider' ? serviceAudits.providerId : serviceAudits.technicianId;
  const rows = await q
    .select({
      key: sql<string>`${col}::text`,
      month: serviceAudits.month,
      audits: sql<string>`count(*)`,
      scored: sql<string>`count(${serviceAudits.score})`,
      average: sql<string | null>`round(avg(${serviceAudits.score})::numeric, 1)`,
      failed: sql<string>`count(*) filter (where not ${serviceAudits.passed})`,
    })
    .from(serviceAudits)
    .where(and(visible, sql`${col} is not null`, gte(serviceAudits.month, p.fromMonth), sql`${serviceAudits.month} <= ${p.toMonth}`, p.key ? sql`${col} = ${p.key}` : undefined))
    .groupBy(col, serviceAudits.month)
    .orderBy(serviceAudits.month, sql`${col}`);
  return rows.map((r) => ({ key: r.key, month: r.month, audits: Number(r.audits), scored: Number(r.scored), averageScore: r.average === null ? null : Number(r.average), failed: Number(r.failed) }));
}

/** Each provider's mean audit score since `since` (audits with a score only), for dispatch. */
export async function providerStanding(q: Queryable, providerIds: string[], since: Date): Promise<{ scores: Map<string, number>; mean: number | null }> {
  const rows = await q
    .select({ providerId: serviceAudits.providerId, average: sql<string>`avg(${serviceAudits.score})`, n: sql<string>`count(*)` })
    .from(serviceAudits)
    .where(and(gte(serviceAudits.auditedAt, since), sql`${serviceAudits.score} is not null`, sql`${serviceAudits.providerId} is not null`))
    .groupBy(serviceAudits.providerId);
  const wanted = new Set(providerIds);
  const all = rows.map((r) => ({ id: r.providerId!, avg: Number(r.average), n: Number(r.n) }));
  const total = all.reduce((s, r) => s + r.n, 0);
  return { scores: new Map(all.filter((r) => wanted.has(r.id)).map((r) => [r.id, r.avg])), mean: total ? all.reduce((s, r) => s + r.avg * r.n, 0) / total : null };
}

/** For settlement: the order had an audit that failed. */
export function auditFailedSql(orderId: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${serviceAudits} sa where sa.order_id = ${orderId} and not sa.passed)`;
}

/** For settlement: every audit of the order scored at least `min` (and it had one). */
export function auditScoreAtLeastSql(orderId: SQL, min: number): SQL<boolean> {
  return sql<boolean>`(select min(sa.score) >= ${min} from ${serviceAudits} sa where sa.order_id = ${orderId} and sa.score is not null) is true`;
}

// ---------------------------------------------------------------- corrective actions

export async function insertActions(q: Queryable, rows: (typeof auditActions.$inferInsert)[]): Promise<ActionRow[]> {
  if (!rows.length) return [];
  return q.insert(auditActions).values(rows).returning();
}

export async function findAction(q: Queryable, id: string, visible: SQL): Promise<ActionRow | undefined> {
  const [row] = await q.select().from(auditActions).where(and(eq(auditActions.id, id), visible));
  return row;
}

export async function actionsOfAudit(q: Queryable, auditId: string): Promise<ActionRow[]> {
  return q.select().from(auditActions).where(eq(auditActions.auditId, auditId)).orderBy(asc(auditActions.seq));
}

export type ActionFilter = { status?: string; overdue?: boolean; providerId?: string; limit: number; offset: number };

/** Open ones first, by due time; then the rest, newest first. */
export async function listActions(q: Queryable, f: ActionFilter, visible: SQL, now: Date): Promise<{ rows: ActionRow[]; total: number }> {
  const where = and(
    visible,
    f.status ? eq(auditActions.status, f.status) : undefined,
    f.providerId ? eq(auditActions.providerId, f.providerId) : undefined,
    f.overdue === true ? and(ne(auditActions.status, 'verified'), lt(auditActions.dueAt, now)) : undefined,
  );
  const rows = await q
    .select()
    .from(auditActions)
    .where(where)
    .orderBy(sql`(${auditActions.status} = 'verified')`, asc(auditActions.dueAt), desc(auditActions.seq))
    .limit(f.limit)
    .offset(f.offset);
  const [n] = await q.select({ n: sql<string>`count(*)` }).from(auditActions).where(where);
  return { rows, total: Number(n?.n ?? 0) };
}

export async function updateActionAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof auditActions.$inferInsert>): Promise<ActionRow | undefined> {
  const [row] = await q
    .update(auditActions)
    .set({ ...patch, version: sql`${auditActions.version} + 1` })
    .where(and(eq(auditActions.id, id), eq(auditActions.version, version)))
    .returning();
  return row;
}

export async function insertActionHistory(q: Queryable, rows: (typeof auditActionHistory.$inferInsert)[]) {
  if (rows.length) await q.insert(auditActionHistory).values(rows);
}

export async function actionHistory(q: Queryable, actionId: string) {
  return q.select().from(auditActionHistory).where(eq(auditActionHistory.actionId, actionId)).orderBy(asc(auditActionHistory.seq));
}

/** Marks the actions past due once (the condition holds one winner however many jobs run), with a history row each in the same statement. */
export async function markOverdue(q: Queryable, now: Date, actor: string): Promise<number> {
  const r = await q.execute(sql`
    with marked as (
      update ${auditActions} set overdue_at = ${now}
      where status <> 'verified' and overdue_at is null and due_at < ${now}
      returning id, status)
    insert into ${auditActionHistory} (action_id, at, actor, action, from_status, to_status)
    select id, ${now}, ${actor}, 'overdue', status, status from marked
    returning action_id`);
  return rowsOf(r).length;
}

// ---------------------------------------------------------------- settings

export async function settings(q: Queryable, lock = false): Promise<SettingsRow> {
  const s = q.select().from(auditSettings).where(eq(auditSettings.id, 1));
  const [row] = lock ? await s.for('update') : await s;
  return row!;
}

export async function updateSettings(q: Queryable, patch: Partial<typeof auditSettings.$inferInsert>, version?: number): Promise<SettingsRow | undefined> {
  const [row] = await q
    .update(auditSettings)
    .set({ ...patch, version: sql`${auditSettings.version} + 1` })
    .where(and(eq(auditSettings.id, 1), version === undefined ? undefined : eq(auditSettings.version, version)))
    .returning();
  return row;
}

import { and, asc, eq, gte, lt, sql, desc, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { followUpAttempts, followUpHistory, followUpPolicies, followUpScripts, followUpTasks, surveys } from './follow-ups.tables.js';

export type TaskRow = typeof followUpTasks.$inferSelect;
export type AttemptRow = typeof followUpAttempts.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;
export type ScriptRow = typeof followUpScripts.$inferSelect;
export type PolicyRow = typeof followUpPolicies.$inferSelect;
/** A condition on a task's order id: the tasks a caller may see are those of the orders they may see. */
export type OrderCondition = (orderId: SQL) => SQL;

export async function activePolicies(q: Queryable): Promise<PolicyRow[]> {
  return q.select().from(followUpPolicies).where(eq(followUpPolicies.active, true)).orderBy(asc(followUpPolicies.rank));
}

export async function insertPolicy(q: Queryable, row: typeof followUpPolicies.$inferInsert): Promise<PolicyRow> {
  const [made] = await q.insert(followUpPolicies).values(row).returning();
  return made;
}

/** The script in force for a kind: its highest version. */
export async function currentScript(q: Queryable, orderKind: string): Promise<ScriptRow | undefined> {
  const [row] = await q.select().from(followUpScripts).where(eq(followUpScripts.orderKind, orderKind)).orderBy(desc(followUpScripts.version)).limit(1);
  return row;
}

export async function scriptById(q: Queryable, id: string): Promise<ScriptRow | undefined> {
  const [row] = await q.select().from(followUpScripts).where(eq(followUpScripts.id, id));
  return row;
}

export async function scriptsOf(q: Queryable): Promise<ScriptRow[]> {
  return q.select().from(followUpScripts).orderBy(asc(followUpScripts.orderKind), asc(followUpScripts.version));
}

/** Undefined when the version was taken meanwhile (two publish at once: one wins). */
export async function insertScript(q: Queryable, row: typeof followUpScripts.$inferInsert): Promise<ScriptRow | undefined> {
  const [made] = await q.insert(followUpScripts).values(row).onConflictDoNothing().returning();
  return made;
}

export async function taskOfOrder(q: Queryable, orderId: string): Promise<TaskRow | undefined> {
  const [row] = await q.select().from(followUpTasks).where(eq(followUpTasks.orderId, orderId));
  return row;
}

export async function insertTask(q: Queryable, row: typeof followUpTasks.$inferInsert): Promise<TaskRow | undefined> {
  const [made] = await q.insert(followUpTasks).values(row).onConflictDoNothing().returning();
  return made;
}

export async function findTask(q: Queryable, id: string, visible: OrderCondition): Promise<TaskRow | undefined> {
  const [row] = await q.select().from(followUpTasks).where(and(eq(followUpTasks.id, id), visible(sql`${followUpTasks.orderId}`)));
  return row;
}

/** Writes the patch at `version` (the next version); undefined when someone else changed it first. */
export async function updateTaskAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof followUpTasks.$inferInsert>): Promise<TaskRow | undefined> {
  const [row] = await q.update(followUpTasks).set({ ...patch, version: version + 1 }).where(and(eq(followUpTasks.id, id), eq(followUpTasks.version, version))).returning();
  return row;
}

/** The agents' queue: open tasks, soonest due first. */
export async function openQueue(q: Queryable, visible: OrderCondition, limit: number, offset: number): Promise<{ rows: TaskRow[]; total: number }> {
  const where = and(eq(followUpTasks.status, 'open'), visible(sql`${followUpTasks.orderId}`));
  const rows = await q.select().from(followUpTasks).where(where).orderBy(asc(followUpTasks.dueAt), asc(followUpTasks.id)).limit(limit).offset(offset);
  const [{ n }] = await q.select({ n: sql<string>`count(*)` }).from(followUpTasks).where(where);
  return { rows, total: Number(n) };
}

export async function insertAttempt(q: Queryable, row: typeof followUpAttempts.$inferInsert): Promise<AttemptRow> {
  const [made] = await q.insert(followUpAttempts).values(row).returning();
  return made;
}

export async function attemptsOf(q: Queryable, taskId: string): Promise<AttemptRow[]> {
  return q.select().from(followUpAttempts).where(eq(followUpAttempts.taskId, taskId)).orderBy(asc(followUpAttempts.id));
}

export async function insertHistory(q: Queryable, row: typeof followUpHistory.$inferInsert) {
  await q.insert(followUpHistory).values(row);
}

export async function historyOf(q: Queryable, taskId: string) {
  return q.select().from(followUpHistory).where(eq(followUpHistory.taskId, taskId)).orderBy(asc(followUpHistory.id));
}

/** Surveys of one customer are decided one at a time: the wait across them is a guarded rule. */
export async function lockCustomerSurveys(q: Queryable, customerId: string) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`follow-ups.survey:${customerId}`}))`);
}

export async function lastSurveySentAt(q: Queryable, customerId: string): Promise<Date | null> {
  const [row] = await q.select({ at: surveys.sentAt }).from(surveys).where(eq(surveys.customerId, customerId)).orderBy(desc(surveys.sentAt)).limit(1);
  return row?.at ?? null;
}

export async function surveyOfOrder(q: Queryable, orderId: string): Promise<SurveyRow | undefined> {
  const [row] = await q.select().from(surveys).where(eq(surveys.orderId, orderId));
  return row;
}

export async function surveyById(q: Queryable, id: string): Promise<SurveyRow | undefined> {
  const [row] = await q.select().from(surveys).where(eq(surveys.id, id));
  return row;
}

/** Undefined when the order has a survey already (the unique index decides, also for two at once). */
export async function insertSurvey(q: Queryable, row: typeof surveys.$inferInsert): Promise<SurveyRow | undefined> {
  const [made] = await q.insert(surveys).values(row).onConflictDoNothing().returning();
  return made;
}

/** The one answer a link takes: only while the survey is unanswered with this nonce; undefined when another answer won. */
export async function answerSurvey(q: Queryable, id: string, nonce: string, at: Date, answers: Record<string, unknown>): Promise<SurveyRow | undefined> {
  const [row] = await q
    .update(surveys)
    .set({ status: 'answered', nonce: null, answeredAt: at, answers })
    .where(and(eq(surveys.id, id), eq(surveys.status, 'sent'), eq(surveys.nonce, nonce)))
    .returning();
  return row;
}

/** Response counts by channel for surveys sent, and calls attempted, in [from, to). */
export async function responseCounts(q: Queryable, from: Date, to: Date, visible: OrderCondition) {
  const bySurvey = await q
    .select({ channel: surveys.channel, sent: sql<string>`count(*)`, answered: sql<string>`count(*) filter (where ${surveys.status} = 'answered')` })
    .from(surveys)
    .where(and(gte(surveys.sentAt, from), lt(surveys.sentAt, to), visible(sql`${surveys.orderId}`)))
    .groupBy(surveys.channel);
  const [calls] = await q
    .select({
      asked: sql<string>`count(*)`,
      answered: sql<string>`count(*) filter (where exists (select 1 from ${followUpAttempts} a where a.task_id = ${followUpTasks}.id and a.result = 'reached'))`,
    })
    .from(followUpTasks)
    .where(and(gte(followUpTasks.createdAt, from), lt(followUpTasks.createdAt, to), visible(sql`${followUpTasks.orderId}`), sql`exists (select 1 from ${followUpAttempts} a where a.task_id = ${followUpTasks}.id)`));
  return { surveys: bySurvey.map((r) => ({ channel: r.channel, asked: Number(r.sent), answered: Number(r.answered) })), calls: { asked: Number(calls?.asked ?? 0), answered: Number(calls?.answered ?? 0) } };
}

/** For other modules (fraud signals): the answer codes a follow-up or survey of the order recorded. */
export async function followUpSignals(q: Queryable, orderId: string): Promise<{ outcome: string | null; nobodyCame: boolean; notFixed: boolean }> {
  const task = await taskOfOrder(q, orderId);
  const survey = await surveyOfOrder(q, orderId);
  const outcome = task?.outcome ?? null;
  const surveyFixed = survey?.answers?.fixed;
  return {
    outcome,
    nobodyCame: outcome === 'nobody_came' || survey?.answers?.nobodyCame === true,
    notFixed: outcome === 'not_fixed_redo' || outcome === 'complaint' || surveyFixed === false,
  };
}

/**
 * For audits derived from what customers said (the audits module's reader): answered surveys and
 * closed calls with answers, at or after `since`, oldest first; `ref` names each once ever.
 */
export async function answeredFollowUpsSince(q: Queryable, since: Date, limit: number): Promise<{ ref: string; orderId: string; at: Date; answers: Record<string, unknown> }[]> {
  const r = await q.execute(sql`
    (select 'survey:' || s.id as ref, s.order_id, s.answered_at as at, s.answers from ${surveys} s
      where s.status = 'answered' and s.answered_at >= ${since} order by s.answered_at limit ${limit})
    union all
    (select 'call:' || t.id || ':' || t.version as ref, t.order_id, t.closed_at as at, t.answers from ${followUpTasks} t
      where t.status = 'closed' and t.answers is not null and t.closed_at >= ${since} order by t.closed_at limit ${limit})
    order by at limit ${limit}`);
  const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { ref: string; order_id: string; at: Date | string; answers: Record<string, unknown> | string }[];
  return rows.map((x) => ({ ref: x.ref, orderId: x.order_id, at: new Date(x.at), answers: typeof x.answers === 'string' ? JSON.parse(x.answers) : x.answers }));
}

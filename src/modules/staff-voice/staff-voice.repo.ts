import { and, asc, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { pulseParticipants, pulseResponses, pulseSurveys, suggestionHistory, suggestions } from './staff-voice.tables.js';

export type SurveyRow = typeof pulseSurveys.$inferSelect;
export type SuggestionRow = typeof suggestions.$inferSelect;

// ---------------------------------------------------------------- pulse surveys

export async function insertSurvey(q: Queryable, row: typeof pulseSurveys.$inferInsert): Promise<SurveyRow> {
  const [made] = await q.insert(pulseSurveys).values(row).returning();
  return made!;
}

export async function findSurvey(q: Queryable, id: string, lock = false): Promise<SurveyRow | undefined> {
  const s = q.select().from(pulseSurveys).where(eq(pulseSurveys.id, id));
  const [row] = lock ? await s.for('update') : await s;
  return row;
}

/** Surveys, open first then newest month, with whether `userId` answered each. */
export async function listSurveys(q: Queryable, userId: string | null, limit: number, offset: number) {
  const answered = userId ? sql<boolean>`exists (select 1 from ${pulseParticipants} p where p.survey_id = ${pulseSurveys.id} and p.user_id = ${userId})` : sql<boolean>`false`;
  const rows = await q
    .select({ survey: pulseSurveys, answered })
    .from(pulseSurveys)
    .orderBy(sql`(${pulseSurveys.status} = 'closed')`, desc(pulseSurveys.month), desc(pulseSurveys.createdAt))
    .limit(limit)
    .offset(offset);
  const [n] = await q.select({ n: sql<string>`count(*)` }).from(pulseSurveys);
  return { rows, total: Number(n?.n ?? 0) };
}

export async function closeSurvey(q: Queryable, id: string, version: number, at: Date): Promise<SurveyRow | undefined> {
  const [row] = await q
    .update(pulseSurveys)
    .set({ status: 'closed', closedAt: at, version: sql`${pulseSurveys.version} + 1` })
    .where(and(eq(pulseSurveys.id, id), eq(pulseSurveys.version, version), eq(pulseSurveys.status, 'open')))
    .returning();
  return row;
}

/** Marks the person as having answered; false when they had (the primary key: one answer each, however many at once). */
export async function addParticipant(q: Queryable, surveyId: string, userId: string): Promise<boolean> {
  const made = await q.insert(pulseParticipants).values({ surveyId, userId }).onConflictDoNothing().returning();
  return made.length === 1;
}

export async function insertResponse(q: Queryable, row: typeof pulseResponses.$inferInsert) {
  await q.insert(pulseResponses).values(row);
}

export type ResponseRow = { providerId: string | null; role: string; enps: number; scores: Record<string, number> };

export async function responsesOf(q: Queryable, surveyIds: string[]): Promise<(ResponseRow & { surveyId: string })[]> {
  if (!surveyIds.length) return [];
  return q
    .select({ surveyId: pulseResponses.surveyId, providerId: pulseResponses.providerId, role: pulseResponses.role, enps: pulseResponses.enps, scores: pulseResponses.scores })
    .from(pulseResponses)
    .where(sql`${pulseResponses.surveyId} in (${sql.join(surveyIds.map((id) => sql`${id}`), sql`, `)})`);
}

export async function surveysOfMonth(q: Queryable, month: string): Promise<SurveyRow[]> {
  return q.select().from(pulseSurveys).where(eq(pulseSurveys.month, month));
}

// ---------------------------------------------------------------- suggestions

export async function insertSuggestion(q: Queryable, row: typeof suggestions.$inferInsert): Promise<SuggestionRow> {
  const [made] = await q.insert(suggestions).values(row).returning();
  return made!;
}

export async function findSuggestion(q: Queryable, id: string): Promise<SuggestionRow | undefined> {
  const [row] = await q.select().from(suggestions).where(eq(suggestions.id, id));
  return row;
}

export type SuggestionFilter = { status?: string; mine?: string; limit: number; offset: number };

export async function listSuggestions(q: Queryable, f: SuggestionFilter): Promise<{ rows: SuggestionRow[]; total: number }> {
  const where = and(f.status ? eq(suggestions.status, f.status) : undefined, f.mine ? eq(suggestions.authorUserId, f.mine) : undefined);
  const rows = await q.select().from(suggestions).where(where).orderBy(desc(suggestions.createdOn), asc(suggestions.id)).limit(f.limit).offset(f.offset);
  const [n] = await q.select({ n: sql<string>`count(*)` }).from(suggestions).where(where);
  return { rows, total: Number(n?.n ?? 0) };
}

export async function updateSuggestionAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof suggestions.$inferInsert>): Promise<SuggestionRow | undefined> {
  const [row] = await q
    .update(suggestions)
    .set({ ...patch, version: sql`${suggestions.version} + 1` })
    .where(and(eq(suggestions.id, id), eq(suggestions.version, version)))
    .returning();
  return row;
}

export async function insertSuggestionHistory(q: Queryable, row: typeof suggestionHistory.$inferInsert) {
  await q.insert(suggestionHistory).values(row);
}

export async function suggestionHistoryOf(q: Queryable, id: string) {
  return q.select().from(suggestionHistory).where(eq(suggestionHistory.suggestionId, id)).orderBy(asc(suggestionHistory.seq));
}

/**
 * For the scorecard: suggestions made per month (by the month they came) and implemented per month
 * (by the China-time month of `implementedAt`), over [fromMonth, toMonth].
 */
export async function suggestionCounts(q: Queryable, p: { fromMonth: string; toMonth: string }): Promise<{ month: string; made: number; implemented: number }[]> {
  const implMonth: SQL = sql`to_char(${suggestions.implementedAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const made = await q
    .select({ month: suggestions.month, n: sql<string>`count(*)` })
    .from(suggestions)
    .where(and(gte(suggestions.month, p.fromMonth), sql`${suggestions.month} <= ${p.toMonth}`))
    .groupBy(suggestions.month);
  const impl = await q
    .select({ month: sql<string>`${implMonth}`, n: sql<string>`count(*)` })
    .from(suggestions)
    .where(and(sql`${suggestions.implementedAt} is not null`, sql`${implMonth} >= ${p.fromMonth}`, sql`${implMonth} <= ${p.toMonth}`))
    .groupBy(implMonth);
  const months = new Map<string, { month: string; made: number; implemented: number }>();
  const at = (m: string) => months.get(m) ?? months.set(m, { month: m, made: 0, implemented: 0 }).get(m)!;
  for (const r of made) at(r.month).made = Number(r.n);
  for (const r of impl) at(r.month).implemented = Number(r.n);
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

import { and, asc, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { ProviderScope } from '../../kernel/scopes.js';
import { technicianVisibleSql } from '../network/index.js';
import { certifications, courses, examAttempts, examQuestions, exams } from './training.tables.js';

export type CourseRow = typeof courses.$inferSelect;
export type ExamRow = typeof exams.$inferSelect;
export type QuestionRow = typeof examQuestions.$inferSelect;
export type AttemptRow = typeof examAttempts.$inferSelect;
export type CertificationRow = typeof certifications.$inferSelect;

/** Inserts the course; undefined when its code is taken. */
export async function insertCourse(q: Queryable, row: typeof courses.$inferInsert): Promise<CourseRow | undefined> {
  const [made] = await q.insert(courses).values(row).onConflictDoNothing().returning();
  return made;
}

export function listCourses(q: Queryable, categoryId?: string): Promise<CourseRow[]> {
  return q.select().from(courses).where(categoryId ? eq(courses.categoryId, categoryId) : undefined).orderBy(courses.code);
}

export async function findCourse(q: Queryable, id: string): Promise<CourseRow | undefined> {
  const [row] = await q.select().from(courses).where(eq(courses.id, id));
  return row;
}

export async function insertExam(q: Queryable, row: typeof exams.$inferInsert): Promise<ExamRow> {
  const [made] = await q.insert(exams).values(row).returning();
  return made;
}

export function listExams(q: Queryable, courseId?: string): Promise<ExamRow[]> {
  return q.select().from(exams).where(courseId ? eq(exams.courseId, courseId) : undefined).orderBy(exams.createdAt);
}

export async function insertQuestion(q: Queryable, row: typeof examQuestions.$inferInsert): Promise<QuestionRow> {
  const [made] = await q.insert(examQuestions).values(row).returning();
  return made;
}

/** Serialises attempts of one technician at one exam until the transaction ends. */
export async function lockAttempts(q: Queryable, technicianId: string, examId: string) {
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`exam:${technicianId}:${examId}`}))`);
}

/** Revokes the certification unless it already is; undefined when nothing was revoked. */
export async function revokeCertification(q: Queryable, id: string, at: Date, reason: string): Promise<CertificationRow | undefined> {
  const [row] = await q.update(certifications).set({ revokedAt: at, revokeReason: reason }).where(and(eq(certifications.id, id), isNull(certifications.revokedAt))).returning();
  return row;
}

export async function findCertification(q: Queryable, id: string): Promise<CertificationRow | undefined> {
  const [row] = await q.select().from(certifications).where(eq(certifications.id, id));
  return row;
}

export async function insertCertification(q: Queryable, row: typeof certifications.$inferInsert): Promise<CertificationRow> {
  const [made] = await q.insert(certifications).values(row).returning();
  return made;
}

export async function insertAttempt(q: Queryable, row: typeof examAttempts.$inferInsert): Promise<AttemptRow> {
  const [made] = await q.insert(examAttempts).values(row).returning();
  return made;
}

/** Hands in an open attempt (only an open one). */
export async function closeAttempt(q: Queryable, id: string, patch: Partial<typeof examAttempts.$inferInsert>): Promise<AttemptRow> {
  const [row] = await q.update(examAttempts).set(patch).where(and(eq(examAttempts.id, id), eq(examAttempts.outcome, 'open'))).returning();
  return row;
}

export async function findExam(q: Queryable, id: string) {
  const [row] = await q.select().from(exams).innerJoin(courses, eq(courses.id, exams.courseId)).where(eq(exams.id, id));
  return row ? { exam: row.training_exams, course: row.training_courses } : undefined;
}

export async function bankSize(q: Queryable, examIds: string[]): Promise<Map<string, number>> {
  if (examIds.length === 0) return new Map();
  const rows = await q.select({ examId: examQuestions.examId, n: count() }).from(examQuestions).where(and(inArray(examQuestions.examId, examIds), eq(examQuestions.active, true))).groupBy(examQuestions.examId);
  return new Map(rows.map((r) => [r.examId, r.n]));
}

export async function activeQuestions(q: Queryable, examId: string): Promise<QuestionRow[]> {
  return q.select().from(examQuestions).where(and(eq(examQuestions.examId, examId), eq(examQuestions.active, true))).orderBy(asc(examQuestions.createdAt), asc(examQuestions.id));
}

export async function questionsById(q: Queryable, ids: string[]): Promise<QuestionRow[]> {
  if (ids.length === 0) return [];
  return q.select().from(examQuestions).where(inArray(examQuestions.id, ids));
}

/** An attempt, when the scope may see its technician. */
export async function findAttempt(q: Queryable, id: string, scope: ProviderScope, lock = false) {
  const query = q.select({ attempt: examAttempts }).from(examAttempts).where(and(eq(examAttempts.id, id), technicianVisibleSql(scope, examAttempts.technicianId)));
  const [row] = lock ? await query.for('update', { of: examAttempts }) : await query;
  return row?.attempt;
}

export async function attemptsOf(q: Queryable, technicianId: string, examId: string): Promise<AttemptRow[]> {
  return q.select().from(examAttempts).where(and(eq(examAttempts.technicianId, technicianId), eq(examAttempts.examId, examId))).orderBy(asc(examAttempts.startedAt));
}

/** Attempts of technicians the scope may see, newest first. */
export async function pageOfAttempts(q: Queryable, scope: ProviderScope, f: { technicianId?: string; examId?: string }, limit: number, offset: number) {
  const condition = and(
    technicianVisibleSql(scope, examAttempts.technicianId),
    f.technicianId ? eq(examAttempts.technicianId, f.technicianId) : undefined,
    f.examId ? eq(examAttempts.examId, f.examId) : undefined,
  );
  const base = q.select({ attempt: examAttempts, passPercent: exams.passPercent }).from(examAttempts).innerJoin(exams, eq(exams.id, examAttempts.examId));
  const rows = await base.where(condition).orderBy(desc(examAttempts.startedAt), asc(examAttempts.id)).limit(limit).offset(offset);
  const [{ total }] = await q.select({ total: count() }).from(examAttempts).where(condition);
  return { rows, total };
}

/** Certifications of technicians the scope may see, soonest expiry first; with `expiringBefore`, only those valid at `validAt` that expire before it. */
export async function pageOfCertifications(
  q: Queryable,
  scope: ProviderScope,
  f: { technicianId?: string; code?: string; validAt?: Date; expiringBefore?: Date },
  limit: number,
  offset: number,
) {
  const condition = and(
    technicianVisibleSql(scope, certifications.technicianId),
    f.technicianId ? eq(certifications.technicianId, f.technicianId) : undefined,
    f.code ? eq(certifications.code, f.code) : undefined,
    ...(f.validAt && f.expiringBefore ? [isNull(certifications.revokedAt), gt(certifications.expiresAt, f.validAt), lt(certifications.expiresAt, f.expiringBefore)] : []),
  );
  const rows = await q.select({ c: certifications }).from(certifications).where(condition).orderBy(asc(certifications.expiresAt), asc(certifications.id)).limit(limit).offset(offset);
  const [{ total }] = await q.select({ total: count() }).from(certifications).where(condition);
  return { rows: rows.map((r) => r.c), total };
}

export async function certificationsOf(q: Queryable, technicianIds: string[], codes?: string[]): Promise<CertificationRow[]> {
  if (technicianIds.length === 0) return [];
  return q.select().from(certifications).where(and(inArray(certifications.technicianId, technicianIds), codes ? inArray(certifications.code, codes.length ? codes : ['']) : undefined));
}

/**
 * Certifications whose warning is due: valid, expiring within their warning period, not warned,
 * and not already followed by a later valid one of the same code (a renewal makes the warning moot).
 */
export async function dueForWarning(q: Queryable, now: Date, limit: number): Promise<CertificationRow[]> {
  return q
    .select()
    .from(certifications)
    .where(
      and(
        isNull(certifications.warnedAt),
        isNull(certifications.revokedAt),
        gt(certifications.expiresAt, now),
        lt(certifications.expiresAt, sql`${now}::timestamptz + make_interval(days => ${certifications.warnDaysBefore})`),
        sql`not exists (select 1 from ${certifications} later where later.technician_id = ${certifications.technicianId} and later.code = ${certifications.code}
          and later.revoked_at is null and later.expires_at > ${certifications.expiresAt})`,
      ),
    )
    .orderBy(asc(certifications.expiresAt))
    .limit(limit);
}

/** Marks a warning as written; false when another run got there first. */
export async function claimWarning(q: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await q.update(certifications).set({ warnedAt: now }).where(and(eq(certifications.id, id), isNull(certifications.warnedAt))).returning({ id: certifications.id });
  return rows.length === 1;
}


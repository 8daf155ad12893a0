import { pgTable, uuid, text, integer, boolean, timestamp, jsonb, index, uniqueIndex, doublePrecision } from 'drizzle-orm/pg-core';
import { productCategories } from '../catalog/catalog.tables.js';
import { technicians } from '../network/network.tables.js';

export type Bilingual = { zh: string; en: string };
/** One question of a paper: which bank question, and the order its options were shown in. */
export type PaperItem = { questionId: string; optionOrder: number[] };
/** The technician's answer: indexes into the options as shown to them. */
export type Answer = { questionId: string; choices: number[] };

export const courses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    categoryId: uuid('category_id').notNull().references(() => productCategories.id),
    /** The certification passing this course's exam grants (the catalogue's required certification). */
    certificationCode: text('certification_code').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    materialUrl: text('material_url'),
    validityMonths: integer('validity_months').notNull(),
    /** How long before expiry the technician and their provider are warned. */
    warnDaysBefore: integer('warn_days_before').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('training_courses_code_uq').on(t.code)],
);

export const exams = pgTable(
  'training_exams',
  {
    id: uuid('id').primaryKey(),
    courseId: uuid('course_id').notNull().references(() => courses.id),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    questionsPerPaper: integer('questions_per_paper').notNull(),
    timeLimitMinutes: integer('time_limit_minutes').notNull(),
    passPercent: integer('pass_percent').notNull(),
    /** After a failed attempt, the next may start this many hours later. */
    retakeWaitHours: integer('retake_wait_hours').notNull(),
    /** At most this many attempts within attemptWindowDays. */
    maxAttempts: integer('max_attempts').notNull(),
    attemptWindowDays: integer('attempt_window_days').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('training_exams_course_idx').on(t.courseId)],
);

export const examQuestions = pgTable(
  'training_exam_questions',
  {
    id: uuid('id').primaryKey(),
    examId: uuid('exam_id').notNull().references(() => exams.id),
    textZh: text('text_zh').notNull(),
    textEn: text('text_en').notNull(),
    options: jsonb('options').$type<Bilingual[]>().notNull(),
    /** Indexes of the correct options, in bank order; all of them and no other must be chosen. */
    correct: jsonb('correct').$type<number[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('training_exam_questions_exam_idx').on(t.examId)],
);

export const examAttempts = pgTable(
  'training_exam_attempts',
  {
    id: uuid('id').primaryKey(),
    examId: uuid('exam_id').notNull().references(() => exams.id),
    technicianId: uuid('technician_id').notNull().references(() => technicians.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    paper: jsonb('paper').$type<PaperItem[]>().notNull(),
    answers: jsonb('answers').$type<Answer[]>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    scorePercent: doublePrecision('score_percent'),
    outcome: text('outcome', { enum: ['open', 'passed', 'failed', 'late'] }).notNull(),
    certificationId: uuid('certification_id'),
  },
  (t) => [index('training_exam_attempts_tech_idx').on(t.technicianId, t.examId, t.startedAt)],
);

export const certifications = pgTable(
  'certifications',
  {
    id: uuid('id').primaryKey(),
    technicianId: uuid('technician_id').notNull().references(() => technicians.id),
    code: text('code').notNull(),
    categoryId: uuid('category_id').references(() => productCategories.id),
    courseId: uuid('course_id').references(() => courses.id),
    attemptId: uuid('attempt_id').references(() => examAttempts.id),
    /** Who granted it without an exam (recognised elsewhere), and why. */
    grantedBy: text('granted_by'),
    grantReason: text('grant_reason'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    warnDaysBefore: integer('warn_days_before').notNull(),
    /** Set once, in the transaction that wrote the warnings: each certification warns once. */
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('certifications_tech_code_idx').on(t.technicianId, t.code, t.expiresAt), index('certifications_expiry_idx').on(t.expiresAt)],
);

import { pgTable, uuid, text, integer, bigserial, boolean, timestamp, date, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';

/** A pulse survey of the staff: a few 1–5 questions and the eNPS question, counted in `month`. */
export const pulseSurveys = pgTable('pulse_surveys', {
  id: uuid('id').primaryKey(),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  /** YYYY-MM: the month its figures count in. */
  month: text('month').notNull(),
  questions: jsonb('questions').$type<{ code: string; textZh: string; textEn: string }[]>().notNull(),
  /** Groups with fewer answers than this are not shown. */
  minGroupSize: integer('min_group_size').notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
});

/** Who has answered a survey (so nobody answers twice) — and nothing of what they answered. */
export const pulseParticipants = pgTable('pulse_participants', { surveyId: uuid('survey_id').notNull().references(() => pulseSurveys.id), userId: uuid('user_id').notNull() }, (t) => [primaryKey({ columns: [t.surveyId, t.userId] })]);

/**
 * An answer, anonymous: a random id, the group it counts in (provider or headquarters, and role),
 * the answers; no person, no time, no sequence that would line it up with the participants.
 */
export const pulseResponses = pgTable(
  'pulse_responses',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id').notNull().references(() => pulseSurveys.id),
    /** null: headquarters. */
    providerId: uuid('provider_id'),
    role: text('role').notNull(),
    enps: integer('enps').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
  },
  (t) => [index('pulse_responses_survey_idx').on(t.surveyId)],
);

/**
 * A suggestion from staff. Anonymous: no author and only the day it came (no instant to line up
 * with anything); otherwise its author. Status, answer, and when it was implemented.
 */
export const suggestions = pgTable(
  'suggestions',
  {
    id: uuid('id').primaryKey(),
    text: text('text').notNull(),
    category: text('category').notNull(),
    anonymous: boolean('anonymous').notNull(),
    authorUserId: uuid('author_user_id'),
    authorName: text('author_name'),
    providerId: uuid('provider_id'),
    status: text('status').notNull(),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    implementedAt: timestamp('implemented_at', { withTimezone: true }),
    /** YYYY-MM and day (China time) it came. */
    month: text('month').notNull(),
    createdOn: date('created_on').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('suggestions_month_idx').on(t.month), index('suggestions_author_idx').on(t.authorUserId)],
);

/** Append-only: every change of a suggestion's status or answer (an anonymous one's filing without a person). */
export const suggestionHistory = pgTable(
  'suggestion_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    suggestionId: uuid('suggestion_id').notNull().references(() => suggestions.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    answer: text('answer'),
  },
  (t) => [index('suggestion_history_idx').on(t.suggestionId, t.seq)],
);

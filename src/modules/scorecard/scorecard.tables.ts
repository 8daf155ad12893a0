import { pgTable, uuid, text, integer, timestamp, jsonb, doublePrecision, boolean, bigserial, uniqueIndex, index, check, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The scorecard's measures, as data: what a reader is shown (names, definition), which named
 * source query computes it (`source`, one of the repo's sources — never SQL a user wrote), and how
 * it is judged (direction, target, the red and green thresholds; amber between). Seeded by a migration.
 */
export const scorecardMeasures = pgTable(
  'scorecard_measures',
  {
    code: text('code').primaryKey(),
    perspective: text('perspective', { enum: ['financial', 'customer', 'internal', 'learning'] }).notNull(),
    position: integer('position').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    definitionZh: text('definition_zh').notNull(),
    definitionEn: text('definition_en').notNull(),
    source: text('source').notNull(),
    unit: text('unit', { enum: ['fen', 'percent', 'per1000', 'hours', 'score', 'points', 'count', 'ratio'] }).notNull(),
    direction: text('direction', { enum: ['higher', 'lower'] }).notNull(),
    target: doublePrecision('target'),
    /** Higher is better: at or above green is green, below red is red. Lower is better: at or below green, above red. */
    green: doublePrecision('green'),
    red: doublePrecision('red'),
    owner: text('owner').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('scorecard_measures_perspective_ck', sql`${t.perspective} in ('financial', 'customer', 'internal', 'learning')`),
    check('scorecard_measures_direction_ck', sql`${t.direction} in ('higher', 'lower')`),
  ],
);

/** Every change to a measure: who, when, what it was and became. */
export const scorecardMeasureHistory = pgTable(
  'scorecard_measure_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action', { enum: ['changed'] }).notNull(),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [index('scorecard_measure_history_code_idx').on(t.code, t.seq)],
);

/**
 * Who the monthly scorecard is e-mailed to: a mailbox and the role whose view it gets (a provider
 * admin's mailbox gets its provider against the network median). Only the roles chosen in
 * `scorecard_delivery_settings` receive it.
 */
export const scorecardRecipients = pgTable(
  'scorecard_recipients',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    role: text('role', { enum: ['manager', 'admin', 'provider_admin'] }).notNull(),
    providerId: uuid('provider_id'),
    language: text('language', { enum: ['zh', 'en'] }).notNull().default('zh'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('scorecard_recipients_email_uq').on(t.email, t.role),
    check('scorecard_recipients_provider_ck', sql`(${t.role} = 'provider_admin') = (${t.providerId} is not null)`),
  ],
);

/** The one delivery setting: which roles' mailboxes receive the monthly scorecard. */
export const scorecardDeliverySettings = pgTable('scorecard_delivery_settings', {
  id: text('id').primaryKey(),
  roles: jsonb('roles').$type<string[]>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** One row per month and mailbox the scorecard went to: the unique key makes the monthly job send once, however often it runs. */
export const scorecardDeliveries = pgTable(
  'scorecard_deliveries',
  {
    month: text('month').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    email: text('email').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('scorecard_deliveries_uq').on(t.month, t.recipientId)],
);

/**
 * The monthly rollup: one row per closed month, source, level (company, region, provider,
 * technician) and key with the aggregate a figure is computed from (n facts, Σ value, Σ weight, the
 * 90th percentile of the values) — filled set-based from the same named fact queries as the live
 * figures, so a twelve-month card reads twelve rows per figure. The month being lived in is always
 * computed live; so is a month with no row in `scorecard_rollup_months`.
 */
export const scorecardRollup = pgTable(
  'scorecard_rollup',
  {
    month: text('month').notNull(),
    source: text('source').notNull(),
    level: text('level', { enum: ['company', 'region', 'provider', 'technician'] }).notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
    sum: doublePrecision('sum').notNull(),
    weight: doublePrecision('weight').notNull(),
    p90: doublePrecision('p90'),
  },
  (t) => [primaryKey({ columns: [t.level, t.source, t.month, t.key] })],
);

/** Which months are rolled up, when, and how many rows: a month is read from the rollup only once it is here. */
export const scorecardRollupMonths = pgTable('scorecard_rollup_months', {
  month: text('month').primaryKey(),
  rolledAt: timestamp('rolled_at', { withTimezone: true }).notNull(),
  rows: integer('rows').notNull(),
});

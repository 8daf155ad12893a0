import { pgTable, uuid, text, integer, timestamp, jsonb, doublePrecision, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { productModels } from '../catalog/catalog.tables.js';
import { parts } from '../parts/parts.tables.js';

/**
 * Which cause codes are the installation's doing and which the product's (三分质量，七分安装): the
 * fault-code tree names causes but does not say whose they are, so quality keeps that here.
 * A cause code not listed counts as `unknown`.
 */
export const qualityCauseOrigins = pgTable(
  'quality_cause_origins',
  {
    causeCode: text('cause_code').primaryKey(),
    origin: text('origin', { enum: ['product', 'installation', 'other'] }).notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('quality_cause_origins_origin_ck', sql`${t.origin} in ('product', 'installation', 'other')`)],
);

/**
 * A model's or a part's monthly fault rate above its control limit: one per model (or part) and
 * month, whoever runs the check. Exactly one of model and part is set.
 */
export const qualityAlerts = pgTable(
  'quality_alerts',
  {
    id: uuid('id').primaryKey(),
    modelId: uuid('model_id').references(() => productModels.id),
    /** A part's alert: its faults are the repairs that replaced it, its units those of the models using it. */
    partId: uuid('part_id').references(() => parts.id),
    /** YYYY-MM, China time. */
    month: text('month').notNull(),
    faults: integer('faults').notNull(),
    units: integer('units').notNull(),
    ratePer1000: doublePrecision('rate_per_1000').notNull(),
    baselinePer1000: doublePrecision('baseline_per_1000').notNull(),
    upperLimitPer1000: doublePrecision('upper_limit_per_1000').notNull(),
    /** The repair orders behind the month's faults. */
    orderIds: jsonb('order_ids').$type<string[]>().notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('quality_alerts_model_month_uq').on(t.modelId, t.month),
    uniqueIndex('quality_alerts_part_month_uq').on(t.partId, t.month),
    index('quality_alerts_raised_idx').on(t.raisedAt),
    check('quality_alerts_subject_ck', sql`num_nonnulls(${t.modelId}, ${t.partId}) = 1`),
  ],
);

/** The dashboard's rollup (refreshRollup, by the daily job): faults per China-time month, model and cause code. */
export const qualityFaultMonths = pgTable(
  'quality_fault_months',
  {
    month: text('month').notNull(),
    modelId: uuid('model_id').notNull(),
    causeCode: text('cause_code').notNull(),
    faults: integer('faults').notNull(),
  },
  (t) => [uniqueIndex('quality_fault_months_uq').on(t.month, t.modelId, t.causeCode)],
);

/** Units going into service (installed, else bought) per month and model: the install base at a month's start is the sum before it. */
export const qualityUnitMonths = pgTable(
  'quality_unit_months',
  {
    month: text('month').notNull(),
    modelId: uuid('model_id').notNull(),
    started: integer('started').notNull(),
  },
  (t) => [uniqueIndex('quality_unit_months_uq').on(t.modelId, t.month)],
);

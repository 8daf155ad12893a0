import { pgTable, uuid, text, integer, bigserial, timestamp, jsonb, boolean, doublePrecision, index } from 'drizzle-orm/pg-core';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { oldPartReturns } from '../parts/parts.tables.js';
import type { Signal } from './fraud.rules.js';

/** The scoring rules as data: one row per rule code (seeded by the migration), edited by a manager. */
export const fraudRules = pgTable('fraud_rules', {
  code: text('code').primaryKey(),
  enabled: boolean('enabled').notNull(),
  weight: integer('weight').notNull(),
  params: jsonb('params').$type<Record<string, number>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** The score at which an order is held for review: one row (id 'default'). */
export const fraudSettings = pgTable('fraud_settings', {
  id: text('id').primaryKey(),
  holdScore: doublePrecision('hold_score').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** One row per scored order: its latest score and explanation, and the review state. */
export const fraudScores = pgTable(
  'fraud_scores',
  {
    orderId: uuid('order_id').primaryKey().references(() => workOrders.id),
    /** The order's provider when last scored: settlement and the rates read by it. */
    providerId: uuid('provider_id'),
    score: integer('score').notNull(),
    holdScore: doublePrecision('hold_score').notNull(),
    signals: jsonb('signals').$type<Signal[]>().notNull(),
    status: text('status', { enum: ['clear', 'held', 'released', 'confirmed'] }).notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
    scorings: integer('scorings').notNull().default(1),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fraud_scores_status_idx').on(t.status, t.score), index('fraud_scores_provider_idx').on(t.providerId, t.status, t.decidedAt)],
);

/** Append-only: every score, re-score and decision of an order. */
export const fraudScoreHistory = pgTable(
  'fraud_score_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    score: integer('score').notNull(),
    signals: jsonb('signals').$type<Signal[]>().notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('fraud_score_history_order_idx').on(t.orderId, t.seq)],
);

/**
 * Old-part returns whose deadline passed unshipped and whose order was re-scored for it: the primary
 * key makes the re-score once per return, however often or wherever the hourly job runs.
 */
export const fraudOverdueReturns = pgTable('fraud_overdue_returns', {
  returnId: uuid('return_id').primaryKey().references(() => oldPartReturns.id),
  orderId: uuid('order_id').notNull().references(() => workOrders.id),
  rescoredAt: timestamp('rescored_at', { withTimezone: true }).notNull(),
});

import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, jsonb, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { productCategories } from '../catalog/catalog.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

import type { ReadingRule } from './evidence.rules.js';

/**
 * What a completion must show, per product category and order kind; a rule without a category
 * holds for every category that has none of its own.
 */
export const evidenceRules = pgTable(
  'evidence_rules',
  {
    id: uuid('id').primaryKey(),
    categoryId: uuid('category_id').references(() => productCategories.id),
    kind: text('kind').notNull(),
    /** Photo kinds that must each be on the order at least once. */
    photos: jsonb('photos').$type<string[]>().notNull(),
    /** Serial roles (indoor, outdoor, main) the technician must confirm. */
    serials: jsonb('serials').$type<string[]>().notNull(),
    readings: jsonb('readings').$type<ReadingRule[]>().notNull(),
    /** Whether this kind diagnoses a fault, so symptom → cause → remedy is required. */
    faultCodes: boolean('fault_codes').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  // One rule per category and kind, the category-less one included (NULL would not collide).
  (t) => [uniqueIndex('evidence_rules_scope_uq').on(sql`coalesce(${t.categoryId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.kind)],
);

/** Signals on an order a reviewer should look at (never a refusal): where, when and which photo. */
export const orderFlags = pgTable(
  'order_flags',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    kind: text('kind', { enum: ['check_in_far', 'check_in_outside_window', 'photo_reused'] }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_flags_order_idx').on(t.orderId, t.at)],
);

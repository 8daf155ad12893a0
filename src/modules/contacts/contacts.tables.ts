import { pgTable, uuid, text, integer, bigserial, timestamp, index } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/**
 * A call with a customer, in or out, as the agent records it: the number used, when it started,
 * how long it ran, how it ended and what was said; about one order when it was. Append-only: a
 * call happened once (a correction is a note).
 */
export const contactCalls = pgTable(
  'contact_calls',
  {
    id: uuid('id').primaryKey(),
    /** Written order: several calls may share an instant (the timeline's tie-break is the id). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    orderId: uuid('order_id').references(() => workOrders.id),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    phone: text('phone').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    outcome: text('outcome').notNull(),
    notes: text('notes').notNull().default(''),
    agent: text('agent').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('contact_calls_customer_idx').on(t.customerId, t.startedAt), index('contact_calls_order_idx').on(t.orderId)],
);

/** A staff note on a customer (internal: never in a customer's answer); about one order when it is. Append-only. */
export const contactNotes = pgTable(
  'contact_notes',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    orderId: uuid('order_id').references(() => workOrders.id),
    text: text('text').notNull(),
    author: text('author').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('contact_notes_customer_idx').on(t.customerId, t.createdAt), index('contact_notes_order_idx').on(t.orderId)],
);

/**
 * A customer's suggestion (not a complaint: nothing went wrong, they have an idea), recorded by
 * staff from a call or submitted in the portal; answered by staff, and the customer reads the answer.
 */
export const customerSuggestions = pgTable(
  'customer_suggestions',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    channel: text('channel', { enum: ['phone', 'portal', 'visit', 'other'] }).notNull(),
    topic: text('topic').notNull(),
    text: text('text').notNull(),
    status: text('status').notNull(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by'),
    recordedBy: text('recorded_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('customer_suggestions_customer_idx').on(t.customerId, t.createdAt), index('customer_suggestions_status_idx').on(t.status, t.createdAt)],
);

/** Append-only: every change of a suggestion (recorded, answered). */
export const customerSuggestionHistory = pgTable(
  'customer_suggestion_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    suggestionId: uuid('suggestion_id').notNull().references(() => customerSuggestions.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
  },
  (t) => [index('customer_suggestion_history_suggestion_idx').on(t.suggestionId, t.seq)],
);

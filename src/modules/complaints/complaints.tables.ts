import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, bigserial, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/** The escalation ladder as data: each rung, the severity that starts a complaint there, its clock (business minutes) per severity. */
export const complaintLevels = pgTable('complaint_levels', {
  level: text('level').primaryKey(),
  rank: integer('rank').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  minSeverity: text('min_severity'),
  targetMinutes: jsonb('target_minutes').$type<Record<string, number>>().notNull(),
});

/**
 * A complaint, its own record (not an order): who complained about which orders, units, provider
 * and technician (derived from the orders), in their words; where it stands on the ladder and its
 * clock there. The accused see it only when a manager shares it, and then only `sharedText`.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    source: text('source').notNull(),
    category: text('category').notNull(),
    severity: text('severity').notNull(),
    text: text('text').notNull(),
    orderIds: jsonb('order_ids').$type<string[]>().notNull().default([]),
    unitIds: jsonb('unit_ids').$type<string[]>().notNull().default([]),
    providerIds: jsonb('provider_ids').$type<string[]>().notNull().default([]),
    technicianIds: jsonb('technician_ids').$type<string[]>().notNull().default([]),
    status: text('status').notNull(),
    level: text('level').notNull(),
    /** The calendar the clocks run on (null: round the clock). */
    calendarId: uuid('calendar_id'),
    levelSince: timestamp('level_since', { withTimezone: true }).notNull(),
    /** The clock of the present rung; null once resolved. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Set when the top rung's clock ran out (nothing left to climb): the breach is recorded once. */
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    repeatOfId: uuid('repeat_of_id'),
    rootCause: text('root_cause'),
    resolution: text('resolution'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    customerAnswer: text('customer_answer'),
    sharedText: text('shared_text'),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    filedBy: text('filed_by').notNull(),
    /** The follow-up task whose call ended in "complaint" (one complaint per task, however often the outcome is told). */
    followUpTaskId: uuid('follow_up_task_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('complaints_customer_idx').on(t.customerId, t.createdAt),
    index('complaints_due_idx').on(t.dueAt).where(sql`${t.status} = 'open' and ${t.breachedAt} is null`),
    index('complaints_units_idx').using('gin', t.unitIds),
    index('complaints_providers_idx').using('gin', t.providerIds),
    uniqueIndex('complaints_follow_up_task_uq').on(t.followUpTaskId),
  ],
);

/** The log: actions taken, contacts with the customer, compensation given. */
export const complaintEntries = pgTable(
  'complaint_entries',
  {
    id: uuid('id').primaryKey(),
    /** The order entries were written in (several may share an instant). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    type: text('type', { enum: ['action', 'contact', 'compensation'] }).notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    direction: text('direction'),
    durationMinutes: integer('duration_minutes'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    currency: text('currency'),
    /** An action that booked a visit: the repair order it made; a refund: the order it was paid back on. */
    orderId: uuid('order_id').references(() => workOrders.id),
    /** A refund: the negative payment fees recorded for it. */
    paymentId: uuid('payment_id'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('complaint_entries_complaint_idx').on(t.complaintId, t.at)],
);

/** Append-only: every change of a complaint (filing, level, severity, status, share, log). */
export const complaintHistory = pgTable(
  'complaint_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id').notNull().references(() => complaints.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromLevel: text('from_level'),
    toLevel: text('to_level'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('complaint_history_complaint_idx').on(t.complaintId, t.seq)],
);

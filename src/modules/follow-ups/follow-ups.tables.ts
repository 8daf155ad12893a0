import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, boolean, timestamp, jsonb, index, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';
import { workOrders } from '../work-orders/work-orders.tables.js';
import type { ScriptQuestion } from './follow-ups.rules.js';

/**
 * Which confirmed orders get a follow-up call, as data: the first active policy (by rank) whose
 * kind, tier and provider match (null matches any) decides; `samplePercent` of its orders are
 * called, chosen by a hash of the order id so a re-run decides the same.
 */
export const followUpPolicies = pgTable('follow_up_policies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  rank: integer('rank').notNull(),
  orderKind: text('order_kind'),
  customerTier: text('customer_tier'),
  providerId: uuid('provider_id'),
  samplePercent: integer('sample_percent').notNull(),
  /** Business hours (the follow-up desk's calendar) from confirmation to the call's deadline. */
  dueBusinessHours: integer('due_business_hours').notNull(),
  /** Failed attempts, each at another time of day, before the customer counts as unreachable. */
  maxAttempts: integer('max_attempts').notNull(),
  onUnreachable: text('on_unreachable', { enum: ['close', 'sms_survey'] }).notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** The questions asked on a call, per order kind; a change is a new version, answers keep the version they answered. */
export const followUpScripts = pgTable(
  'follow_up_scripts',
  {
    id: uuid('id').primaryKey(),
    orderKind: text('order_kind').notNull(),
    version: integer('version').notNull(),
    questions: jsonb('questions').$type<ScriptQuestion[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('follow_up_scripts_version_uq').on(t.orderKind, t.version)],
);

/** One follow-up task per order (a redo's new confirmation reopens it). */
export const followUpTasks = pgTable(
  'follow_up_tasks',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    customerId: uuid('customer_id').notNull(),
    providerId: uuid('provider_id'),
    orderKind: text('order_kind').notNull(),
    policyId: uuid('policy_id').notNull().references(() => followUpPolicies.id),
    timeZone: text('time_zone').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    outcome: text('outcome', { enum: ['satisfied', 'not_fixed_redo', 'complaint', 'nobody_came', 'refused', 'unreachable', 'survey_sent'] }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    maxAttempts: integer('max_attempts').notNull(),
    onUnreachable: text('on_unreachable', { enum: ['close', 'sms_survey'] }).notNull(),
    scriptId: uuid('script_id').references(() => followUpScripts.id),
    scriptVersion: integer('script_version'),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    lead: jsonb('lead').$type<{ kind: string; note: string | null }>(),
    correction: jsonb('correction').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('follow_up_tasks_order_uq').on(t.orderId), index('follow_up_tasks_queue_idx').on(t.dueAt).where(sql`status = 'open'`)],
);

/** Every call attempt, with the time of day it was made (the customer's zone). */
export const followUpAttempts = pgTable(
  'follow_up_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id').notNull().references(() => followUpTasks.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    result: text('result', { enum: ['reached', 'no_answer', 'busy', 'wrong_number', 'refused'] }).notNull(),
    dayPart: text('day_part').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
  },
  (t) => [index('follow_up_attempts_task_idx').on(t.taskId, t.id)],
);

/** Append-only: every change of a task (created, attempt, closed, reopened, survey sent). */
export const followUpHistory = pgTable(
  'follow_up_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id').notNull().references(() => followUpTasks.id),
    orderId: uuid('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('follow_up_history_task_idx').on(t.taskId, t.id)],
);

/**
 * The customer's own survey of an order, through a signed one-time link: one per order, ever (the
 * unique index), so a reopened order is never surveyed again.
 */
export const surveys = pgTable(
  'follow_up_surveys',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    customerId: uuid('customer_id').notNull(),
    taskId: uuid('task_id').references(() => followUpTasks.id),
    channel: text('channel', { enum: ['sms', 'portal'] }).notNull(),
    status: text('status', { enum: ['sent', 'answered'] }).notNull(),
    nonce: text('nonce'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    sentBy: text('sent_by').notNull(),
  },
  (t) => [uniqueIndex('follow_up_surveys_order_uq').on(t.orderId), index('follow_up_surveys_customer_idx').on(t.customerId, t.sentAt)],
);

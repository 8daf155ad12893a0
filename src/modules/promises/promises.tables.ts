import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, doublePrecision, jsonb, boolean, date, index, uniqueIndex, bigserial, bigint, primaryKey } from 'drizzle-orm/pg-core';
import { providers, technicians } from '../network/network.tables.js';
import { productCategories } from '../catalog/catalog.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import type { TimeBlock } from './calendar.rules.js';
import type { Targets } from './promises.rules.js';

/** A business calendar: weekly hours in a time zone; special days in calendar_days. */
export const calendars = pgTable(
  'calendars',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    timeZone: text('time_zone').notNull(),
    week: jsonb('week').$type<TimeBlock[][]>().notNull(),
    /** The calendar an order gets when neither its policy, provider nor region names one. */
    isDefault: boolean('is_default').notNull().default(false),
    /** A provider's own calendar: its orders' clocks run on it once dispatched there. */
    providerId: uuid('provider_id').references(() => providers.id),
    /** A region's calendar (a province or city as written on addresses). */
    region: text('region'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('calendars_code_uq').on(t.code),
    uniqueIndex('calendars_default_uq').on(t.isDefault).where(sql`is_default`),
    uniqueIndex('calendars_provider_uq').on(t.providerId).where(sql`provider_id is not null`),
    uniqueIndex('calendars_region_uq').on(t.region).where(sql`region is not null`),
  ],
);

/** Holidays and make-up working days (调休) of a calendar. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    calendarId: uuid('calendar_id').notNull().references(() => calendars.id),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    blocks: jsonb('blocks').$type<TimeBlock[]>(),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.date] })],
);

/** Targets per milestone for the orders it matches; null selectors match anything. */
export const promisePolicies = pgTable(
  'promise_policies',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    active: boolean('active').notNull().default(true),
    orderKind: text('order_kind'),
    priority: text('priority'),
    customerTier: text('customer_tier'),
    region: text('region'),
    categoryId: uuid('category_id').references(() => productCategories.id),
    /** Overrides the provider's, region's and default calendar. */
    calendarId: uuid('calendar_id').references(() => calendars.id),
    targets: jsonb('targets').$type<Targets>().notNull(),
    warnShare: doublePrecision('warn_share').notNull(),
    beatenShare: doublePrecision('beaten_share').notNull(),
    warnRole: text('warn_role').notNull(),
    escalateRole: text('escalate_role').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('promise_policies_code_uq').on(t.code)],
);

/**
 * One row counting changes to policies, calendars and their days (triggers bump it on any write),
 * so a server copy can remember them and intake can check, inside its own statement, that they
 * still hold.
 */
export const promiseRulesGeneration = pgTable('promise_rules_generation', {
  only: boolean('only').primaryKey().default(true),
  generation: bigint('generation', { mode: 'number' }).notNull(),
});

/**
 * The promise on one order: the policy it got at intake (its shares and roles copied, so editing
 * the policy later does not change promises already made), the calendar its clocks run on, and
 * the earliest upcoming deadline and alert — each indexed so "what is due next" is one index scan.
 */
export const orderPromises = pgTable(
  'order_promises',
  {
    // The order (no foreign key, as on the clocks and the history: these rows are written only with a change of
    // their order, by intake's transaction or a step's, and an order is never deleted — migration
    // `*_promise_rows_unchecked`; each key's check was a key-share lock on the order, per row).
    orderId: uuid('order_id').primaryKey(),
    // No foreign keys on these two: every order names one of a few policies and calendars, and each
    // check took a key-share lock on that one shared row, which concurrent intakes (several server
    // copies) turned into multixacts. What the keys guarded stays guarded: policies and calendars
    // are never deleted and keep their ids (triggers, migration `*_promise_rules_kept`).
    policyId: uuid('policy_id').notNull(),
    calendarId: uuid('calendar_id').notNull(),
    warnShare: doublePrecision('warn_share').notNull(),
    beatenShare: doublePrecision('beaten_share').notNull(),
    warnRole: text('warn_role').notNull(),
    escalateRole: text('escalate_role').notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    nextWarnAt: timestamp('next_warn_at', { withTimezone: true }),
    nextAlertAt: timestamp('next_alert_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('order_promises_next_alert_idx').on(t.nextAlertAt).where(sql`next_alert_at is not null`),
    index('order_promises_next_due_idx').on(t.nextDueAt).where(sql`next_due_at is not null`),
    // The at-risk list counts what is past its warning point.
    index('order_promises_next_warn_idx').on(t.nextWarnAt).where(sql`next_warn_at is not null`),
  ],
);

/** One milestone's clock in one cycle; a reopened order adds cycles, the old ones keep their outcome. */
export const promiseClocks = pgTable(
  'promise_clocks',
  {
    orderId: uuid('order_id').notNull(),
    milestone: text('milestone').notNull(),
    cycle: integer('cycle').notNull(),
    status: text('status', { enum: ['running', 'paused', 'met', 'void'] }).notNull(),
    targetMs: bigint('target_ms', { mode: 'number' }).notNull(),
    internalTargetMs: bigint('internal_target_ms', { mode: 'number' }),
    consumedMs: bigint('consumed_ms', { mode: 'number' }).notNull(),
    runningSince: timestamp('running_since', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    internalDueAt: timestamp('internal_due_at', { withTimezone: true }),
    warnAt: timestamp('warn_at', { withTimezone: true }),
    metAt: timestamp('met_at', { withTimezone: true }),
    outcome: text('outcome', { enum: ['beaten', 'kept', 'broken'] }),
    marginMs: bigint('margin_ms', { mode: 'number' }),
    internalKept: boolean('internal_kept'),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    /**
     * The order's provider, copied by triggers (after each statement inserting clocks, and on the order's dispatch or
     * reassignment): never written by this module's code. A clock is counted for its order's provider,
     * and a provider's month of met or breached clocks is then one index range — the scorecard's
     * "promises kept" drill-down read the provider's whole year of orders without it.
     */
    providerId: uuid('provider_id').references(() => providers.id),
    /**
     * The order's technician as it is now, copied by the same triggers (migration `*_scorecard_technician_copies`):
     * the scorecard's "promises kept" of one technician is one range of a month's clocks, not every clock of the
     * technician's orders of every month.
     */
    technicianId: uuid('technician_id').references(() => technicians.id),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.milestone, t.cycle] }),
    index('promise_clocks_met_idx').on(t.metAt).where(sql`met_at is not null`),
    index('promise_clocks_provider_closed_idx')
      .on(t.providerId, sql`coalesce(${t.metAt}, ${t.breachedAt})`)
      .where(sql`provider_id is not null and (outcome is not null or breached_at is not null)`),
    index('promise_clocks_technician_closed_idx')
      .on(t.technicianId, sql`coalesce(${t.metAt}, ${t.breachedAt})`)
      .where(sql`technician_id is not null and (outcome is not null or breached_at is not null)`),
  ],
);

/** Each time an order's clocks stood still, and why. */
export const promisePauses = pgTable(
  'promise_pauses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    reason: text('reason').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('promise_pauses_order_idx').on(t.orderId)],
);

/** Warnings and escalations as delivered: at most one per order, milestone, cycle and kind. */
export const promiseAlerts = pgTable(
  'promise_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    milestone: text('milestone').notNull(),
    cycle: integer('cycle').notNull(),
    kind: text('kind', { enum: ['warning', 'breach'] }).notNull(),
    role: text('role').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
    messageZh: text('message_zh').notNull(),
    messageEn: text('message_en').notNull(),
  },
  (t) => [uniqueIndex('promise_alerts_once_uq').on(t.orderId, t.milestone, t.cycle, t.kind), index('promise_alerts_role_idx').on(t.role, t.id)],
);

/** Append-only: every change to an order's promise, who made it and what changed. */
export const promiseHistory = pgTable(
  'promise_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('promise_history_order_idx').on(t.orderId, t.id)],
);

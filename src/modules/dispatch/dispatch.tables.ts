import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, jsonb, index, uniqueIndex, integer, date, doublePrecision } from 'drizzle-orm/pg-core';
import { providers, technicians } from '../network/network.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/** What a plan was computed from: each order at the version seen, so applying a stale plan is refused. */
export type PlanInput = { orders: { id: string; version: number }[]; technicianIds: string[] };
export type PlannedStop = { orderId: string; technicianId: string; sequence: number; arrival: string; start: string; end: string; travelSeconds: number; distanceMetres: number; fixed: boolean };
/** An order's on-site promise against the plan: kept with minutes to spare, broken by minutes late, or the order left out. */
export type PlanPromise = { orderId: string; dueAt: string; start: string | null; outcome: 'kept' | 'broken' | 'unplanned'; minutes: number };
export type PlanResult = {
  stops: PlannedStop[];
  unplanned: { orderId: string; code: string; zh: string; en: string }[];
  /** Absent on plans made before promises were weighed. */
  promises?: PlanPromise[];
  summary: { orders: number; planned: number; technicians: number; travelSeconds: number; distanceMetres: number; computeMs: number; promisesKept?: number; promisesBroken?: number };
  /** Orders planned from an approximate position (older plans have none). */
  approximate?: { orderId: string; code: string; zh: string; en: string }[];
};
/** The best plan so far while the optimizer runs, as the console shows it. */
export type PlanProgress = { elapsedMs: number; limitMs: number; orders: number; planned: number; priority: number; travelSeconds: number; latenessCost: number; updatedAt: string };

/** Who made a plan overnight, as the plan's author. */
export const OVERNIGHT_PLANNER = 'system:overnight';

/** A provider's day as the optimizer proposed it: previewed first, then applied in one step. */
export const dayPlans = pgTable(
  'day_plans',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    date: date('date').notNull(),
    /** planning: the optimizer is at work (result empty until it ends); failed: it could not finish. */
    status: text('status', { enum: ['planning', 'preview', 'applied', 'superseded', 'failed'] }).notNull(),
    input: jsonb('input').$type<PlanInput>().notNull(),
    result: jsonb('result').$type<PlanResult>().notNull(),
    /** The best plan so far while planning, written by the server copy that runs the optimizer. */
    progress: jsonb('progress').$type<PlanProgress>(),
    /** Someone asked to stop: the copy running the optimizer reads it with each progress write. */
    stopRequestedAt: timestamp('stop_requested_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    appliedBy: text('applied_by'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [
    index('day_plans_provider_date_idx').on(t.providerId, t.date, t.createdAt),
    // One overnight plan per provider and day, whichever server copy ran its job.
    uniqueIndex('day_plans_overnight_uq').on(t.providerId, t.date).where(sql`${t.createdBy} = 'system:overnight'`),
  ],
);

/** The visits of an applied plan, in order per technician: the technician's day. */
export const plannedVisits = pgTable(
  'planned_visits',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id').notNull().references(() => dayPlans.id),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    technicianId: uuid('technician_id').notNull().references(() => technicians.id),
    date: date('date').notNull(),
    sequence: integer('sequence').notNull(),
    plannedStart: timestamp('planned_start', { withTimezone: true }).notNull(),
    plannedEnd: timestamp('planned_end', { withTimezone: true }).notNull(),
    travelSeconds: doublePrecision('travel_seconds').notNull(),
  },
  (t) => [index('planned_visits_plan_idx').on(t.planId), index('planned_visits_tech_date_idx').on(t.technicianId, t.date)],
);

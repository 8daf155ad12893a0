import { pgTable, uuid, text, integer, bigint, bigserial, date, timestamp, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers, customerTiers } from '../customers/customers.tables.js';
import { units } from '../units/units.tables.js';

/**
 * A tier's rule and entitlements, as data beside the tier itself (customers own `customer_tiers`,
 * the tier list; loyalty adds how a tier is earned and what it gives). A tier without a row is never earned.
 */
export const loyaltyTierRules = pgTable('loyalty_tier_rules', {
  tier: text('tier').primaryKey().references(() => customerTiers.code),
  invitationOnly: boolean('invitation_only').notNull().default(false),
  minSpendFen: bigint('min_spend_fen', { mode: 'number' }).notNull().default(0),
  minUnits: integer('min_units').notNull().default(0),
  minTenureMonths: integer('min_tenure_months').notNull().default(0),
  minReferrals: integer('min_referrals').notNull().default(0),
  /** Entitlements: the weight the planner adds to this tier's orders (null: dispatch's default by rank). */
  plannerBonus: integer('planner_bonus'),
  /** A discount on the customer's share of fees, in percent (0–100). */
  feeDiscountPercent: integer('fee_discount_percent').notNull().default(0),
  freeVisitsPerYear: integer('free_visits_per_year').notNull().default(0),
  /** The dedicated line the customer is shown (null: the common service line). */
  dedicatedLine: text('dedicated_line'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Every tier change with its reason: by the nightly run (one per customer per night: the key), or by hand. */
export const loyaltyTierChanges = pgTable(
  'loyalty_tier_changes',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    fromTier: text('from_tier').notNull(),
    toTier: text('to_tier').notNull(),
    rule: text('rule').notNull(),
    reasonZh: text('reason_zh').notNull(),
    reasonEn: text('reason_en').notNull(),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The night of the run that made it; null for a change by hand. */
    runDay: date('run_day'),
  },
  (t) => [index('loyalty_tier_changes_customer_idx').on(t.customerId, t.at), uniqueIndex('loyalty_tier_changes_run_uq').on(t.customerId, t.runDay)],
);

/** One row per night the recompute ran: the key that makes it once a night, whichever copy fires. */
export const loyaltyRuns = pgTable('loyalty_runs', {
  runDay: date('run_day').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  customers: integer('customers').notNull().default(0),
  changed: integer('changed').notNull().default(0),
});

/** An invitation-only tier given by hand; removing it lets the rules decide again. */
export const loyaltyInvitations = pgTable('loyalty_invitations', {
  customerId: uuid('customer_id').primaryKey().references(() => customers.id),
  tier: text('tier').notNull().references(() => customerTiers.code),
  by: text('by').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  reason: text('reason').notNull(),
});

/** The latest customer-value (RFM) score, written by the nightly run. */
export const customerValues = pgTable(
  'customer_values',
  {
    customerId: uuid('customer_id').primaryKey().references(() => customers.id),
    recency: integer('recency').notNull(),
    frequency: integer('frequency').notNull(),
    monetary: integer('monetary').notNull(),
    score: integer('score').notNull(),
    top: boolean('top').notNull(),
    recencyDays: integer('recency_days'),
    purchases: integer('purchases').notNull(),
    monetaryFen: bigint('monetary_fen', { mode: 'number' }).notNull(),
    computedOn: date('computed_on').notNull(),
  },
  (t) => [index('customer_values_top_idx').on(t.top, t.score)],
);

export const referralCodes = pgTable('referral_codes', {
  customerId: uuid('customer_id').primaryKey().references(() => customers.id),
  code: text('code').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** A friend attributed to a referrer (once per friend: the key); rewarded when they qualify, reversed on a return. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey(),
    referrerId: uuid('referrer_id').notNull().references(() => customers.id),
    friendId: uuid('friend_id').notNull().references(() => customers.id),
    household: text('household'),
    status: text('status', { enum: ['attributed', 'rewarded', 'not_rewarded', 'reversed'] }).notNull(),
    purchaseRef: text('purchase_ref'),
    purchaseFen: bigint('purchase_fen', { mode: 'number' }),
    rewardFen: bigint('reward_fen', { mode: 'number' }).notNull().default(0),
    rule: text('rule'),
    reasonZh: text('reason_zh'),
    reasonEn: text('reason_en'),
    rewardedAt: timestamp('rewarded_at', { withTimezone: true }),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('referrals_friend_uq').on(t.friendId), index('referrals_referrer_idx').on(t.referrerId), index('referrals_household_idx').on(t.household, t.rewardedAt)],
);

/** A sales lead from service: interest at a follow-up, an old unit out of warranty, a trade-in. */
export const salesLeads = pgTable(
  'sales_leads',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    unitId: uuid('unit_id').references(() => units.id),
    source: text('source', { enum: ['follow_up_interest', 'out_of_warranty', 'trade_in'] }).notNull(),
    status: text('status', { enum: ['new', 'contacted', 'won', 'lost'] }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('sales_leads_status_idx').on(t.status, t.createdAt)],
);

/** Every change of a lead's status, and who made it. */
export const salesLeadHistory = pgTable('sales_lead_history', {
  id: uuid('id').primaryKey(),
  /** Order of writing: two changes in the same millisecond still read back in turn. */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  leadId: uuid('lead_id').notNull().references(() => salesLeads.id),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  note: text('note'),
  by: text('by').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

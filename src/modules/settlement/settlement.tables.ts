import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, bigserial, timestamp, date, jsonb, doublePrecision, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { providers } from '../network/network.tables.js';

/** Reward and penalty rules as data: a measure, its thresholds and an amount per order or fixed, in force from/to. */
export const settlementRules = pgTable(
  'settlement_rules',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind', { enum: ['reward', 'penalty'] }).notNull(),
    measure: text('measure').notNull(),
    thresholdMin: doublePrecision('threshold_min'),
    thresholdMax: doublePrecision('threshold_max'),
    basis: text('basis', { enum: ['per_order', 'fixed'] }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    activeFrom: date('active_from').notNull(),
    activeTo: date('active_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('settlement_rules_code_uq').on(t.code)],
);

/** One statement per provider per period; its id is derived from both, so a regenerated draft keeps it. */
export const settlementStatements = pgTable(
  'settlement_statements',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    period: text('period').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    timeZone: text('time_zone').notNull(),
    status: text('status').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('CNY'),
    orderCount: integer('order_count').notNull().default(0),
    heldCount: integer('held_count').notNull().default(0),
    /** How many times the draft was generated. */
    generation: integer('generation').notNull().default(0),
    generatedAt: timestamp('generated_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    agreedAt: timestamp('agreed_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentReference: text('payment_reference'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('settlement_statements_provider_period_uq').on(t.providerId, t.period), index('settlement_statements_status_idx').on(t.status, t.period)],
);

/** The orders a statement settles: an order is settled once (the key), a held one waits for a later period. */
export const settlementOrders = pgTable(
  'settlement_orders',
  {
    // No foreign keys here, on held orders or on lines (migration 0086): they are written only by a
    // draft's generation, from the orders it reads and for the statements it holds locked, and a
    // per-row check (hundreds of thousands a month) cost as much as writing the rows. What they
    // guarded stays guarded: orders are never deleted (migration 0017), and a statement is not
    // deleted, nor its id changed, while a line or an order names it (a trigger refuses it).
    orderId: uuid('order_id').primaryKey(),
    statementId: uuid('statement_id').notNull(),
    orderNumber: text('order_number').notNull(),
    jobType: text('job_type').notNull(),
    technicianId: uuid('technician_id'),
  },
  (t) => [index('settlement_orders_statement_idx').on(t.statementId)],
);

/**
 * The orders a statement held back (as at its period's end) and why, by hold code: kept with the
 * statement as generated, so its page names them; each rolls into the first statement generated
 * after it clears (settlement_orders then names that statement).
 */
export const settlementHeldOrders = pgTable(
  'settlement_held_orders',
  {
    // No foreign keys: as for settlement_orders.
    statementId: uuid('statement_id').notNull(),
    orderId: uuid('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    /** The hold sources' codes (settlement.sources.ts) that held it. */
    reasons: jsonb('reasons').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.orderId] }), index('settlement_held_orders_order_idx').on(t.orderId)],
);

/**
 * A statement's lines, numbered in a fixed order (so a regenerated draft is the same statement):
 * fee lines, amounts the provider collected, rule lines, corrections carried in.
 */
export const settlementLines = pgTable(
  'settlement_lines',
  {
    // No foreign key: as for settlement_orders.
    statementId: uuid('statement_id').notNull(),
    lineNo: integer('line_no').notNull(),
    kind: text('kind', { enum: ['fee', 'collected', 'rule', 'correction'] }).notNull(),
    orderId: uuid('order_id'),
    orderNumber: text('order_number'),
    feeLineId: uuid('fee_line_id'),
    feeKind: text('fee_kind'),
    payer: text('payer'),
    ruleId: uuid('rule_id'),
    ruleCode: text('rule_code'),
    measure: text('measure'),
    measuredValue: doublePrecision('measured_value'),
    quantity: integer('quantity').notNull().default(1),
    /** The orders behind a rule line. */
    orderIds: jsonb('order_ids').$type<string[]>().notNull().default([]),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    disputeStatus: text('dispute_status', { enum: ['open', 'answered'] }),
    disputeReason: text('dispute_reason'),
    disputeNote: text('dispute_note'),
    answer: text('answer'),
    answerCreditFen: bigint('answer_credit_fen', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.lineNo] })],
);

/** A correction agreed on a sent statement: it becomes a line of the provider's next generated statement. */
export const settlementCorrections = pgTable(
  'settlement_corrections',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    fromStatementId: uuid('from_statement_id').notNull().references(() => settlementStatements.id),
    fromLineNo: integer('from_line_no').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** The statement that carries it; null until one is generated. */
    statementId: uuid('statement_id').references(() => settlementStatements.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('settlement_corrections_line_uq').on(t.fromStatementId, t.fromLineNo), index('settlement_corrections_open_idx').on(t.providerId).where(sql`statement_id is null`)],
);

/** A provider's own piece rates per job type (order kind), for technician pay. */
export const settlementPieceRates = pgTable(
  'settlement_piece_rates',
  {
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    jobType: text('job_type').notNull(),
    rateFen: bigint('rate_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.jobType] })],
);

/** Append-only: every step of a statement and every change of a rule. */
export const settlementHistory = pgTable(
  'settlement_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    subjectKind: text('subject_kind', { enum: ['statement', 'rule', 'piece_rates'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('settlement_history_subject_idx').on(t.subjectId, t.seq)],
);

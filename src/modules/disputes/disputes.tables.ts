import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, bigserial, timestamp, jsonb, index, uniqueIndex, customType } from 'drizzle-orm/pg-core';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { orderFeeLines } from '../fees/fees.tables.js';

/** A dispute of one fee line, by the customer (portal) or a provider's admin; reviewed once. */
export const feeDisputes = pgTable(
  'fee_disputes',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    lineId: uuid('line_id').notNull().references(() => orderFeeLines.id),
    /** The order's provider when raised, for the statistics. */
    providerId: uuid('provider_id'),
    raisedByKind: text('raised_by_kind', { enum: ['customer', 'provider'] }).notNull(),
    raisedBy: text('raised_by').notNull(),
    reason: text('reason').notNull(),
    text: text('text').notNull(),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
    /** The line as disputed: its names, payer, amount and what of it was still disputable (less earlier credits). */
    lineNameZh: text('line_name_zh').notNull(),
    lineNameEn: text('line_name_en').notNull(),
    payer: text('payer').notNull(),
    lineFen: bigint('line_fen', { mode: 'number' }).notNull(),
    disputedFen: bigint('disputed_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    status: text('status').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** The credit the outcome gave (the refund owed to the line's payer), and the credit line written in fees. */
    creditFen: bigint('credit_fen', { mode: 'number' }),
    creditLineId: uuid('credit_line_id'),
    outcomeReason: text('outcome_reason'),
    /** The reviewer's note for staff only: never in a customer's answer. */
    staffNote: text('staff_note'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One open dispute per line: two raised at once make one.
    uniqueIndex('fee_disputes_open_line_uq').on(t.lineId).where(sql`${t.status} = 'open'`),
    index('fee_disputes_order_idx').on(t.orderId),
    index('fee_disputes_status_due_idx').on(t.status, t.dueAt),
  ],
);

/** Append-only: every step of a dispute. */
export const feeDisputeHistory = pgTable(
  'fee_dispute_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    disputeId: uuid('dispute_id').notNull().references(() => feeDisputes.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('fee_dispute_history_dispute_idx').on(t.disputeId, t.seq)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** Files a customer (or the provider raising it) attaches to a dispute: checked images, hashed, kept with the dispute. */
export const feeDisputeEvidence = pgTable(
  'fee_dispute_evidence',
  {
    id: uuid('id').primaryKey(),
    disputeId: uuid('dispute_id').notNull().references(() => feeDisputes.id),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedByKind: text('uploaded_by_kind', { enum: ['customer', 'provider'] }).notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fee_dispute_evidence_dispute_idx').on(t.disputeId, t.uploadedAt)],
);

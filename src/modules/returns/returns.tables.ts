import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, boolean, timestamp, jsonb, index, uniqueIndex, date } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import { units } from '../units/units.tables.js';
import { productModels } from '../catalog/catalog.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/** A return/exchange case: one customer, one return/exchange work order, one or more units (lines). */
export const returnCases = pgTable(
  'return_cases',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    status: text('status').notNull(),
    /** Signatures each appraisal needed and the approval threshold, as the policy said when the case was opened. */
    policy: jsonb('policy').$type<{ panelAboveFen: number; panelForRefunds: boolean; panelSize: number; managerApprovalAboveFen: number }>().notNull(),
    rejectedReason: text('rejected_reason'),
    version: integer('version').notNull().default(1),
    openedBy: text('opened_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('return_cases_customer_idx').on(t.customerId),
    // One case in progress per order: two desks opening one at once make one.
    uniqueIndex('return_cases_open_order_uq').on(t.orderId).where(sql`${t.status} not in ('closed', 'rejected')`),
    index('return_cases_status_idx').on(t.status),
  ],
);

/** One unit of a case, resolved on its own: the 三包 answer, the remedy asked, the decision, its money, the old unit's way back. */
export const returnCaseLines = pgTable(
  'return_case_lines',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => returnCases.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    faultCode: text('fault_code').notNull(),
    reportedOn: date('reported_on').notNull(),
    /** The 三包 answer as given at opening: rule, options, reason, refund amount. */
    sanbaoRule: text('sanbao_rule').notNull(),
    sanbaoOptions: jsonb('sanbao_options').$type<string[]>().notNull(),
    sanbaoReason: jsonb('sanbao_reason').$type<{ zh: string; en: string }>().notNull(),
    noReasonReturn: boolean('no_reason_return').notNull(),
    unitPriceFen: bigint('unit_price_fen', { mode: 'number' }).notNull(),
    /** What a refund of this unit pays: the rules' figure (full, or less depreciation). */
    refundableFen: bigint('refundable_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    requested: text('requested').notNull(),
    /** A manager's override of the rules: who, why, when. */
    overrideReason: text('override_reason'),
    overrideBy: text('override_by'),
    decision: text('decision'),
    replacementModelId: uuid('replacement_model_id').references(() => productModels.id),
    /** Exchange: new price − old price (positive: the customer pays it; negative: the customer gets it). */
    priceDifferenceFen: bigint('price_difference_fen', { mode: 'number' }),
    refundFen: bigint('refund_fen', { mode: 'number' }),
    replacementUnitId: uuid('replacement_unit_id').references(() => units.id),
    wayBack: text('way_back').notNull().default('with_customer'),
    pickupFrom: timestamp('pickup_from', { withTimezone: true }),
    pickupTo: timestamp('pickup_to', { withTimezone: true }),
    /** The pickup visit (a work order of kind `return`): its completion marks the unit picked up. */
    pickupOrderId: uuid('pickup_order_id').references(() => workOrders.id),
    warehouse: text('warehouse'),
  },
  (t) => [index('return_case_lines_case_idx').on(t.caseId), index('return_case_lines_unit_idx').on(t.unitId), index('return_case_lines_pickup_idx').on(t.pickupOrderId)],
);

/** A line's appraisal (鉴定): one per line; a panel's other members sign it. */
export const returnAppraisals = pgTable(
  'return_appraisals',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => returnCases.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id').notNull().references(() => returnCaseLines.id, { onDelete: 'cascade' }),
    by: text('by', { enum: ['technician', 'centre'] }).notNull(),
    findings: text('findings').notNull(),
    /** Photos in the case order's photo storage (work_order_photos). */
    photoIds: jsonb('photo_ids').$type<string[]>().notNull(),
    responsibility: text('responsibility').notNull(),
    bearer: text('bearer').notNull(),
    signaturesNeeded: integer('signatures_needed').notNull(),
    appraisedBy: text('appraised_by').notNull(),
    appraisedAt: timestamp('appraised_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('return_appraisals_line_uq').on(t.lineId)],
);

/** Who signed an appraisal: distinct people, the appraiser first. */
export const returnAppraisalSignatures = pgTable(
  'return_appraisal_signatures',
  {
    appraisalId: uuid('appraisal_id').notNull().references(() => returnAppraisals.id, { onDelete: 'cascade' }),
    signer: text('signer').notNull(),
    /** The drawn signature (PNG data URL, checked by src/shared/signature.ts), when drawn. */
    image: text('image'),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('return_appraisal_signatures_uq').on(t.appraisalId, t.signer)],
);

/** Every step of a case, and of a line's way back. */
export const returnCaseHistory = pgTable(
  'return_case_history',
  {
    id: uuid('id').primaryKey(),
    /** The order steps were written in (several may share a clock reading). */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    caseId: uuid('case_id').notNull().references(() => returnCases.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('return_case_history_case_idx').on(t.caseId, t.at)],
);

/** The policy as data: one row, versioned. */
export const returnPolicies = pgTable('return_policies', {
  id: text('id').primaryKey(),
  panelAboveFen: bigint('panel_above_fen', { mode: 'number' }).notNull(),
  panelForRefunds: boolean('panel_for_refunds').notNull(),
  panelSize: integer('panel_size').notNull(),
  managerApprovalAboveFen: bigint('manager_approval_above_fen', { mode: 'number' }).notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

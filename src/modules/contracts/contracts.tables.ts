import { pgTable, uuid, text, integer, bigint, date, timestamp, jsonb, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import { units } from '../units/units.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/**
 * A paid service product sold for one unit: an extended warranty (repairs covered after the
 * statutory period) or a maintenance contract (visits on a schedule). The price is what the
 * customer paid; a cancellation keeps the row and records the pro-rata amount owed back.
 */
export const serviceContracts = pgTable(
  'service_contracts',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    kind: text('kind', { enum: ['extended_warranty', 'maintenance'] }).notNull(),
    status: text('status', { enum: ['active', 'cancelled'] }).notNull(),
    startsOn: date('starts_on').notNull(),
    /** The last day covered. */
    endsOn: date('ends_on').notNull(),
    termMonths: integer('term_months').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    coversLabour: boolean('covers_labour').notNull(),
    coversParts: boolean('covers_parts').notNull(),
    /** The parts covered; null: every part. */
    partCodes: jsonb('part_codes').$type<string[] | null>(),
    visitsIncluded: integer('visits_included').notNull().default(0),
    /** Months between maintenance visits (0: none scheduled). */
    visitEveryMonths: integer('visit_every_months').notNull().default(0),
    soldBy: text('sold_by').notNull(),
    soldAt: timestamp('sold_at', { withTimezone: true }).notNull(),
    cancelledOn: date('cancelled_on'),
    refundOwedFen: bigint('refund_owed_fen', { mode: 'number' }),
    /** The contract this one renews (the customer renewed it in the portal); one renewal per contract (the unique key). */
    renewedFrom: uuid('renewed_from'),
    /** Paid at the sale, or to be paid at the next visit or on the company's call (a renewal in the portal, which takes no payment). */
    payment: text('payment', { enum: ['paid', 'pay_later'] }).notNull().default('paid'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('service_contracts_unit_idx').on(t.unitId),
    index('service_contracts_customer_idx').on(t.customerId),
    index('service_contracts_ends_idx').on(t.endsOn),
    uniqueIndex('service_contracts_renewed_from_uq').on(t.renewedFrom),
  ],
);

/** Every change of a contract: sold, visit ordered, reminded, cancelled — who, when, why. */
export const serviceContractHistory = pgTable(
  'service_contract_history',
  {
    id: uuid('id').primaryKey(),
    contractId: uuid('contract_id').notNull().references(() => serviceContracts.id),
    action: text('action').notNull(),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('service_contract_history_contract_idx').on(t.contractId)],
);

/** A scheduled maintenance visit: one per contract and due day (the unique key makes generation exactly once); its order once made. */
export const serviceContractVisits = pgTable(
  'service_contract_visits',
  {
    id: uuid('id').primaryKey(),
    contractId: uuid('contract_id').notNull().references(() => serviceContracts.id),
    dueOn: date('due_on').notNull(),
    orderId: uuid('order_id').references(() => workOrders.id),
    status: text('status', { enum: ['planned', 'ordered', 'cancelled'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('service_contract_visits_uq').on(t.contractId, t.dueOn)],
);

/** A renewal reminder, once per contract and term end (the key), whichever copy runs the job. */
export const serviceContractReminders = pgTable(
  'service_contract_reminders',
  {
    contractId: uuid('contract_id').notNull().references(() => serviceContracts.id),
    endsOn: date('ends_on').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('service_contract_reminders_uq').on(t.contractId, t.endsOn)],
);

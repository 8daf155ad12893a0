import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, boolean, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { providers } from '../network/network.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { partConsumptions, parts, stockLocations } from './parts.tables.js';

/**
 * An old part that must come back (旧件返厂): one row per part used under warranty whose part is
 * returnable, made in the same transaction as the consumption (the unique consumption decides:
 * exactly once). It is packed into a shipment, shipped, received and inspected at a warehouse; its
 * state on arrival and its fate are recorded here, each step also a parts_history row.
 */
export const oldPartReturns = pgTable(
  'old_part_returns',
  {
    id: uuid('id').primaryKey(),
    consumptionId: uuid('consumption_id').notNull().references(() => partConsumptions.id),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    orderNumber: text('order_number').notNull(),
    partId: uuid('part_id').notNull().references(() => parts.id),
    providerId: uuid('provider_id').references(() => providers.id),
    technicianId: uuid('technician_id'),
    quantity: integer('quantity').notNull(),
    /** The old part's serial as the technician recorded it (matched at inspection). */
    oldSerial: text('old_serial'),
    /** The new part fitted in its place. */
    newSerial: text('new_serial'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    shipmentId: uuid('shipment_id'),
    /** When the provider handed it over (the shipment's departure): on time when at or before dueAt. */
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    /** When the warehouse found it missing from its shipment. */
    missingAt: timestamp('missing_at', { withTimezone: true }),
    inspectedAt: timestamp('inspected_at', { withTimezone: true }),
    inspectedBy: text('inspected_by'),
    quantityReceived: integer('quantity_received'),
    typeMatches: boolean('type_matches'),
    serialReceived: text('serial_received'),
    serialMatches: boolean('serial_matches'),
    state: text('state'),
    fate: text('fate'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('old_part_returns_consumption_uq').on(t.consumptionId),
    index('old_part_returns_provider_idx').on(t.providerId, t.status, t.dueAt),
    index('old_part_returns_order_idx').on(t.orderId),
    index('old_part_returns_shipment_idx').on(t.shipmentId).where(sql`${t.shipmentId} is not null`),
  ],
);

/** A box of old parts from a provider to a warehouse, with its packing list (the returns that name it). */
export const oldPartShipments = pgTable(
  'old_part_shipments',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    providerId: uuid('provider_id').notNull().references(() => providers.id),
    toLocationId: uuid('to_location_id').notNull().references(() => stockLocations.id),
    status: text('status').notNull(),
    carrier: text('carrier'),
    tracking: text('tracking'),
    note: text('note'),
    packedBy: text('packed_by').notNull(),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    receivedBy: text('received_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('old_part_shipments_number_uq').on(t.number), index('old_part_shipments_provider_idx').on(t.providerId, t.createdAt)],
);

/** What the maker claims back from the part's supplier for a part confirmed faulty: one line per return, naming the causal part. */
export const supplierClaimLines = pgTable(
  'supplier_claim_lines',
  {
    id: uuid('id').primaryKey(),
    returnId: uuid('return_id').notNull().references(() => oldPartReturns.id),
    partId: uuid('part_id').notNull().references(() => parts.id),
    partNumber: text('part_number').notNull(),
    orderId: uuid('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    serial: text('serial'),
    quantity: integer('quantity').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supplier_claim_lines_return_uq').on(t.returnId), index('supplier_claim_lines_part_idx').on(t.partId, t.createdAt)],
);

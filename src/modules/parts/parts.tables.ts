import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, bigserial, boolean, timestamp, jsonb, index, uniqueIndex, primaryKey, check } from 'drizzle-orm/pg-core';
import { productModels } from '../catalog/catalog.tables.js';
import { providers, technicians } from '../network/network.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';

/** The catalogue of spare parts. Prices in fen: list (the customer's price), issue (what the network is charged). */
export const parts = pgTable(
  'parts',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** A main part (the models' warranty terms name main parts by this number). */
    isMain: boolean('is_main').notNull().default(false),
    listFen: bigint('list_fen', { mode: 'number' }).notNull(),
    issueFen: bigint('issue_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    serialised: boolean('serialised').notNull().default(false),
    /** The old part must come back (旧件返厂), within returnDays of its replacement. */
    returnable: boolean('returnable').notNull().default(false),
    returnDays: integer('return_days'),
    warrantyMonths: integer('warranty_months').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('parts_number_uq').on(t.number), check('parts_prices_ck', sql`${t.listFen} >= 0 and ${t.issueFen} >= 0`)],
);

/** The bill of materials: which models use a part. */
export const partModels = pgTable(
  'part_models',
  {
    partId: uuid('part_id').notNull().references(() => parts.id),
    modelId: uuid('model_id').notNull().references(() => productModels.id),
  },
  (t) => [primaryKey({ columns: [t.partId, t.modelId] }), index('part_models_model_idx').on(t.modelId)],
);

/** Where stock is: warehouses (headquarters'), each provider's store, each technician's van. */
export const stockLocations = pgTable(
  'stock_locations',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['central', 'regional', 'provider_store', 'van'] }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** The owner: a provider's store and its technicians' vans carry the provider (who sees them). */
    providerId: uuid('provider_id').references(() => providers.id),
    technicianId: uuid('technician_id').references(() => technicians.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('stock_locations_code_uq').on(t.code),
    uniqueIndex('stock_locations_store_uq').on(t.providerId).where(sql`${t.kind} = 'provider_store'`),
    uniqueIndex('stock_locations_van_uq').on(t.technicianId).where(sql`${t.kind} = 'van'`),
  ],
);

/** Quantities per location × part. The checks are the last guard: stock is never negative, never less than reserved. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    locationId: uuid('location_id').notNull().references(() => stockLocations.id),
    partId: uuid('part_id').notNull().references(() => parts.id),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.locationId, t.partId] }), check('stock_levels_floor_ck', sql`${t.reserved} >= 0 and ${t.onHand} >= ${t.reserved}`)],
);

/** Each serial of a serialised part, at exactly one place (or in transit on a request, or used on an order). */
export const stockSerials = pgTable(
  'stock_serials',
  {
    partId: uuid('part_id').notNull().references(() => parts.id),
    serial: text('serial').notNull(),
    status: text('status', { enum: ['in_stock', 'in_transit', 'consumed'] }).notNull(),
    locationId: uuid('location_id').references(() => stockLocations.id),
    requestId: uuid('request_id'),
    orderId: uuid('order_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partId, t.serial] }), index('stock_serials_location_idx').on(t.locationId, t.partId)],
);

/** The ledger, append-only: every movement one row, signed by its effect on on-hand (reserved beside it). */
export const stockMovements = pgTable(
  'stock_movements',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    locationId: uuid('location_id').notNull().references(() => stockLocations.id),
    partId: uuid('part_id').notNull().references(() => parts.id),
    quantity: integer('quantity').notNull(),
    onHandDelta: integer('on_hand_delta').notNull(),
    reservedDelta: integer('reserved_delta').notNull(),
    /** The level after the movement, for reading the ledger without summing it. */
    onHandAfter: integer('on_hand_after').notNull(),
    serials: jsonb('serials').$type<string[]>().notNull().default([]),
    /** The other side of a transfer or shipment. */
    otherLocationId: uuid('other_location_id'),
    orderId: uuid('order_id'),
    requestId: uuid('request_id'),
    countId: uuid('count_id'),
    consumptionId: uuid('consumption_id'),
    reason: text('reason'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stock_movements_location_idx').on(t.locationId, t.seq), index('stock_movements_order_idx').on(t.orderId)],
);

/**
 * A part used on an order, one row per order line: the line's key makes a retried request the same
 * row (the unique index decides, also for two at once). The return deadline is the old part's
 * return obligation, for the old-part return to pick up.
 */
export const partConsumptions = pgTable(
  'part_consumptions',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    lineKey: text('line_key').notNull(),
    partId: uuid('part_id').notNull().references(() => parts.id),
    locationId: uuid('location_id').notNull().references(() => stockLocations.id),
    quantity: integer('quantity').notNull(),
    serial: text('serial'),
    oldSerial: text('old_serial'),
    underWarranty: boolean('under_warranty').notNull(),
    payer: text('payer').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    feeLineId: uuid('fee_line_id'),
    returnDueAt: timestamp('return_due_at', { withTimezone: true }),
    providerId: uuid('provider_id'),
    technicianId: uuid('technician_id'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('part_consumptions_line_uq').on(t.orderId, t.lineKey), index('part_consumptions_return_idx').on(t.returnDueAt)],
);

/** A request for parts, for an order or to restock: one part, to a location; from the source chosen at approval. */
export const partRequests = pgTable(
  'part_requests',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').references(() => workOrders.id),
    partId: uuid('part_id').notNull().references(() => parts.id),
    quantity: integer('quantity').notNull(),
    toLocationId: uuid('to_location_id').notNull().references(() => stockLocations.id),
    fromLocationId: uuid('from_location_id').references(() => stockLocations.id),
    status: text('status').notNull(),
    serials: jsonb('serials').$type<string[]>().notNull().default([]),
    note: text('note'),
    requestedBy: text('requested_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('part_requests_status_idx').on(t.status, t.createdAt), index('part_requests_order_idx').on(t.orderId)],
);

/** A stock count of one location: every part there, or the parts named. */
export const stockCounts = pgTable(
  'stock_counts',
  {
    id: uuid('id').primaryKey(),
    locationId: uuid('location_id').notNull().references(() => stockLocations.id),
    scope: text('scope', { enum: ['full', 'parts'] }).notNull(),
    status: text('status').notNull(),
    lines: jsonb('lines').$type<{ partId: string; expected: number; counted: number | null }[]>().notNull(),
    reason: text('reason'),
    createdBy: text('created_by').notNull(),
    decidedBy: text('decided_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stock_counts_location_idx').on(t.locationId, t.createdAt)],
);

/** Append-only: every step of a request or a count (the ledger holds the movements themselves). */
export const partsHistory = pgTable(
  'parts_history',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    subjectKind: text('subject_kind', { enum: ['part', 'request', 'count', 'location', 'return', 'shipment'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('parts_history_subject_idx').on(t.subjectId, t.seq)],
);

// Old-part returns (旧件返厂): the obligations, the boxes and the supplier claim lines (parts.returns.*).

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
    /** The tag the technician tied to the old part, bagged on site (旧件挂签): what the warehouse matches it by. */
    labelTag: text('label_tag'),
    labelledAt: timestamp('labelled_at', { withTimezone: true }),
    labelledBy: text('labelled_by'),
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

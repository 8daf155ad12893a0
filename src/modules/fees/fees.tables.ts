import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, date, jsonb, index, uniqueIndex, bigserial, bigint, doublePrecision } from 'drizzle-orm/pg-core';
import { providers, technicians } from '../network/network.tables.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import type { PriceListContent } from './fees.rules.js';

/** The national list (one) and each provider's contract list (one each); their prices are in versions. */
export const priceLists = pgTable(
  'price_lists',
  {
    id: uuid('id').primaryKey(),
    scope: text('scope', { enum: ['national', 'provider'] }).notNull(),
    providerId: uuid('provider_id').references(() => providers.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** The provider's base (服务网点), where remote fees are measured from; a contract names it. */
    baseLat: doublePrecision('base_lat'),
    baseLng: doublePrecision('base_lng'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('price_lists_national_uq').on(t.scope).where(sql`scope = 'national'`), uniqueIndex('price_lists_provider_uq').on(t.providerId).where(sql`provider_id is not null`)],
);

/** A draft until published; a published version is never changed (a change is a new version). */
export const priceListVersions = pgTable(
  'price_list_versions',
  {
    id: uuid('id').primaryKey(),
    listId: uuid('list_id').notNull().references(() => priceLists.id),
    number: integer('number').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    effectiveFrom: date('effective_from').notNull(),
    content: jsonb('content').$type<PriceListContent>().notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
    /** Optimistic lock for draft edits. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('price_list_versions_number_uq').on(t.listId, t.number),
    // Two published versions of one list from the same day would leave "in force" ambiguous.
    uniqueIndex('price_list_versions_effective_uq').on(t.listId, t.effectiveFrom).where(sql`status = 'published'`),
  ],
);

/** What the last pricing of an order knew of its visit: orders of one household, technician and day are priced together. */
export const orderFeeVisits = pgTable(
  'order_fee_visits',
  {
    orderId: uuid('order_id').primaryKey().references(() => workOrders.id),
    visitKey: text('visit_key').notNull(),
    jobMode: text('job_mode').notNull(),
    priceVersionId: uuid('price_version_id').references(() => priceListVersions.id),
    workDay: date('work_day').notNull(),
    faultDay: date('fault_day').notNull(),
    areaType: text('area_type'),
    roadMetres: integer('road_metres'),
    straightMetres: integer('straight_metres'),
    distanceFlags: jsonb('distance_flags').$type<string[]>().notNull().default([]),
    problems: jsonb('problems').$type<{ path: string; en: string; zh: string }[]>().notNull().default([]),
    pricedAt: timestamp('priced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_fee_visits_key_idx').on(t.visitKey)],
);

/**
 * A fee line of an order: an amount, who pays it and the rule that decided it. Lines are never
 * deleted: a re-price or a staff correction voids a line and writes its successor, each with history.
 */
export const orderFeeLines = pgTable(
  'order_fee_lines',
  {
    id: uuid('id').primaryKey(),
    /** The order lines were written in, for a stable listing (ids are random, times may tie). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    kind: text('kind', { enum: ['call_out', 'labour', 'remote', 'extra', 'part'] }).notNull(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    quantity: integer('quantity').notNull(),
    unitFen: bigint('unit_fen', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    payer: text('payer', { enum: ['maker', 'customer', 'dealer', 'provider'] }).notNull(),
    ruleCode: text('rule_code').notNull(),
    reasonZh: text('reason_zh').notNull(),
    reasonEn: text('reason_en').notNull(),
    /** auto: from the price list (a re-price replaces it); staff: added by hand (kept through a re-price). */
    source: text('source', { enum: ['auto', 'staff'] }).notNull(),
    status: text('status', { enum: ['active', 'void'] }).notNull().default('active'),
    priceVersionId: uuid('price_version_id').references(() => priceListVersions.id),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('order_fee_lines_order_idx').on(t.orderId, t.status)],
);

/** Append-only: every change to a fee line (priced, added, payer changed, voided, a credit re-pointed or shrunk). */
export const orderFeeHistory = pgTable(
  'order_fee_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lineId: uuid('line_id').notNull().references(() => orderFeeLines.id),
    orderId: uuid('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action', { enum: ['priced', 'added', 'payer_changed', 'voided', 'credit_repointed', 'credit_shrunk'] }).notNull(),
    reason: text('reason'),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [index('order_fee_history_order_idx').on(t.orderId, t.id)],
);

/** Every change of a price list or version (created, edited, published). */
export const priceListHistory = pgTable(
  'price_list_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    listId: uuid('list_id').notNull().references(() => priceLists.id),
    versionId: uuid('version_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action', { enum: ['list_created', 'draft_created', 'draft_changed', 'published'] }).notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('price_list_history_list_idx').on(t.listId, t.id)],
);

// ---------------------------------------------------------------------------------------
// Quotes before paid work (fees.quotes.ts) and payments (fees.payments.ts)

/** What the customer is asked to pay before work starts, priced from the list for the planned job. */
export const orderQuotes = pgTable(
  'order_quotes',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    number: integer('number').notNull(),
    status: text('status', { enum: ['draft', 'offered', 'accepted', 'refused', 'superseded'] }).notNull(),
    jobMode: text('job_mode').notNull(),
    priceVersionId: uuid('price_version_id').references(() => priceListVersions.id),
    /** The priced lines (every payer), as fees.rules.ts priceVisit gave them. */
    lines: jsonb('lines').$type<QuoteLine[]>().notNull(),
    extras: jsonb('extras').$type<{ code: string; quantity: number }[]>().notNull().default([]),
    parts: jsonb('parts').$type<{ nameZh: string; nameEn: string; priceFen: number; quantity: number }[]>().notNull().default([]),
    customerFen: bigint('customer_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    /** The signed link's one-time nonce and expiry; null once used or never sent. */
    linkNonce: text('link_nonce'),
    linkExpiresAt: timestamp('link_expires_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    channel: text('channel', { enum: ['portal', 'link', 'phone', 'desk'] }),
    signedName: text('signed_name'),
    /** The customer's drawn signature on the technician's phone (PNG data URL, checked by src/shared/signature.ts). */
    signature: text('signature'),
    refusedReason: text('refused_reason'),
  },
  (t) => [uniqueIndex('order_quotes_number_uq').on(t.orderId, t.number), index('order_quotes_order_idx').on(t.orderId, t.status)],
);
export type QuoteLine = { kind: string; code: string; nameZh: string; nameEn: string; quantity: number; unitFen: number; amountFen: number; payer: 'maker' | 'customer' | 'dealer' | 'provider'; rule: string; reasonZh: string; reasonEn: string };

/** Append-only: every step of a quote (drafted, offered, link sent, accepted, refused, superseded). */
export const orderQuoteHistory = pgTable(
  'order_quote_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    quoteId: uuid('quote_id').notNull().references(() => orderQuotes.id),
    orderId: uuid('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action', { enum: ['drafted', 'offered', 'link_sent', 'accepted', 'refused', 'superseded'] }).notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('order_quote_history_order_idx').on(t.orderId, t.id)],
);

/**
 * Money taken for an order (a refund is a negative payment with a reason). Append-only: a payment is
 * never changed; a mistake is put right with a refund. The idempotency key makes a retried request
 * find the payment it already recorded.
 */
export const orderPayments = pgTable(
  'order_payments',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    method: text('method', { enum: ['cash', 'wechat_pay', 'alipay', 'bank_transfer', 'card'] }).notNull(),
    reference: text('reference'),
    collectedByKind: text('collected_by_kind', { enum: ['provider', 'maker', 'technician'] }).notNull(),
    collectedById: uuid('collected_by_id'),
    reason: text('reason'),
    /** What caused a refund (a dispute upheld, a return case decided): null for a refund the desk decided by itself. */
    sourceKind: text('source_kind', { enum: ['dispute', 'return_case', 'complaint'] }),
    sourceId: uuid('source_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** What the first request asked, so a key reused for another payment is refused. */
    requestHash: text('request_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    /**
     * The order's provider, copied by triggers (migration `*_order_payments_provider`, hand-written part) on the
     * payment's insert and when the order gets or changes its provider — never by the service, and the only
     * column of a payment that ever changes. The scorecard's service revenue of one provider is then one range
     * of the index below, not every payment of the month. 工单服务商的副本，由触发器维护。
     */
    providerId: uuid('provider_id').references(() => providers.id),
    /**
     * The order's technician as it is now, copied by the same triggers (migration `*_scorecard_technician_copies`,
     * hand-written part): the scorecard's service revenue of one technician is one month's range of its index, not
     * every payment of the technician's orders of every month. 工单师傅的副本，由触发器维护。
     */
    technicianId: uuid('technician_id').references(() => technicians.id),
  },
  (t) => [
    uniqueIndex('order_payments_idempotency_uq').on(t.orderId, t.idempotencyKey),
    index('order_payments_order_idx').on(t.orderId, t.seq),
    index('order_payments_source_idx').on(t.sourceKind, t.sourceId),
    index('order_payments_provider_created_idx').on(t.providerId, t.createdAt).where(sql`provider_id is not null`),
    index('order_payments_technician_created_idx').on(t.technicianId, t.createdAt).where(sql`technician_id is not null`),
  ],
);

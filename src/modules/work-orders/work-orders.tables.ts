import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, doublePrecision, jsonb, index, uniqueIndex, bigserial, bigint, pgSequence, boolean, customType, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import { units } from '../units/units.tables.js';
import { providers, technicians } from '../network/network.tables.js';
import { users } from '../access/access.tables.js';
import { regionSuffixes } from './work-orders.rules.js';

export const workOrderNumberSeq = pgSequence('work_order_number_seq', { startWith: 1 });

export type AddressSnapshot = {
  province: string;
  city: string;
  district: string;
  street: string;
  postalCode?: string | null;
  lat?: number | null;
  lng?: number | null;
  /** The coordinates are an estimate (see customer_addresses.coordinates_approximate). */
  approximate?: boolean | null;
};

/**
 * regionKey (work-orders.rules) of the address's province or city, in SQL: trimmed, runs of space made one,
 * the longest administrative suffix taken off when at least two characters are left (the shortest head of two
 * or more characters that a suffix ends). Stored, so the list's region filter is one indexed equality
 * whatever spelling the address or the filter has (广东 / 广东省); lists.int.test compares it with regionKey.
 */
export const regionKeySql = (text: string) =>
  `regexp_replace(regexp_replace(regexp_replace(${text}, '^\\s+|\\s+$', '', 'g'), '\\s+', ' ', 'g'), '^(..+?)(${regionSuffixes.join('|')})$', '\\1')`;

/** `providerId`: the warning is about that provider's hold of the order; once dispatched elsewhere it no longer shows. */
export type CorrectionWarning = { code: string; en: string; zh: string; providerId?: string | null };

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    priority: text('priority').notNull(),
    channel: text('channel').notNull(),
    externalRef: text('external_ref'),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    customerTier: text('customer_tier').notNull(),
    contactPhone: text('contact_phone').notNull(),
    address: jsonb('address').$type<AddressSnapshot>().notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    complaintOfOrderId: uuid('complaint_of_order_id').references((): AnyPgColumn => workOrders.id),
    symptom: text('symptom').notNull(),
    wishedFrom: timestamp('wished_from', { withTimezone: true }),
    wishedTo: timestamp('wished_to', { withTimezone: true }),
    providerId: uuid('provider_id').references(() => providers.id),
    technicianId: uuid('technician_id').references(() => technicians.id),
    appointmentFrom: timestamp('appointment_from', { withTimezone: true }),
    appointmentTo: timestamp('appointment_to', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkInDistanceM: doublePrecision('check_in_distance_m'),
    checkInFar: boolean('check_in_far'),
    technicianAcceptedAt: timestamp('technician_accepted_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    symptomCode: text('symptom_code'),
    causeCode: text('cause_code'),
    remedyCode: text('remedy_code'),
    workNotes: text('work_notes'),
    confirmedSerials: jsonb('confirmed_serials').$type<string[]>(),
    /** Measurements taken at completion, by the evidence rule's reading codes. */
    readings: jsonb('readings').$type<Record<string, number>>(),
    /** A part or the whole unit was replaced: a confirmed serial may then differ from the unit's known ones. */
    replacement: text('replacement'),
    acceptanceCodeHash: text('acceptance_code_hash'),
    acceptanceCodeExpiresAt: timestamp('acceptance_code_expires_at', { withTimezone: true }),
    acceptanceCodeAttempts: integer('acceptance_code_attempts').notNull().default(0),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: text('confirmed_by'),
    holdReason: text('hold_reason'),
    heldAt: timestamp('held_at', { withTimezone: true }),
    /** Time spent on hold waiting for parts: 三包 does not count it against the warranty. */
    partsWaitMs: bigint('parts_wait_ms', { mode: 'number' }).notNull().default(0),
    statusBeforeHold: text('status_before_hold'),
    followUp: jsonb('follow_up').$type<Record<string, unknown>>(),
    cancelReason: text('cancel_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    visitCount: integer('visit_count').notNull().default(0),
    /** What the last correction changed that someone must act on (left the provider's area, a booked visit outside the new wish …). */
    correctionWarnings: jsonb('correction_warnings').$type<CorrectionWarning[]>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** The address's province and city without their suffixes (regionKey), kept by PostgreSQL: the list's region filter. */
    provinceKey: text('province_key').generatedAlwaysAs(sql.raw(regionKeySql(`address->>'province'`))),
    cityKey: text('city_key').generatedAlwaysAs(sql.raw(regionKeySql(`address->>'city'`))),
  },
  (t) => [
    uniqueIndex('work_orders_number_uq').on(t.number),
    index('work_orders_status_idx').on(t.status, t.createdAt),
    index('work_orders_customer_idx').on(t.customerId),
    // Partial: a new order has none of these yet, so intake does not pay for them.
    // By creation inside a unit: the scorecard's first-time fix asks, per repaired order, for a repair of the same unit
    // created within 30 days after it — an index range, not a heap read of each of the unit's orders.
    index('work_orders_unit_idx').on(t.unitId, t.createdAt).where(sql`unit_id is not null`),
    index('work_orders_provider_idx').on(t.providerId, t.status).where(sql`provider_id is not null`),
    index('work_orders_technician_idx').on(t.technicianId, t.status).where(sql`technician_id is not null`),
    index('work_orders_external_ref_idx').on(t.externalRef).where(sql`external_ref is not null`),
    // The list's filters by booked visit and by region (province or city of the address).
    index('work_orders_appointment_idx').on(t.appointmentFrom).where(sql`appointment_from is not null`),
    // A region's page, newest first, is the first entries of one of these (two for a province and a city of
    // that name: read side by side and merged); its count reads no table row once the table is vacuumed. The
    // city's index holds only the orders its province's does not, so the two never count an order twice.
    index('work_orders_province_key_idx').on(t.provinceKey, t.createdAt.desc().nullsLast(), t.id.desc().nullsFirst()),
    index('work_orders_city_key_idx').on(t.cityKey, t.createdAt.desc().nullsLast(), t.id.desc().nullsFirst()).where(sql`province_key is distinct from city_key`),
    // The scorecard's month ranges (resolution, satisfaction, first-time fix … by done_at; on site within 24 h by
    // checked_in_at) and their drill-downs; partial, as an open order has neither.
    index('work_orders_done_at_idx').on(t.doneAt).where(sql`done_at is not null`),
    index('work_orders_checked_in_at_idx').on(t.checkedInAt).where(sql`checked_in_at is not null`),
    // A drill-down to one provider's orders of a month: the month's range inside the provider's entries (a
    // BitmapAnd of the provider's and the whole month's entries read 400,000 of them at 5,000,000 orders).
    index('work_orders_provider_done_at_idx').on(t.providerId, t.doneAt).where(sql`provider_id is not null and done_at is not null`),
    index('work_orders_provider_checked_in_at_idx').on(t.providerId, t.checkedInAt).where(sql`provider_id is not null and checked_in_at is not null`),
    // The same for one technician's month, and for a month by creation (repeat repair within 30 days): without them
    // a drill-down ANDs the key's entries of every month with the whole month's (Bitmap scans of 400,000 entries).
    index('work_orders_provider_created_idx').on(t.providerId, t.createdAt).where(sql`provider_id is not null`),
    index('work_orders_technician_created_idx').on(t.technicianId, t.createdAt).where(sql`technician_id is not null`),
    index('work_orders_technician_done_at_idx').on(t.technicianId, t.doneAt).where(sql`technician_id is not null and done_at is not null`),
    index('work_orders_technician_checked_in_at_idx').on(t.technicianId, t.checkedInAt).where(sql`technician_id is not null and checked_in_at is not null`),
  ],
);

/** Append-only: one row per transition, never updated or deleted. */
export const workOrderHistory = pgTable(
  'work_order_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key: a row is written only with its order's own change, and orders are never
    // deleted (a trigger refuses it), so a per-row check would only cost every intake (migration 0017).
    orderId: uuid('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    actorAddress: text('actor_address'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('work_order_history_order_idx').on(t.orderId, t.id)],
);

/**
 * Every check-in (a history row `check_in`) with its order's provider and technician, copied by triggers
 * (migration `*_work_order_check_ins`, hand-written part): on the history row's insert, and when an order
 * gets or changes its provider or technician. The scorecard's visits per technician-day count a technician's
 * check-ins of a day on every provider's orders; history knows neither, so one provider's or technician's
 * month could only be found after reading the whole month's check-ins. Derived: never written by a service.
 * 上门打卡副本（带工单的服务商与师傅，由触发器维护），供计分卡按师傅日统计上门次数。
 */
export const workOrderCheckIns = pgTable(
  'work_order_check_ins',
  {
    historyId: bigint('history_id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    providerId: uuid('provider_id'),
    technicianId: uuid('technician_id'),
  },
  (t) => [
    index('work_order_check_ins_at_idx').on(t.at),
    index('work_order_check_ins_order_idx').on(t.orderId),
    index('work_order_check_ins_provider_idx').on(t.providerId, t.at).where(sql`provider_id is not null`),
    index('work_order_check_ins_technician_idx').on(t.technicianId, t.at).where(sql`technician_id is not null`),
  ],
);

/**
 * One row per external reference: the order it opened and when. A second intake with the same
 * reference inside the window meets this row and gets that order back instead of a new one.
 */
export const intakeRefs = pgTable('intake_refs', {
  externalRef: text('external_ref').primaryKey(),
  // Written only in the statement that opens the order; no foreign key, as for history.
  orderId: uuid('order_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** Photos taken on the job, kept with the order: type and size checked on the way in. */
export const workOrderPhotos = pgTable(
  'work_order_photos',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    kind: text('kind', { enum: ['before', 'after', 'serial', 'serial_indoor', 'serial_outdoor', 'installed_unit', 'replaced_part', 'invoice', 'site', 'other'] }).notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('work_order_photos_order_idx').on(t.orderId, t.uploadedAt), index('work_order_photos_sha256_idx').on(t.sha256)],
);

/**
 * Internal notes on an order (the desk's thread: "customer asked for a call before noon"): staff
 * only, never in any customer answer. Append-only; each note also leaves a `note` history row.
 */
export const workOrderNotes = pgTable(
  'work_order_notes',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    orderId: uuid('order_id').notNull().references(() => workOrders.id),
    text: text('text').notNull(),
    author: text('author').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('work_order_notes_order_idx').on(t.orderId, t.seq)],
);

/** A user's own saved views of the order list: a name, the list's filters and its sort. */
export const savedOrderViews = pgTable(
  'saved_order_views',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, string>>().notNull(),
    sort: text('sort').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('saved_order_views_user_name_uq').on(t.userId, t.name)],
);

import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, timestamp, doublePrecision, jsonb, index, uniqueIndex, bigserial, bigint, pgSequence, boolean, customType, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import { units } from '../units/units.tables.js';
import { providers, technicians } from '../network/network.tables.js';

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
  },
  (t) => [
    uniqueIndex('work_orders_number_uq').on(t.number),
    index('work_orders_status_idx').on(t.status, t.createdAt),
    index('work_orders_customer_idx').on(t.customerId),
    // Partial: a new order has none of these yet, so intake does not pay for them.
    index('work_orders_unit_idx').on(t.unitId).where(sql`unit_id is not null`),
    index('work_orders_provider_idx').on(t.providerId, t.status).where(sql`provider_id is not null`),
    index('work_orders_technician_idx').on(t.technicianId, t.status).where(sql`technician_id is not null`),
    index('work_orders_external_ref_idx').on(t.externalRef).where(sql`external_ref is not null`),
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

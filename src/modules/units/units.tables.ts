import { sql } from 'drizzle-orm';
import { type AnyPgColumn, pgTable, uuid, text, date, integer, timestamp, index, uniqueIndex, bigint, jsonb } from 'drizzle-orm/pg-core';
import { customers } from '../customers/customers.tables.js';
import { productModels } from '../catalog/catalog.tables.js';
import { technicians } from '../network/network.tables.js';

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    modelId: uuid('model_id').notNull().references(() => productModels.id),
    ownerId: uuid('owner_id').notNull().references(() => customers.id),
    purchaseDate: date('purchase_date').notNull(),
    /** Delivery date for online purchases: the 7-day no-reason return runs from it. */
    receivedDate: date('received_date'),
    channel: text('channel', { enum: ['store', 'online'] }).notNull(),
    invoiceNumber: text('invoice_number'),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    installedOn: date('installed_on'),
    installedByTechnicianId: uuid('installed_by_technician_id').references(() => technicians.id),
    /** What the installer measured (e.g. pipe length in metres), by the evidence rule's reading codes. */
    installationReadings: jsonb('installation_readings').$type<Record<string, number>>(),
    /** The latest replacement restarts the warranty period. */
    replacedOn: date('replaced_on'),
    /** A 三包 exchange: the unit this one replaced (the old one went back through a return case). */
    replacesUnitId: uuid('replaces_unit_id').references((): AnyPgColumn => units.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('units_owner_idx').on(t.ownerId),
    index('units_model_idx').on(t.modelId),
    // Every unit's view asks what replaced it; partial, as almost no unit was exchanged.
    index('units_replaces_unit_idx').on(t.replacesUnitId).where(sql`replaces_unit_id is not null`),
  ],
);

export const unitSerials = pgTable(
  'unit_serials',
  {
    unitId: uuid('unit_id').notNull().references(() => units.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['main', 'indoor', 'outdoor'] }).notNull(),
    serial: text('serial').notNull(),
  },
  (t) => [uniqueIndex('unit_serials_serial_uq').on(t.serial), index('unit_serials_unit_idx').on(t.unitId)],
);

/** Ownership is a history: a transfer closes one row and opens the next. */
export const unitOwnerships = pgTable(
  'unit_ownerships',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull().references(() => units.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    reason: text('reason'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('unit_ownerships_unit_idx').on(t.unitId)],
);

/**
 * Every change of a unit's serials, append-only: a completion that recorded a part or unit
 * replacement (`orderId` set), or a 三包 replacement recorded on the unit.
 */
export const unitSerialChanges = pgTable(
  'unit_serial_changes',
  {
    id: uuid('id').primaryKey(),
    unitId: uuid('unit_id').notNull().references(() => units.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['main', 'indoor', 'outdoor'] }).notNull(),
    /** null: the unit had no serial for this role. */
    fromSerial: text('from_serial'),
    toSerial: text('to_serial').notNull(),
    replacement: text('replacement', { enum: ['part', 'unit'] }),
    /** The work order whose completion recorded it (no foreign key: work orders' tables import these). */
    orderId: uuid('order_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('unit_serial_changes_unit_idx').on(t.unitId, t.at)],
);

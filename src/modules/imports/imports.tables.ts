// Imports: an uploaded file (kept in chunks, so any size streams), its column mapping, the dry
// run's report, the run's checkpoint; and the external keys that make a re-run change nothing.
import { customType, pgTable, uuid, text, integer, timestamp, jsonb, primaryKey, bigserial, index, date, boolean, doublePrecision } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

import { importEntities, importStatuses } from './imports.fields.js';

export const importJobs = pgTable('import_jobs', {
  id: uuid('id').primaryKey(),
  entity: text('entity', { enum: importEntities }).notNull(),
  format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
  fileName: text('file_name').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  /** The file's header row, as read at upload. */
  columns: text('columns').array().notNull(),
  /** Field → column of the file. */
  mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
  status: text('status', { enum: importStatuses }).notNull(),
  rowsTotal: integer('rows_total').notNull().default(0),
  rowsValid: integer('rows_valid').notNull().default(0),
  rowsInvalid: integer('rows_invalid').notNull().default(0),
  /** The run's checkpoint: data rows read and written so far (a crashed run carries on from here). */
  rowsDone: integer('rows_done').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  error: text('error'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const importChunks = pgTable(
  'import_chunks',
  {
    importId: uuid('import_id').notNull().references(() => importJobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

/** The dry run's report: each bad row's column and reason, in both languages. */
export const importProblems = pgTable(
  'import_problems',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id').notNull().references(() => importJobs.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    column: text('column').notNull(),
    reasonEn: text('reason_en').notNull(),
    reasonZh: text('reason_zh').notNull(),
  },
  (t) => [index('import_problems_import_idx').on(t.importId, t.row)],
);

/** Which record an external key became, and the imported row's fingerprint (same fingerprint: nothing to write). */
export const importKeys = pgTable(
  'import_keys',
  {
    entity: text('entity').notNull(),
    externalKey: text('external_key').notNull(),
    recordId: uuid('record_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.externalKey] })],
);

/** Every change of an import's status: append-only. */
export const importHistory = pgTable(
  'import_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id').notNull().references(() => importJobs.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actor: text('actor').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('import_history_import_idx').on(t.importId, t.id)],
);

/**
 * The dry run's checked records of a customers import, one per good row of the file, in typed
 * columns: the run writes them by `INSERT … SELECT` alone (no second parse, check or transfer of the
 * file, no JSON unpacked per row), in batches of rows with its checkpoint. Cleared by the next dry
 * run and when the run is done.
 */
export const importStaged = pgTable(
  'import_staged',
  {
    importId: uuid('import_id').notNull().references(() => importJobs.id, { onDelete: 'cascade' }),
    /** The file's row number (the header is row 1). */
    row: integer('row').notNull(),
    externalKey: text('external_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** The id a new customer made from this row gets (made at the dry run, time-ordered). */
    newId: uuid('new_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    tier: text('tier').notNull(),
    birthday: date('birthday'),
    preferredLanguage: text('preferred_language').notNull(),
    preferredChannel: text('preferred_channel').notNull(),
    consentToContact: boolean('consent_to_contact').notNull(),
    email: text('email'),
    notes: text('notes'),
    /** Normalised, without repeats; the first is the primary. */
    phones: text('phones').array().notNull(),
    /** The address, when the row has one (province null: none). */
    addressLabel: text('address_label'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    street: text('street'),
    postalCode: text('postal_code'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] })],
);

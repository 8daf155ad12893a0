// All of imports' SQL.
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { insertRowsSql } from '../../db/json-rows.js';
import { textRow, textRowsSql, type TextColumn } from '../../db/text-rows.js';
import type { CustomerRecord } from './imports.rules.js';
import { importChunks, importHistory, importJobs, importKeys, importProblems, importStaged } from './imports.tables.js';

export type ImportRow = typeof importJobs.$inferSelect;
export type ProblemRow = typeof importProblems.$inferSelect;

export async function insertImport(q: Queryable, row: typeof importJobs.$inferInsert) {
  const [made] = await q.insert(importJobs).values(row).returning();
  return made;
}

export async function insertChunk(q: Queryable, importId: string, seq: number, data: Buffer) {
  await q.insert(importChunks).values({ importId, seq, data });
}

export async function chunk(q: Queryable, importId: string, seq: number): Promise<Buffer | undefined> {
  const [row] = await q.select({ data: importChunks.data }).from(importChunks).where(and(eq(importChunks.importId, importId), eq(importChunks.seq, seq)));
  return row?.data;
}

export async function findImport(q: Queryable, id: string, lock = false): Promise<ImportRow | undefined> {
  const query = q.select().from(importJobs).where(eq(importJobs.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function listImports(q: Queryable, limit: number, offset: number) {
  const rows = await q.select().from(importJobs).orderBy(desc(importJobs.createdAt), desc(importJobs.id)).limit(limit).offset(offset);
  const [{ total }] = await q.select({ total: count() }).from(importJobs);
  return { rows, total };
}

/** Moves the import on when it is still at `version` (and, if given, in one of `from`); undefined otherwise. */
export async function updateImportAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof importJobs.$inferInsert>) {
  const [row] = await q.update(importJobs).set({ ...patch, version: version + 1 }).where(and(eq(importJobs.id, id), eq(importJobs.version, version))).returning();
  return row;
}

export async function updateImport(q: Queryable, id: string, patch: Partial<typeof importJobs.$inferInsert>) {
  const [row] = await q.update(importJobs).set({ ...patch, version: sql`${importJobs.version} + 1` }).where(eq(importJobs.id, id)).returning();
  return row;
}

export async function insertHistory(q: Queryable, row: typeof importHistory.$inferInsert) {
  await q.insert(importHistory).values(row);
}

export async function clearProblems(q: Queryable, importId: string) {
  await q.delete(importProblems).where(eq(importProblems.importId, importId));
}

export async function insertProblems(q: Queryable, rows: (typeof importProblems.$inferInsert)[]) {
  if (rows.length > 0) await q.insert(importProblems).values(rows);
}

export async function listProblems(q: Queryable, importId: string, limit: number, offset: number) {
  const rows = await q.select().from(importProblems).where(eq(importProblems.importId, importId)).orderBy(asc(importProblems.row), asc(importProblems.id)).limit(limit).offset(offset);
  const [{ total }] = await q.select({ total: count() }).from(importProblems).where(eq(importProblems.importId, importId));
  return { rows, total };
}

export async function keysOf(q: Queryable, entity: string, keys: string[]): Promise<Map<string, { recordId: string; fingerprint: string }>> {
  if (keys.length === 0) return new Map();
  // The keys as one JSON parameter: a batch's thousand keys bind as one value.
  const rows = await q.select().from(importKeys).where(and(eq(importKeys.entity, entity), inArray(importKeys.externalKey, sql`(select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`)));
  return new Map(rows.map((r) => [r.externalKey, { recordId: r.recordId, fingerprint: r.fingerprint }]));
}

export async function upsertKeys(q: Queryable, rows: (typeof importKeys.$inferInsert)[]) {
  if (rows.length === 0) return;
  await q.execute(sql`${insertRowsSql(importKeys, rows)} on conflict (entity, external_key) do update set record_id = excluded.record_id, fingerprint = excluded.fingerprint`);
}

export async function clearStaged(q: Queryable, importId: string) {
  await q.delete(importStaged).where(eq(importStaged.importId, importId));
}

export async function hasStaged(q: Queryable, importId: string): Promise<boolean> {
  const [row] = await q.select({ row: importStaged.row }).from(importStaged).where(eq(importStaged.importId, importId)).limit(1);
  return row !== undefined;
}

/** The columns of a checked row kept for the run, in the order of its line (`stagedLine`). */
const stagedColumns: TextColumn[] = [
  { name: 'row', type: 'integer' }, { name: 'external_key', type: 'text' }, { name: 'fingerprint', type: 'text' }, { name: 'new_id', type: 'uuid' },
  { name: 'name', type: 'text' }, { name: 'kind', type: 'text' }, { name: 'tier', type: 'text' }, { name: 'birthday', type: 'date' },
  { name: 'preferred_language', type: 'text' }, { name: 'preferred_channel', type: 'text' }, { name: 'consent_to_contact', type: 'boolean' },
  { name: 'email', type: 'text' }, { name: 'notes', type: 'text' }, { name: 'phones', type: 'text' }, { name: 'address_label', type: 'text' },
  { name: 'province', type: 'text' }, { name: 'city', type: 'text' }, { name: 'district', type: 'text' }, { name: 'street', type: 'text' },
  { name: 'postal_code', type: 'text' }, { name: 'lat', type: 'double precision' }, { name: 'lng', type: 'double precision' },
];

/**
 * A checked customer row kept for the run, as one line of `insertStaged`'s text: its file row, key,
 * fingerprint, the id a new customer gets, and the record's columns as the writer reads them (the
 * phones joined by commas: normalised, they are digits with at most a leading +).
 */
export function stagedLine(row: number, key: string, print: string, newId: string, c: CustomerRecord): string {
  const a = c.addresses[0];
  return textRow([row, key, print, newId, c.name, c.kind, c.tier, c.birthday, c.preferredLanguage, c.preferredChannel, c.consentToContact, c.email, c.notes,
    c.phones.map((p) => p.phone).join(','),
    a?.label ?? null, a?.province ?? null, a?.city ?? null, a?.district ?? null, a?.street ?? null, a?.postalCode ?? null, a?.lat ?? null, a?.lng ?? null]);
}

/**
 * Keeps checked rows for the run, in typed columns: the lines travel as one text parameter (one
 * line a row, see db/text-rows.ts), which the server splits and casts in place.
 */
export async function insertStaged(q: Queryable, importId: string, lines: string[]) {
  if (lines.length === 0) return;
  await q.execute(sql`insert into ${importStaged} (import_id, row, external_key, fingerprint, new_id, name, kind, tier, birthday, preferred_language, preferred_channel,
      consent_to_contact, email, notes, phones, address_label, province, city, district, street, postal_code, lat, lng)
    select ${importId}::uuid, s.row, s.external_key, s.fingerprint, s.new_id, s.name, s.kind, s.tier, s.birthday, s.preferred_language, s.preferred_channel,
      s.consent_to_contact, s.email, s.notes, string_to_array(s.phones, ','), s.address_label, s.province, s.city, s.district, s.street, s.postal_code, s.lat, s.lng
    from ${textRowsSql(lines, stagedColumns, 's')}`);
}

/** How many good rows the file rows (from, to] have. */
export async function stagedCount(q: Queryable, importId: string, from: number, to: number): Promise<number> {
  const [row] = await q.select({ n: count() }).from(importStaged).where(and(eq(importStaged.importId, importId), sql`${importStaged.row} > ${from}`, sql`${importStaged.row} <= ${to}`));
  return Number(row?.n ?? 0);
}

/**
 * The staged rows of file rows (from, to] that have something to write, as the customers' writer
 * reads them (a relation, read in place: the rows never leave the database): for each key its
 * last row in the range, left out when its fingerprint is the one the key last wrote; `known` the
 * record the key made before.
 */
export function stagedToWriteSql(importId: string, entity: string, from: number, to: number): SQL {
  return sql`(select s.row as n, s.new_id as id, k.record_id as known, s.name, s.kind, s.tier, s.birthday, s.preferred_language, s.preferred_channel,
      s.consent_to_contact, s.email, s.notes, s.phones, s.address_label, s.province, s.city, s.district, s.street, s.postal_code, s.lat, s.lng
    from (select distinct on (external_key) * from ${importStaged} where import_id = ${importId} and row > ${from} and row <= ${to} order by external_key, row desc) s
    left join ${importKeys} k on k.entity = ${entity} and k.external_key = s.external_key
    where k.fingerprint is distinct from s.fingerprint)`;
}

const writtenColumns: TextColumn[] = [{ name: 'n', type: 'integer' }, { name: 'id', type: 'uuid' }];

/** The keys of the staged rows written (file row → the record it became), each with its row's fingerprint: a re-run finds them. */
export async function upsertStagedKeys(q: Queryable, importId: string, entity: string, written: { n: number; id: string }[]) {
  if (written.length === 0) return;
  await q.execute(sql`insert into ${importKeys} (entity, external_key, record_id, fingerprint)
    select ${entity}, s.external_key, w.id, s.fingerprint
    from ${textRowsSql(written.map(({ n, id }) => textRow([n, id])), writtenColumns, 'w')}
    join ${importStaged} s on s.import_id = ${importId} and s.row = w.n
    on conflict (entity, external_key) do update set record_id = excluded.record_id, fingerprint = excluded.fingerprint`);
}

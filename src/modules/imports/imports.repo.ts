// All of imports' SQL.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { importChunks, importHistory, importJobs, importKeys, importProblems } from './imports.tables.js';

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
  const rows = await q.select().from(importKeys).where(and(eq(importKeys.entity, entity), inArray(importKeys.externalKey, keys)));
  return new Map(rows.map((r) => [r.externalKey, { recordId: r.recordId, fingerprint: r.fingerprint }]));
}

export async function upsertKeys(q: Queryable, rows: (typeof importKeys.$inferInsert)[]) {
  if (rows.length === 0) return;
  await q
    .insert(importKeys)
    .values(rows)
    .onConflictDoUpdate({ target: [importKeys.entity, importKeys.externalKey], set: { recordId: sql`excluded.record_id`, fingerprint: sql`excluded.fingerprint` } });
}

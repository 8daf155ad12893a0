import { and, asc, count, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { providers, technicianAbsences, technicians } from './network.tables.js';

export type ProviderRow = typeof providers.$inferSelect;
export type TechnicianRow = typeof technicians.$inferSelect;
export type AbsenceRow = typeof technicianAbsences.$inferSelect;

/** Inserts the provider; undefined when its code is taken. */
export async function insertProvider(q: Queryable, row: typeof providers.$inferInsert): Promise<ProviderRow | undefined> {
  const [made] = await q.insert(providers).values(row).onConflictDoNothing().returning();
  return made;
}

export function listProviders(q: Queryable, where: SQL): Promise<ProviderRow[]> {
  return q.select().from(providers).where(where).orderBy(asc(providers.code));
}

export async function insertTechnician(q: Queryable, row: typeof technicians.$inferInsert): Promise<TechnicianRow> {
  const [made] = await q.insert(technicians).values(row).returning();
  return made;
}

export async function insertAbsence(q: Queryable, row: typeof technicianAbsences.$inferInsert): Promise<AbsenceRow> {
  const [made] = await q.insert(technicianAbsences).values(row).returning();
  return made;
}

/** Whether the provider exists (for other modules' checks). */
export async function providerExists(q: Queryable, id: string): Promise<boolean> {
  return (await findProvider(q, id)) !== undefined;
}

export async function findProvider(q: Queryable, id: string, visible?: SQL): Promise<ProviderRow | undefined> {
  const [row] = await q.select().from(providers).where(and(eq(providers.id, id), visible));
  return row;
}

export async function findTechnician(q: Queryable, id: string, visible?: SQL): Promise<TechnicianRow | undefined> {
  const [row] = await q.select().from(technicians).where(and(eq(technicians.id, id), visible));
  return row;
}

export async function updateProviderAtVersion(q: Queryable, id: string, version: number, patch: Partial<ProviderRow>) {
  const [row] = await q.update(providers).set({ ...patch, version: version + 1 }).where(and(eq(providers.id, id), eq(providers.version, version))).returning();
  return row;
}

export async function updateTechnicianAtVersion(q: Queryable, id: string, version: number, patch: Partial<TechnicianRow>) {
  const [row] = await q.update(technicians).set({ ...patch, version: version + 1 }).where(and(eq(technicians.id, id), eq(technicians.version, version))).returning();
  return row;
}

export async function pageOfTechnicians(q: Queryable, condition: SQL | undefined, limit: number, offset: number) {
  const rows = await q.select().from(technicians).where(condition).orderBy(asc(technicians.name), asc(technicians.id)).limit(limit).offset(offset);
  const [{ total }] = await q.select({ total: count() }).from(technicians).where(condition);
  return { rows, total };
}

export async function activeTechniciansOf(q: Queryable, providerIds: string[]): Promise<TechnicianRow[]> {
  if (providerIds.length === 0) return [];
  return q.select().from(technicians).where(and(inArray(technicians.providerId, providerIds), eq(technicians.status, 'active'))).orderBy(asc(technicians.id));
}

/** Absences of these technicians that overlap [from, to). */
export async function absencesOverlapping(q: Queryable, technicianIds: string[], from: Date, to: Date): Promise<AbsenceRow[]> {
  if (technicianIds.length === 0) return [];
  return q
    .select()
    .from(technicianAbsences)
    .where(and(inArray(technicianAbsences.technicianId, technicianIds), lt(technicianAbsences.from, to), gt(technicianAbsences.to, from)))
    .orderBy(asc(technicianAbsences.from));
}

/** The provider's name, as a value of the caller's statement (null when there is none). */
export function providerNameSql(providerId: SQL): SQL<string | null> {
  return sql<string | null>`(select pr.name from ${providers} pr where pr.id = ${providerId})`;
}

/** The technician's name, as a value of the caller's statement (null when there is none). */
export function technicianNameSql(technicianId: SQL): SQL<string | null> {
  return sql<string | null>`(select t.name from ${technicians} t where t.id = ${technicianId})`;
}

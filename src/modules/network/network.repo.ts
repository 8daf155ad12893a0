import { and, asc, count, eq, gt, inArray, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { ProviderScope } from '../../kernel/scopes.js';
import { providers, technicianAbsences, technicians } from './network.tables.js';

export type ProviderRow = typeof providers.$inferSelect;
export type ProviderInsert = typeof providers.$inferInsert;
export type TechnicianRow = typeof technicians.$inferSelect;
export type TechnicianInsert = typeof technicians.$inferInsert;
export type AbsenceRow = typeof technicianAbsences.$inferSelect;
export type TechnicianFilter = { providerId?: string; status?: TechnicianRow['status'] };

/** Providers a scope may see: a provider's staff their own, a technician their employer. */
function providerVisible(scope: ProviderScope | undefined): SQL | undefined {
  if (!scope || scope.kind === 'all') return undefined;
  if (scope.kind === 'provider') return eq(providers.id, scope.providerId);
  if (scope.kind === 'technician' && scope.providerId) return eq(providers.id, scope.providerId);
  return sql`false`;
}

/** Technicians a scope may see: a provider's staff their own, a technician themself. */
function technicianVisible(scope: ProviderScope | undefined): SQL | undefined {
  if (!scope || scope.kind === 'all') return undefined;
  if (scope.kind === 'provider') return eq(technicians.providerId, scope.providerId);
  if (scope.kind === 'technician') return eq(technicians.id, scope.technicianId);
  return sql`false`;
}

/** A condition for other modules' statements: `technicianId` names a technician the scope may see. */
export function technicianVisibleSql(scope: ProviderScope, technicianId: SQL | AnyColumn): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'technician') return sql`${technicianId} = ${scope.technicianId}`;
  return sql`${technicianId} in (select ${technicians.id} from ${technicians} where ${technicianVisible(scope)})`;
}

/** Inserts the provider; undefined when its code is taken. */
export async function insertProvider(q: Queryable, row: typeof providers.$inferInsert): Promise<ProviderRow | undefined> {
  const [made] = await q.insert(providers).values(row).onConflictDoNothing().returning();
  return made;
}

/** The providers the scope may see (`active`: only those under contract now). */
export function listProviders(q: Queryable, scope?: ProviderScope, active?: boolean): Promise<ProviderRow[]> {
  return q.select().from(providers).where(and(providerVisible(scope), active ? eq(providers.active, true) : undefined)).orderBy(asc(providers.code));
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

export async function findProvider(q: Queryable, id: string, scope?: ProviderScope): Promise<ProviderRow | undefined> {
  const [row] = await q.select().from(providers).where(and(eq(providers.id, id), providerVisible(scope)));
  return row;
}

/** The technician, when the scope may see them and they fit `filter`. */
export async function findTechnician(q: Queryable, id: string, scope?: ProviderScope, filter: TechnicianFilter = {}): Promise<TechnicianRow | undefined> {
  const [row] = await q.select().from(technicians).where(and(eq(technicians.id, id), technicianVisible(scope), technicianFits(filter)));
  return row;
}

function technicianFits(f: TechnicianFilter): SQL | undefined {
  return and(f.providerId ? eq(technicians.providerId, f.providerId) : undefined, f.status ? eq(technicians.status, f.status) : undefined);
}

export async function updateProviderAtVersion(q: Queryable, id: string, version: number, patch: Partial<ProviderRow>) {
  const [row] = await q.update(providers).set({ ...patch, version: version + 1 }).where(and(eq(providers.id, id), eq(providers.version, version))).returning();
  return row;
}

export async function updateTechnicianAtVersion(q: Queryable, id: string, version: number, patch: Partial<TechnicianRow>) {
  const [row] = await q.update(technicians).set({ ...patch, version: version + 1 }).where(and(eq(technicians.id, id), eq(technicians.version, version))).returning();
  return row;
}

export async function pageOfTechnicians(q: Queryable, scope: ProviderScope, filter: TechnicianFilter, limit: number, offset: number) {
  const condition = and(technicianVisible(scope), technicianFits(filter));
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

/** The provider's English name, as a value of the caller's statement (null when it has none). */
export function providerNameEnSql(providerId: SQL): SQL<string | null> {
  return sql<string | null>`(select pr.name_en from ${providers} pr where pr.id = ${providerId})`;
}

/** The technician's name, as a value of the caller's statement (null when there is none). */
export function technicianNameSql(technicianId: SQL): SQL<string | null> {
  return sql<string | null>`(select t.name from ${technicians} t where t.id = ${technicianId})`;
}

/** The technician's English name, as a value of the caller's statement (null when they have none). */
export function technicianNameEnSql(technicianId: SQL): SQL<string | null> {
  return sql<string | null>`(select t.name_en from ${technicians} t where t.id = ${technicianId})`;
}

/** Every provider with its time zone and whether it is active, as a relation (id, time_zone, active) the caller's statement reads. */
export function providerZonesSql(): SQL {
  return sql`(select pr.id, pr.time_zone, pr.active from ${providers} pr)`;
}

/** The provider's time zone (its statements' months are its own), or undefined when there is no such provider. */
export async function providerTimeZone(q: Queryable, id: string): Promise<string | undefined> {
  const [row] = await q.select({ timeZone: providers.timeZone }).from(providers).where(eq(providers.id, id));
  return row?.timeZone;
}

/** A provider's or technician's name, and the English one when it has one. */
export type NetworkName = { name: string; nameEn: string | null };

/** The names of these providers and technicians (ids of either), for views that show who: one statement each. */
export async function networkNames(q: Queryable, providerIds: (string | null)[], technicianIds: (string | null)[] = []): Promise<Map<string, NetworkName>> {
  const p = [...new Set(providerIds.filter((x): x is string => !!x))];
  const t = [...new Set(technicianIds.filter((x): x is string => !!x))];
  const out = new Map<string, NetworkName>();
  for (const r of p.length ? await q.select({ id: providers.id, name: providers.name, nameEn: providers.nameEn }).from(providers).where(inArray(providers.id, p)) : []) out.set(r.id, { name: r.name, nameEn: r.nameEn });
  for (const r of t.length ? await q.select({ id: technicians.id, name: technicians.name, nameEn: technicians.nameEn }).from(technicians).where(inArray(technicians.id, t)) : []) out.set(r.id, { name: r.name, nameEn: r.nameEn });
  return out;
}

/** The providers these codes name (an import's provider column). */
export async function providerIdsByCodes(q: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await q.select({ id: providers.id, code: providers.code }).from(providers).where(inArray(providers.code, sql`(select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The technicians with these phones, with their providers (an import names a technician by phone). */
export async function techniciansByPhones(q: Queryable, phones: string[]): Promise<Map<string, { id: string; providerId: string }[]>> {
  const out = new Map<string, { id: string; providerId: string }[]>();
  if (phones.length === 0) return out;
  const rows = await q.select({ id: technicians.id, providerId: technicians.providerId, phone: technicians.phone }).from(technicians).where(inArray(technicians.phone, sql`(select jsonb_array_elements_text(${JSON.stringify(phones)}::jsonb))`));
  for (const r of rows) out.set(r.phone, [...(out.get(r.phone) ?? []), { id: r.id, providerId: r.providerId }]);
  return out;
}

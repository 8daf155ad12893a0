import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import type { ProviderScope } from '../../kernel/scopes.js';
import { partConsumptions, partModels, partRequests, parts, partsHistory, stockCounts, stockLevels, stockLocations, stockMovements, stockSerials } from './parts.tables.js';

export type PartRow = typeof parts.$inferSelect;
export type LocationRow = typeof stockLocations.$inferSelect;
export type LevelRow = typeof stockLevels.$inferSelect;
export type MovementRow = typeof stockMovements.$inferSelect;
export type RequestRow = typeof partRequests.$inferSelect;
export type CountRow = typeof stockCounts.$inferSelect;
export type ConsumptionRow = typeof partConsumptions.$inferSelect;
export type SerialRow = typeof stockSerials.$inferSelect;

// Catalogue ------------------------------------------------------------------------------

export async function insertPart(q: Queryable, row: typeof parts.$inferInsert): Promise<PartRow | undefined> {
  const [made] = await q.insert(parts).values(row).onConflictDoNothing().returning();
  return made;
}

export async function updatePartAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof parts.$inferInsert>): Promise<PartRow | undefined> {
  const [row] = await q.update(parts).set({ ...patch, version: version + 1 }).where(and(eq(parts.id, id), eq(parts.version, version))).returning();
  return row;
}

export async function partById(q: Queryable, id: string): Promise<PartRow | undefined> {
  const [row] = await q.select().from(parts).where(eq(parts.id, id));
  return row;
}

export async function partsByIds(q: Queryable, ids: string[]): Promise<PartRow[]> {
  if (!ids.length) return [];
  return q.select().from(parts).where(inArray(parts.id, ids));
}

export async function listParts(q: Queryable, f: { search?: string; modelId?: string; limit: number; offset: number }) {
  const where = and(
    f.search ? or(ilike(parts.number, `%${f.search}%`), ilike(parts.nameZh, `%${f.search}%`), ilike(parts.nameEn, `%${f.search}%`)) : undefined,
    f.modelId ? sql`exists (select 1 from ${partModels} where ${partModels.partId} = ${parts.id} and ${partModels.modelId} = ${f.modelId})` : undefined,
  );
  const rows = await q.select().from(parts).where(where).orderBy(asc(parts.number)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(parts).where(where);
  return { rows, total };
}

export async function setPartModels(q: Queryable, partId: string, modelIds: string[]) {
  await q.delete(partModels).where(eq(partModels.partId, partId));
  if (modelIds.length) await q.insert(partModels).values(modelIds.map((modelId) => ({ partId, modelId })));
}

export async function modelsOfParts(q: Queryable, partIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!partIds.length) return out;
  const rows = await q.select().from(partModels).where(inArray(partModels.partId, partIds)).orderBy(asc(partModels.modelId));
  for (const r of rows) out.set(r.partId, [...(out.get(r.partId) ?? []), r.modelId]);
  return out;
}

// Locations ------------------------------------------------------------------------------

/** Which locations a caller sees: headquarters all; a provider's staff their store and vans; a technician their van. */
export function locationVisibleSql(scope: ProviderScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'provider':
      return sql`${stockLocations.providerId} = ${scope.providerId}`;
    case 'technician':
      return sql`${stockLocations.technicianId} = ${scope.technicianId}`;
    case 'none':
      return sql`false`;
  }
}

export async function insertLocation(q: Queryable, row: typeof stockLocations.$inferInsert): Promise<LocationRow | undefined> {
  const [made] = await q.insert(stockLocations).values(row).onConflictDoNothing().returning();
  return made;
}

export async function locationById(q: Queryable, id: string, visible: SQL = sql`true`): Promise<LocationRow | undefined> {
  const [row] = await q.select().from(stockLocations).where(and(eq(stockLocations.id, id), visible));
  return row;
}

export async function listLocations(q: Queryable, visible: SQL, f: { kind?: string; providerId?: string } = {}): Promise<LocationRow[]> {
  return q
    .select()
    .from(stockLocations)
    .where(and(visible, f.kind ? eq(stockLocations.kind, f.kind as LocationRow['kind']) : undefined, f.providerId ? eq(stockLocations.providerId, f.providerId) : undefined))
    .orderBy(asc(stockLocations.kind), asc(stockLocations.code));
}

/** The van of a technician and the store of a provider, for an order's parts. */
export async function orderLocations(q: Queryable, providerId: string | null, technicianId: string | null): Promise<LocationRow[]> {
  const conds = [providerId ? and(eq(stockLocations.kind, 'provider_store'), eq(stockLocations.providerId, providerId)) : undefined, technicianId ? and(eq(stockLocations.kind, 'van'), eq(stockLocations.technicianId, technicianId)) : undefined].filter(
    (c): c is SQL => c !== undefined,
  );
  if (!conds.length) return [];
  return q.select().from(stockLocations).where(or(...conds));
}

// Levels and the ledger ------------------------------------------------------------------

/**
 * Moves the quantities at one location by the deltas when the floor holds (on hand never below
 * zero nor below reserved, reserved never below zero); undefined when it would not. One guarded
 * statement: two movements of the last unit at once queue on the row, and the second finds it gone.
 */
export async function moveLevel(q: Queryable, locationId: string, partId: string, onHandDelta: number, reservedDelta: number): Promise<LevelRow | undefined> {
  await q.insert(stockLevels).values({ locationId, partId, onHand: 0, reserved: 0 }).onConflictDoNothing();
  const [row] = await q
    .update(stockLevels)
    .set({ onHand: sql`${stockLevels.onHand} + ${onHandDelta}`, reserved: sql`${stockLevels.reserved} + ${reservedDelta}` })
    .where(
      and(
        eq(stockLevels.locationId, locationId),
        eq(stockLevels.partId, partId),
        sql`${stockLevels.reserved} + ${reservedDelta} >= 0`,
        sql`${stockLevels.onHand} + ${onHandDelta} >= ${stockLevels.reserved} + ${reservedDelta}`,
      ),
    )
    .returning();
  return row;
}

export async function levelsAt(q: Queryable, locationId: string, partIds?: string[]): Promise<LevelRow[]> {
  return q
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.locationId, locationId), partIds ? inArray(stockLevels.partId, partIds.length ? partIds : ['00000000-0000-0000-0000-000000000000']) : undefined))
    .orderBy(asc(stockLevels.partId));
}

/** The levels of these locations, locked for a count's approval. */
export async function levelsForUpdate(q: Queryable, locationId: string, partIds: string[]): Promise<LevelRow[]> {
  if (!partIds.length) return [];
  return q.select().from(stockLevels).where(and(eq(stockLevels.locationId, locationId), inArray(stockLevels.partId, partIds))).for('update');
}

export async function stockOf(q: Queryable, visible: SQL, f: { locationId?: string; partId?: string }) {
  return q
    .select({ location: stockLocations, level: stockLevels, part: parts })
    .from(stockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .innerJoin(parts, eq(parts.id, stockLevels.partId))
    .where(and(visible, f.locationId ? eq(stockLevels.locationId, f.locationId) : undefined, f.partId ? eq(stockLevels.partId, f.partId) : undefined))
    .orderBy(asc(stockLocations.code), asc(parts.number));
}

export async function insertMovement(q: Queryable, row: typeof stockMovements.$inferInsert): Promise<MovementRow> {
  const [made] = await q.insert(stockMovements).values(row).returning();
  return made;
}

export async function movementsAt(q: Queryable, f: { locationId?: string; orderId?: string; partId?: string; limit: number; offset: number }) {
  const where = and(f.locationId ? eq(stockMovements.locationId, f.locationId) : undefined, f.orderId ? eq(stockMovements.orderId, f.orderId) : undefined, f.partId ? eq(stockMovements.partId, f.partId) : undefined);
  const rows = await q.select().from(stockMovements).where(where).orderBy(desc(stockMovements.seq)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(stockMovements).where(where);
  return { rows, total };
}

// Serials --------------------------------------------------------------------------------

export async function serialsForUpdate(q: Queryable, partId: string, serials: string[]): Promise<SerialRow[]> {
  if (!serials.length) return [];
  return q.select().from(stockSerials).where(and(eq(stockSerials.partId, partId), inArray(stockSerials.serial, serials))).for('update');
}

/** New serials into stock; false when any is known already (a serial is at exactly one place). */
export async function insertSerials(q: Queryable, rows: (typeof stockSerials.$inferInsert)[]): Promise<boolean> {
  if (!rows.length) return true;
  const made = await q.insert(stockSerials).values(rows).onConflictDoNothing().returning({ serial: stockSerials.serial });
  return made.length === rows.length;
}

export async function moveSerials(q: Queryable, partId: string, serials: string[], patch: Partial<typeof stockSerials.$inferInsert>) {
  if (!serials.length) return;
  await q.update(stockSerials).set(patch).where(and(eq(stockSerials.partId, partId), inArray(stockSerials.serial, serials)));
}

export async function serialsAt(q: Queryable, locationId: string): Promise<SerialRow[]> {
  return q.select().from(stockSerials).where(and(eq(stockSerials.locationId, locationId), eq(stockSerials.status, 'in_stock'))).orderBy(asc(stockSerials.partId), asc(stockSerials.serial));
}

// Consumptions ---------------------------------------------------------------------------

/** Undefined when the order line was recorded already (its retry, or two at once: the unique index decides). */
export async function insertConsumption(q: Queryable, row: typeof partConsumptions.$inferInsert): Promise<ConsumptionRow | undefined> {
  const [made] = await q.insert(partConsumptions).values(row).onConflictDoNothing().returning();
  return made;
}

export async function consumptionByLine(q: Queryable, orderId: string, lineKey: string): Promise<ConsumptionRow | undefined> {
  const [row] = await q.select().from(partConsumptions).where(and(eq(partConsumptions.orderId, orderId), eq(partConsumptions.lineKey, lineKey)));
  return row;
}

export async function updateConsumption(q: Queryable, id: string, patch: Partial<typeof partConsumptions.$inferInsert>): Promise<ConsumptionRow> {
  const [row] = await q.update(partConsumptions).set(patch).where(eq(partConsumptions.id, id)).returning();
  return row;
}

export async function consumptionsOf(q: Queryable, orderId: string): Promise<ConsumptionRow[]> {
  return q.select().from(partConsumptions).where(eq(partConsumptions.orderId, orderId)).orderBy(asc(partConsumptions.at), asc(partConsumptions.id));
}

// Requests -------------------------------------------------------------------------------

export async function insertRequest(q: Queryable, row: typeof partRequests.$inferInsert): Promise<RequestRow> {
  const [made] = await q.insert(partRequests).values(row).returning();
  return made;
}

export async function requestById(q: Queryable, id: string, lock = false): Promise<RequestRow | undefined> {
  const base = q.select().from(partRequests).where(eq(partRequests.id, id));
  const [row] = lock ? await base.for('update') : await base;
  return row;
}

export async function updateRequestAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof partRequests.$inferInsert>): Promise<RequestRow | undefined> {
  const [row] = await q.update(partRequests).set({ ...patch, version: version + 1 }).where(and(eq(partRequests.id, id), eq(partRequests.version, version))).returning();
  return row;
}

export async function requestStatusesOfOrder(q: Queryable, orderId: string): Promise<string[]> {
  const rows = await q.select({ status: partRequests.status }).from(partRequests).where(eq(partRequests.orderId, orderId));
  return rows.map((r) => r.status);
}

/** The requests a caller sees: those to or from a location they see. */
export async function listRequests(q: Queryable, visible: SQL, f: { status?: string; orderId?: string; limit: number; offset: number }) {
  const seen = sql`exists (select 1 from ${stockLocations} where ${stockLocations.id} in (${partRequests.toLocationId}, ${partRequests.fromLocationId}) and ${visible})`;
  const where = and(seen, f.status ? eq(partRequests.status, f.status) : undefined, f.orderId ? eq(partRequests.orderId, f.orderId) : undefined);
  const rows = await q.select().from(partRequests).where(where).orderBy(desc(partRequests.createdAt), asc(partRequests.id)).limit(f.limit).offset(f.offset);
  const [{ total }] = await q.select({ total: count() }).from(partRequests).where(where);
  return { rows, total };
}

// Counts ---------------------------------------------------------------------------------

export async function insertCount(q: Queryable, row: typeof stockCounts.$inferInsert): Promise<CountRow> {
  const [made] = await q.insert(stockCounts).values(row).returning();
  return made;
}

export async function countById(q: Queryable, id: string, lock = false): Promise<CountRow | undefined> {
  const base = q.select().from(stockCounts).where(eq(stockCounts.id, id));
  const [row] = lock ? await base.for('update') : await base;
  return row;
}

export async function updateCountAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof stockCounts.$inferInsert>): Promise<CountRow | undefined> {
  const [row] = await q.update(stockCounts).set({ ...patch, version: version + 1 }).where(and(eq(stockCounts.id, id), eq(stockCounts.version, version))).returning();
  return row;
}

export async function listCounts(q: Queryable, visible: SQL, f: { locationId?: string; status?: string }) {
  return q
    .select({ count: stockCounts })
    .from(stockCounts)
    .innerJoin(stockLocations, eq(stockLocations.id, stockCounts.locationId))
    .where(and(visible, f.locationId ? eq(stockCounts.locationId, f.locationId) : undefined, f.status ? eq(stockCounts.status, f.status) : undefined))
    .orderBy(desc(stockCounts.createdAt))
    .limit(100);
}

// History --------------------------------------------------------------------------------

export async function insertHistory(q: Queryable, row: typeof partsHistory.$inferInsert) {
  await q.insert(partsHistory).values(row);
}

export async function historyOf(q: Queryable, subjectId: string) {
  return q.select().from(partsHistory).where(eq(partsHistory.subjectId, subjectId)).orderBy(asc(partsHistory.seq));
}

import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { insertRowsSql } from '../../db/json-rows.js';
import type { OrderScope } from '../../kernel/scopes.js';
import type { ServiceHistoryItem } from './units.contract.js';
import type { ModelView } from '../catalog/index.js';
import { newId } from '../../shared/ids.js';
import { unitOwnerships, unitSerialChanges, unitSerials, units } from './units.tables.js';

export type UnitRow = typeof units.$inferSelect;
/** A condition on a unit, given its id and owner's id as values of the statement: the units a caller may see. */
export type UnitCondition = (unitId: SQL, ownerId: SQL) => SQL;

/** What units read of work orders, passed in by the root (importing work orders would make a cycle). */
export type FromWorkOrders = {
  /** The unit's orders (`visible`: only those matching). */
  serviceHistoryOf: (q: Queryable, unitId: string, visible?: SQL) => Promise<ServiceHistoryItem[]>;
  /** The unit's orders, oldest first, as a JSON array, for a page of units to read in its own statement (`unitId`: its id column). */
  serviceHistoryJsonSql: (unitId: SQL) => SQL<ServiceHistoryItem[] | string>;
  /** A condition on units rows: the ones this scope may see. */
  unitVisibleSql: (scope: OrderScope, unitId: SQL, ownerId: SQL) => SQL;
  /** The work orders this scope may see, to filter a unit's history. */
  orderScopeSql: (scope: OrderScope) => SQL;
};

/** A condition true when the customer `ownerId` names owns a unit with this serial; for composing into other modules' statements. */
export function ownsSerialSql(ownerId: SQL, serial: string): SQL {
  return sql`exists (select 1 from ${unitSerials} join ${units} on ${units.id} = ${unitSerials.unitId} where ${units.ownerId} = ${ownerId} and ${unitSerials.serial} = ${serial})`;
}

/** A condition true when the unit belongs to the customer `ownerId` names; for composing into other modules' statements. */
export function unitOwnedBySql(unitId: SQL, ownerId: SQL): SQL {
  return sql`exists (select 1 from ${units} u where u.id = ${unitId} and u.owner_id = ${ownerId})`;
}

/** Each unit's product model (for other modules' reads). */
export async function modelsOfUnits(q: Queryable, unitIds: string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await q.select({ id: units.id, modelId: units.modelId }).from(units).where(inArray(units.id, unitIds));
  return new Map(rows.map((r) => [r.id, r.modelId]));
}

export async function insertUnit(q: Queryable, row: typeof units.$inferInsert): Promise<UnitRow> {
  const [made] = await q.insert(units).values(row).returning();
  return made;
}

/** The unit when `visible` holds for it. */
export async function findUnit(q: Queryable, id: string, visible: UnitCondition): Promise<UnitRow | undefined> {
  const [row] = await q.select().from(units).where(and(eq(units.id, id), visible(sql`${units.id}`, sql`${units.ownerId}`)));
  return row;
}

/** The unit when it belongs to this customer. */
/** For another module's rule inside its own transaction (fees: the warranty answer); no visibility check. */
export async function unitById(q: Queryable, id: string): Promise<UnitRow | undefined> {
  const [row] = await q.select().from(units).where(eq(units.id, id));
  return row;
}

export async function unitOfCustomer(q: Queryable, unitId: string, customerId: string): Promise<UnitRow | undefined> {
  const [row] = await q.select().from(units).where(and(eq(units.id, unitId), eq(units.ownerId, customerId)));
  return row;
}

/** Writes the patch and the next version when the unit is still at `version`; undefined otherwise. */
export async function updateUnitAtVersion(q: Queryable, id: string, version: number, patch: Partial<typeof units.$inferInsert>): Promise<UnitRow | undefined> {
  const [row] = await q.update(units).set({ ...patch, version: version + 1 }).where(and(eq(units.id, id), eq(units.version, version))).returning();
  return row;
}

/**
 * A page of units, each with its serials, what replaced it, its model (`modelJson`: the catalog's
 * view as JSON) and its orders (`historyJson`), and the count of all that match: one statement.
 */
export async function listUnits(
  q: Queryable,
  filter: { visible: UnitCondition; ownerId?: string; modelId?: string; serial?: string; limit: number; offset: number },
  read: { modelJson: (modelId: SQL) => SQL<ModelView | string | null>; historyJson: (unitId: SQL) => SQL<ServiceHistoryItem[] | string> },
) {
  const where = [filter.visible(sql`${units.id}`, sql`${units.ownerId}`)];
  if (filter.ownerId) where.push(eq(units.ownerId, filter.ownerId));
  if (filter.modelId) where.push(eq(units.modelId, filter.modelId));
  if (filter.serial) where.push(sql`exists (select 1 from ${unitSerials} where ${unitSerials.unitId} = ${units.id} and ${unitSerials.serial} = ${filter.serial})`);
  const condition = and(...where);
  // The count rides on the page's statement: a subquery on its own units, which names none of the
  // page's, is an InitPlan PostgreSQL runs once, and each row carries its result.
  const counted = sql<number>`(select count(*) from ${units} where ${condition})`.mapWith(Number);
  const page = await q
    .select({ unit: units, serials: serialsJsonSql, replacedBy: replacedBySql, model: read.modelJson(sql`${units}.model_id`), history: read.historyJson(sql`${units}.id`), total: counted })
    .from(units)
    .where(condition)
    .orderBy(desc(units.purchaseDate), asc(units.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const rows = page.map((r) => ({ unit: r.unit, replacedBy: r.replacedBy, serials: parsed(r.serials), model: parsed(r.model)!, history: parsed(r.history) }));
  // No row to carry it: none at all, or a page past the end (which wants the count alone).
  if (page.length > 0 || filter.offset === 0) return { rows, total: page[0]?.total ?? 0 };
  const [{ total }] = await q.select({ total: count() }).from(units).where(condition);
  return { rows, total };
}

// node-postgres and PGlite hand json back parsed; a string would mean a driver change.
function parsed<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

type UnitSerial = { unitId: string; role: string; serial: string };
// The unit's serials in role order (as serialsOf reads them), and the first unit that replaced it (as replacementsOf).
const serialsJsonSql = sql<UnitSerial[] | string>`(select coalesce(json_agg(json_build_object('unitId', s.unit_id, 'role', s.role, 'serial', s.serial) order by s.role), '[]') from ${unitSerials} s where s.unit_id = ${units}.id)`;
const replacedBySql = sql<string | null>`(select r.id from ${units} r where r.replaces_unit_id = ${units}.id order by r.id limit 1)`;

// Serials

export async function serialsOf(q: Queryable, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return q.select().from(unitSerials).where(inArray(unitSerials.unitId, unitIds)).orderBy(asc(unitSerials.role));
}

/** Which of these serials some unit already carries. */
export async function takenSerials(q: Queryable, serials: string[]): Promise<string[]> {
  const rows = await q.select({ serial: unitSerials.serial }).from(unitSerials).where(inArray(unitSerials.serial, serials));
  return rows.map((r) => r.serial);
}

/** The units carrying these serials, with their owners (fraud: one serial on two customers' units). */
export async function serialHolders(q: Queryable, serials: string[]) {
  if (!serials.length) return [];
  return q.select({ serial: unitSerials.serial, unitId: units.id, ownerId: units.ownerId }).from(unitSerials).innerJoin(units, eq(units.id, unitSerials.unitId)).where(inArray(unitSerials.serial, serials));
}

export async function insertSerials(q: Queryable, unitId: string, serials: Omit<typeof unitSerials.$inferInsert, 'unitId'>[]) {
  await q.insert(unitSerials).values(serials.map((s) => ({ unitId, ...s })));
}

export async function deleteSerials(q: Queryable, unitId: string) {
  await q.delete(unitSerials).where(eq(unitSerials.unitId, unitId));
}

// Ownerships

export async function insertOwnership(q: Queryable, row: typeof unitOwnerships.$inferInsert) {
  await q.insert(unitOwnerships).values(row);
}

export async function ownershipsOf(q: Queryable, unitId: string) {
  return q
    .select({ customerId: unitOwnerships.customerId, fromDate: unitOwnerships.fromDate, toDate: unitOwnerships.toDate, reason: unitOwnerships.reason, recordedBy: unitOwnerships.recordedBy })
    .from(unitOwnerships)
    .where(eq(unitOwnerships.unitId, unitId))
    .orderBy(asc(unitOwnerships.fromDate), asc(unitOwnerships.recordedAt));
}

/** The ownership not yet ended. */
export async function currentOwnership(q: Queryable, unitId: string) {
  const [row] = await q.select().from(unitOwnerships).where(and(eq(unitOwnerships.unitId, unitId), isNull(unitOwnerships.toDate)));
  return row;
}

export async function endOwnership(q: Queryable, id: string, toDate: string) {
  await q.update(unitOwnerships).set({ toDate }).where(eq(unitOwnerships.id, id));
}

/** An installation's completion, on the unit: when, by whom, and what was measured. Bumps the version. */
export async function recordInstallation(q: Queryable, unitId: string, facts: { installedOn: string; technicianId: string | null; readings: Record<string, number>; at: Date }) {
  await q
    .update(units)
    .set({ installedOn: facts.installedOn, installedByTechnicianId: facts.technicianId, installationReadings: facts.readings, updatedAt: facts.at, version: sql`${units.version} + 1` })
    .where(eq(units.id, unitId));
}

export type SerialChangeFacts = { replacement: 'part' | 'unit' | null; orderId: string | null; at: Date; recordedBy: string; replacedOn: string | null };

/**
 * A completion's serial changes, on the unit: each role's serial replaced (or first written), a
 * history row for each, the version bumped and, for a unit replacement, the warranty restarted.
 */
export async function recordSerialChanges(q: Queryable, unitId: string, changes: { role: 'main' | 'indoor' | 'outdoor'; fromSerial: string | null; toSerial: string }[], facts: SerialChangeFacts) {
  if (changes.length === 0) return;
  for (const c of changes) {
    if (c.fromSerial) await q.delete(unitSerials).where(and(eq(unitSerials.unitId, unitId), eq(unitSerials.serial, c.fromSerial)));
    await q.insert(unitSerials).values({ unitId, role: c.role, serial: c.toSerial });
  }
  await insertSerialChangeRows(q, unitId, changes, facts);
  await q
    .update(units)
    .set({ updatedAt: facts.at, version: sql`${units.version} + 1`, ...(facts.replacedOn ? { replacedOn: facts.replacedOn } : {}) })
    .where(eq(units.id, unitId));
}

export async function insertSerialChangeRows(q: Queryable, unitId: string, changes: { role: 'main' | 'indoor' | 'outdoor'; fromSerial: string | null; toSerial: string }[], facts: Omit<SerialChangeFacts, 'replacedOn'>) {
  if (changes.length === 0) return;
  await q.insert(unitSerialChanges).values(changes.map((c) => ({ id: newId(), unitId, ...c, replacement: facts.replacement, orderId: facts.orderId, at: facts.at, recordedBy: facts.recordedBy })));
}

/** A unit's serial changes, oldest first. */
export async function serialChangesOf(q: Queryable, unitId: string) {
  return q.select().from(unitSerialChanges).where(eq(unitSerialChanges.unitId, unitId)).orderBy(asc(unitSerialChanges.at), asc(unitSerialChanges.id));
}

/** The unit that replaced this one in a 三包 exchange, if any. */
export async function replacedByOf(q: Queryable, unitId: string): Promise<string | null> {
  const [row] = await q.select({ id: units.id }).from(units).where(eq(units.replacesUnitId, unitId)).limit(1);
  return row?.id ?? null;
}

/**
 * Units as care reads them, a relation for the caller's statement: unit_id, owner_id, model_id,
 * purchase_date, installed_on, warranty_from (the purchase, or the latest replacement, restarts it).
 */
export function careUnitsSql(): SQL {
  return sql`(select u.id as unit_id, u.owner_id, u.model_id, u.purchase_date, u.installed_on, coalesce(u.replaced_on, u.purchase_date) as warranty_from from ${units} u)`;
}

/** The unit has a serial in [from, to] (same-length serials compare as text) or starting with the batch. */
export function unitSerialMatchSql(unitId: SQL, m: { from: string | null; to: string | null; batch: string | null }): SQL {
  const conds: SQL[] = [sql`s.unit_id = ${unitId}`];
  if (m.from) conds.push(sql`s.serial >= ${m.from}`);
  if (m.to) conds.push(sql`s.serial <= ${m.to}`);
  if (m.batch) conds.push(sql`s.serial like ${`${m.batch.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql`exists (select 1 from ${unitSerials} s where ${and(...conds)})`;
}

/** Per owner: units owned now, and their purchases (count, sum in fen, the latest date) — loyalty's facts. */
export async function ownerPurchaseFacts(q: Queryable, ownerIds: string[]): Promise<Map<string, { units: number; purchases: number; purchaseFen: number; lastPurchaseOn: string | null }>> {
  if (!ownerIds.length) return new Map();
  const rows = await q
    .select({ ownerId: units.ownerId, n: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${units.priceFen}), 0)`, last: sql<string | null>`max(${units.purchaseDate})::text` })
    .from(units)
    .where(inArray(units.ownerId, ownerIds))
    .groupBy(units.ownerId);
  return new Map(rows.map((r) => [r.ownerId, { units: Number(r.n), purchases: Number(r.n), purchaseFen: Number(r.fen), lastPurchaseOn: r.last }]));
}

// An import's batch (the imports module): set-based, one statement per table.

const listOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
const idsParam = (ids: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;

/** Known units replaced by their rows in one UPDATE; answers each one found with its owner before. */
export async function updateImportedUnits(q: Queryable, rows: Pick<typeof units.$inferInsert, 'id' | 'modelId' | 'ownerId' | 'purchaseDate' | 'receivedDate' | 'channel' | 'invoiceNumber' | 'priceFen' | 'installedOn'>[], at: Date): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const json = rows.map((r) => ({ id: r.id, model_id: r.modelId, owner_id: r.ownerId, purchase_date: r.purchaseDate, received_date: r.receivedDate ?? null, channel: r.channel, invoice_number: r.invoiceNumber ?? null, price_fen: r.priceFen, installed_on: r.installedOn ?? null }));
  const done = await q.execute(sql`
    with r as (select * from jsonb_populate_recordset(null::${units}, ${JSON.stringify(json)}::jsonb)),
      before as (select u.id, u.owner_id from ${units} u join r on r.id = u.id)
    update ${units} u set model_id = r.model_id, owner_id = r.owner_id, purchase_date = r.purchase_date, received_date = r.received_date, channel = r.channel,
      invoice_number = r.invoice_number, price_fen = r.price_fen, installed_on = r.installed_on, updated_at = ${at.toISOString()}::timestamptz, version = u.version + 1
    from r, before where u.id = r.id and before.id = u.id
    returning u.id, before.owner_id as "ownerBefore"`);
  return new Map(listOf<{ id: string; ownerBefore: string }>(done).map((x) => [x.id, x.ownerBefore]));
}

export async function deleteSerialsOf(q: Queryable, unitIds: string[]) {
  if (unitIds.length) await q.delete(unitSerials).where(inArray(unitSerials.unitId, idsParam(unitIds)));
}

/** Closes these units' current ownership on `day` (a re-import gave them another owner). */
export async function closeOwnerships(q: Queryable, unitIds: string[], day: string) {
  if (unitIds.length) await q.update(unitOwnerships).set({ toDate: day }).where(and(inArray(unitOwnerships.unitId, idsParam(unitIds)), isNull(unitOwnerships.toDate)));
}

export async function insertImportedUnits(q: Queryable, made: (typeof units.$inferInsert)[], serials: (typeof unitSerials.$inferInsert)[], ownerships: (typeof unitOwnerships.$inferInsert)[]) {
  if (made.length) await q.execute(insertRowsSql(units, made));
  if (serials.length) await q.execute(insertRowsSql(unitSerials, serials));
  if (ownerships.length) await q.execute(insertRowsSql(unitOwnerships, ownerships));
}

/** These units' owners, by unit id (an import names a unit by the id Aftercare's export wrote). */
export async function unitOwners(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (uuids.length === 0) return new Map();
  const rows = await q.select({ id: units.id, ownerId: units.ownerId }).from(units).where(inArray(units.id, sql`(select jsonb_array_elements_text(${JSON.stringify(uuids)}::jsonb)::uuid)`));
  return new Map(rows.map((r) => [r.id, r.ownerId]));
}

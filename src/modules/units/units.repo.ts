import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { unitSerials, units } from './units.tables.js';

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

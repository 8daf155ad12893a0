import { sql, type SQL } from 'drizzle-orm';
import { units } from './units.tables.js';

/** A condition true when the unit belongs to the customer `ownerId` names; for composing into other modules' statements. */
export function unitOwnedBySql(unitId: SQL, ownerId: SQL): SQL {
  return sql`exists (select 1 from ${units} u where u.id = ${unitId} and u.owner_id = ${ownerId})`;
}

import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * An insert of many rows that travels as one JSON parameter and is unpacked by the server
 * (jsonb_populate_recordset): building and binding one parameter costs the same for 1 row or 50,
 * where a VALUES list costs a parameter per cell. The rows must name the same columns; `where`
 * may hold the insert back (e.g. until an earlier part of the statement made its row).
 */
export function insertRowsSql<T extends PgTable>(table: T, rows: T['$inferInsert'][], where?: SQL): SQL {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0] ?? {}).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined);
  const names = sql.raw(keys.map((k) => `"${columns[k].name}"`).join(', '));
  const json = rows.map((r) => Object.fromEntries(keys.map((k) => [columns[k].name, (r as Record<string, unknown>)[k] ?? null])));
  return sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)${where ? sql` where ${where}` : sql``}`;
}

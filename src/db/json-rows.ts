import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * An insert of many rows that travels as one JSON parameter and is unpacked by the server
 * (jsonb_populate_recordset): building and binding one parameter costs the same for 1 row or 50,
 * where a VALUES list costs a parameter per cell (PGlite spends most of a wide insert parsing
 * them). The columns are the table's columns the first row names (other keys are ignored);
 * `where` may hold the insert back (e.g. until an earlier part of the statement made its row);
 * `computed` gives columns made by the server for each row (a number from a sequence).
 */
export function insertRowsSql<T extends PgTable>(table: T, rows: T['$inferInsert'][], where?: SQL, computed: Record<string, SQL> = {}): SQL {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0] ?? {}).filter((k) => k in columns && !(k in computed));
  const names = sql.raw(keys.map((k) => `"${columns[k].name}"`).join(', '));
  const made = Object.entries(computed);
  const madeNames = sql.raw(made.map(([k]) => `, "${columns[k].name}"`).join(''));
  const madeValues = sql.join(made.map(([, v]) => sql`, ${v}`));
  const json = rows.map((r) => Object.fromEntries(keys.map((k) => [columns[k].name, (r as Record<string, unknown>)[k] ?? null])));
  return sql`insert into ${table} (${names}${madeNames}) select ${names}${madeValues} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)${where ? sql` where ${where}` : sql``}`;
}

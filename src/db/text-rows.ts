import { sql, type SQL } from 'drizzle-orm';

// Many rows as one text parameter, a line a row and a tab between values (as PostgreSQL's COPY
// writes them), split by the server with string_to_table and string_to_array. For bulk writes where
// json-rows costs too much: PostgreSQL reads 5,000 rows of 22 values from this text about four times
// faster than json_to_recordset reads them from JSON (which it parses twice: the cast, then the
// rows), and node writes a line per row without an object per row.

export type TextValue = string | number | boolean | null;
/** A column of the rows: its name in the relation and the type its text is cast to. */
export type TextColumn = { name: string; type: string };

const special = /[\\\t\n\r]/;
const specials = /[\\\t\n\r]/g;
// \b for the backslash (not \\): no escape's second character is a backslash, so the server's
// replacements, one pair after another, never take half of one escape for another.
const escapes: Record<string, string> = { '\\': '\\b', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escape = (c: string) => escapes[c];

/** A value in the text: null as \N; a backslash, tab, line feed or carriage return as \b, \t, \n, \r. */
function textValue(v: TextValue): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  return special.test(v) ? v.replace(specials, escape) : v;
}

/** One row's line (without its line end): the values in the columns' order. */
export function textRow(values: readonly TextValue[]): string {
  let line = textValue(values[0]);
  for (let i = 1; i < values.length; i += 1) line += `\t${textValue(values[i])}`;
  return line;
}

/** Value `f` of a line as it was: null for \N, the escapes undone (only when the value has one). */
const unescaped = (f: string) =>
  `case when strpos(${f}, chr(92)) = 0 then ${f} when ${f} = chr(92) || 'N' then null ` +
  `else replace(replace(replace(replace(${f}, chr(92) || 't', chr(9)), chr(92) || 'n', chr(10)), chr(92) || 'r', chr(13)), chr(92) || 'b', chr(92)) end`;

/**
 * The rows of `lines` (each made by `textRow`, at least one) as a relation `alias(columns)`, each
 * value cast to its column's type.
 */
export function textRowsSql(lines: readonly string[], columns: readonly TextColumn[], alias: string): SQL {
  const values = columns.map((c, i) => `(${unescaped(`f[${i + 1}]`)})::${c.type}`).join(', ');
  const names = columns.map((c) => c.name).join(', ');
  return sql`(select ${sql.raw(values)} from string_to_table(${lines.join('\n')}::text, chr(10)) as l, string_to_array(l, chr(9)) as f) as ${sql.raw(alias)}(${sql.raw(names)})`;
}

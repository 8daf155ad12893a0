// Reading an uploaded file back as rows of text, streamed from its stored chunks: CSV through
// csv-parse, XLSX through exceljs's streaming reader (its first sheet). Memory holds one chunk.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** The size of a stored chunk of an upload. */
export const chunkBytes = 1 << 20;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
  }
  return String(v);
}

/** Every row of the file, the header first, each as its cells' text. */
export async function* fileRows(format: 'csv' | 'xlsx', bytes: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  const input = Readable.from(bytes);
  if (format === 'csv') {
    yield* input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true })) as AsyncIterable<string[]>;
    return;
  }
  const book = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of book) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
      yield Array.from(values, text);
    }
    return;
  }
}

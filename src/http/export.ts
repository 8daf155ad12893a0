// One helper for every list's export: rows pulled page by page from the list's own query and
// streamed out as CSV (UTF-8 with a BOM, so Excel reads Chinese) or XLSX (exceljs's streaming
// writer), so memory stays flat however long the list.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportColumn<T> = { key: string; header: string; value: (row: T) => string | number | boolean | null | undefined };

/** RFC 4180 quoting; a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Pages of a list, one after another until a short page: the list's query with limit and offset. */
export async function* pages<T>(page: (limit: number, offset: number) => Promise<T[]>, size = 200): AsyncGenerator<T> {
  for (let offset = 0; ; offset += size) {
    const rows = await page(size, offset);
    yield* rows;
    if (rows.length < size) return;
  }
}

async function* csvChunks<T>(columns: ExportColumn<T>[], rows: AsyncIterable<T>): AsyncGenerator<Buffer> {
  yield Buffer.from(`\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n`);
  let chunk = '';
  for await (const row of rows) {
    chunk += `${columns.map((c) => csvCell(c.value(row))).join(',')}\r\n`;
    if (chunk.length > 64_000) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  if (chunk) yield Buffer.from(chunk);
}

function xlsxStream<T>(sheet: string, columns: ExportColumn<T>[], rows: AsyncIterable<T>): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = book.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: 18 }));
  (async () => {
    for await (const row of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(row) ?? null]))).commit();
    ws.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** The HTTP answer: a streamed body with the file's type and name. */
export function exportResponse<T>(format: ExportFormat, name: string, columns: ExportColumn<T>[], rows: AsyncIterable<T>): Response {
  const body = format === 'csv' ? Readable.from(csvChunks(columns, rows)) : xlsxStream(name, columns, rows);
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return new Response(Readable.toWeb(body) as ReadableStream, { status: 200, headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}.${format}"` } });
}

// Parts brought by an import (src/modules/imports): a batch written set-based, by part number.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { partModels, parts, partsHistory } from './parts.tables.js';

/** A catalogue row as an import checked it (the bill of materials as model ids). */
export type ImportedPart = {
  number: string;
  nameZh: string;
  nameEn: string;
  listFen: number;
  issueFen: number;
  currency: 'CNY';
  isMain: boolean;
  serialised: boolean;
  returnable: boolean;
  returnDays: number | null;
  warrantyMonths: number;
  active: boolean;
  modelIds: string[];
};

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * Writes a batch of parts (numbers distinct): a part whose number is known is replaced (fields,
 * version, its models), any other is made; each gets a history row. Answers, in the rows' order,
 * each row's part.
 */
export async function writeImportedParts(q: Queryable, rows: ImportedPart[], actor: string, at: Date): Promise<string[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows.map((r) => ({ ...r, id: newId() })));
  const now = at.toISOString();
  const written = rowsOf<{ id: string; number: string; made: boolean }>(
    await q.execute(sql`
      insert into ${parts} (id, number, name_zh, name_en, is_main, list_fen, issue_fen, currency, serialised, returnable, return_days, warranty_months, active, created_at)
      select p.id, p.number, p."nameZh", p."nameEn", p."isMain", p."listFen", p."issueFen", p.currency, p.serialised, p.returnable, p."returnDays", p."warrantyMonths", p.active, ${now}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as p(id uuid, number text, "nameZh" text, "nameEn" text, "isMain" boolean, "listFen" bigint, "issueFen" bigint, currency text,
        serialised boolean, returnable boolean, "returnDays" integer, "warrantyMonths" integer, active boolean)
      on conflict (number) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, is_main = excluded.is_main, list_fen = excluded.list_fen, issue_fen = excluded.issue_fen,
        currency = excluded.currency, serialised = excluded.serialised, returnable = excluded.returnable, return_days = excluded.return_days, warranty_months = excluded.warranty_months,
        active = excluded.active, version = ${parts.version} + 1
      returning id, number, (xmax = 0) as made`),
  );
  const idOf = new Map(written.map((w) => [w.number, w.id]));
  const links = rows.flatMap((r) => r.modelIds.map((modelId) => ({ partId: idOf.get(r.number)!, modelId })));
  const ids = JSON.stringify(written.map((w) => w.id));
  await q.execute(sql`delete from ${partModels} where part_id in (select jsonb_array_elements_text(${ids}::jsonb)::uuid)`);
  if (links.length) await q.execute(sql`insert into ${partModels} (part_id, model_id) select l."partId", l."modelId" from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as l("partId" uuid, "modelId" uuid)`);
  const history = written.map((w) => ({ subjectId: w.id, action: w.made ? 'created' : 'updated', details: { number: w.number, imported: true } }));
  await q.execute(sql`insert into ${partsHistory} (subject_kind, subject_id, at, actor, action, details)
    select 'part', h."subjectId", ${now}::timestamptz, ${actor}, h.action, h.details from jsonb_to_recordset(${JSON.stringify(history)}::jsonb) as h("subjectId" uuid, action text, details jsonb)`);
  return rows.map((r) => idOf.get(r.number)!);
}

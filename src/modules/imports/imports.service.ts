// Imports: upload (streamed into chunks), a column mapping, a dry run that reports every bad row,
// then the run, in batches, each batch one transaction with its checkpoint, on the job queue.
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId, timeOrderedId } from '../../shared/ids.js';
import { AppError } from '../../shared/errors.js';
import { normalizePhone } from '../../shared/phone.js';
import { chinaDay } from '../../shared/zoned.js';
import type { Enqueue } from '../../jobs/queue.js';
import { customerIdsByNumbers, importedCustomersFromJson, listTiers, type CustomersService } from '../customers/index.js';
import { categoryIdsByCodes, modelsByCodes } from '../catalog/index.js';
import { areaTypes, jobModes, priceDayKey, publishedPriceDays, type FeesService, type ImportedPriceItem } from '../fees/index.js';
import { writeImportedParts, type ImportedPart } from '../parts/index.js';
import { serialHolders, unitOwners, type UnitsService } from '../units/index.js';
import { providerIdsByCodes, techniciansByPhones } from '../network/index.js';
import { orderChannels, orderKinds, orderStatuses, priorities, writeImportedOrders } from '../work-orders/index.js';
import * as repo from './imports.repo.js';
import { importErrors } from './imports.errors.js';
import { chunkBytes, fileRows } from './imports.files.js';
import { customerColumns, customerFromRow, fingerprint, orderFromRow, suggestMapping, unitFromRow, type CustomerRecord, type OrderRecord, type Problem, type UnitField, type UnitRecord } from './imports.rules.js';
import type { OrderField, PriceField } from './imports.fields.js';
import { partFromRow, priceItemFromRow } from './imports.catalogue.rules.js';
import { fieldsOf, requiredOf } from './imports.fields.js';
import type { dryRunRequest, listQuery, uploadQuery } from './imports.contract.js';

export const PROCESS_JOB = 'imports.process';
type ImportRecord = CustomerRecord | UnitRecord | OrderRecord | ImportedPart | ImportedPriceItem;
/** Rows written per transaction (and per checkpoint). */
const defaultBatch = 5000;
/** Imports whose dry run keeps its checked records for a run by SQL alone: their checks are each row's own (and the tiers). */
const staged = new Set<string>(['customers']);
/** The largest file accepted. */
export const maxImportBytes = 1 << 30;

export type ImportsDeps = { db: Db; clock: Clock; audit: AuditFn; jobs: { enqueue: Enqueue }; customers: Pick<CustomersService, 'writeImported'>; units: Pick<UnitsService, 'writeImported'>; fees: Pick<FeesService, 'writeImported'>; options: { importBatchRows?: number } };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function view(r: repo.ImportRow) {
  return {
    id: r.id,
    entity: r.entity,
    format: r.format,
    fileName: r.fileName,
    sizeBytes: r.sizeBytes,
    columns: r.columns,
    mapping: r.mapping,
    fields: [...fieldsOf[r.entity]],
    requiredFields: [...requiredOf[r.entity]],
    status: r.status,
    rowsTotal: r.rowsTotal,
    rowsValid: r.rowsValid,
    rowsInvalid: r.rowsInvalid,
    rowsDone: r.rowsDone,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    error: r.error,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    updatedAt: iso(r.updatedAt)!,
  };
}

export function createImportsService(deps: ImportsDeps) {
  const { db, clock } = deps;
  const batchRows = deps.options.importBatchRows ?? defaultBatch;

  async function importOf(q: Queryable, id: string, lock = false) {
    const r = await repo.findImport(q, id, lock);
    if (!r) throw importErrors.notFound(id);
    return r;
  }

  async function* chunksOf(q: Queryable, id: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq += 1) {
      const data = await repo.chunk(q, id, seq);
      if (!data) return;
      yield data;
    }
  }

  async function moved(q: Queryable, r: repo.ImportRow, to: repo.ImportRow['status'], actor: string, patch: Parameters<typeof repo.updateImport>[2] = {}, details?: Record<string, unknown>) {
    const row = await repo.updateImport(q, r.id, { ...patch, status: to, updatedAt: clock.now() });
    await repo.insertHistory(q, { importId: r.id, at: clock.now(), fromStatus: r.status, toStatus: to, actor, details: details ?? null });
    return row;
  }

  type Checked = { row: number; result: { key: string; record: ImportRecord } | { problems: Problem[] } };
  /** A data row of the file: its number (the header is row 1) and its cells. */
  type Raw = { row: number; cells: string[] };

  /** A batch's customers named by an earlier import's key or by their number. */
  async function customersByKey(keys: string[]) {
    const byKey = await repo.keysOf(db, 'customers', keys);
    const byNumber = await customerIdsByNumbers(db, keys.filter((k) => !byKey.has(k)));
    return new Map(keys.flatMap((k) => { const id = byKey.get(k)?.recordId ?? byNumber.get(k); return id ? [[k, id] as const] : []; }));
  }

  /**
   * The file's data rows after the mapping, in batches of `size`: each row with its number (the
   * header is row 1) and either a record or its problems, checked against what its batch reads (the
   * tiers; for units the models, owners and serials). A batch is read after the one before was
   * written, so the run's checks see the earlier batches' records.
   */
  async function* checkedBatches(r: repo.ImportRow, size: number): AsyncGenerator<Checked[]> {
    const tiers = r.entity === 'customers' ? new Set((await listTiers(db)).map((t) => t.code)) : new Set<string>();
    const index = new Map(r.columns.map((c, i) => [c, i]));
    // Each mapped field's cell in a row (-1: its column is not in the file, so no cell).
    const at = new Map(Object.entries(r.mapping).map(([f, column]) => [f, index.get(column) ?? -1]));
    const cellOf = (cells: string[], f: string) => {
      const i = at.get(f);
      return i === undefined ? undefined : cells[i];
    };
    // The row being checked: one reader for all rows, not one closure a row.
    let cells: string[] = [];
    const get = (f: string) => cellOf(cells, f);
    const each = <T>(raw: Raw[], check: (row: number) => T) => raw.map((x) => {
      cells = x.cells;
      return check(x.row);
    });
    const columnOf = (f: string) => r.mapping[f] ?? f;
    const seen = new Map<string, string>();
    let published: Set<string> | undefined;
    const check = async (raw: Raw[]): Promise<Checked[]> => {
      if (r.entity === 'customers') return each(raw, (row) => ({ row, result: customerFromRow(get, columnOf, tiers) }));
      const all = (f: UnitField | OrderField | PriceField) => [...new Set(raw.map((x) => (cellOf(x.cells, f) ?? '').trim()).filter(Boolean))];
      if (r.entity === 'parts') {
        const codes = raw.flatMap((x) => (cellOf(x.cells, 'modelCodes') ?? '').split(/[\s;,，；]+/)).filter(Boolean);
        const ctx = { models: await modelsByCodes(db, codes) };
        return each(raw, (row) => ({ row, result: partFromRow(get, columnOf, ctx) }));
      }
      if (r.entity === 'prices') {
        published ??= await publishedPriceDays(db);
        const days = published;
        const ctx = {
          kinds: orderKinds,
          modes: jobModes,
          areaTypes,
          categories: await categoryIdsByCodes(db, all('categoryCode')),
          providers: await providerIdsByCodes(db, all('providerCode')),
          isPublished: (providerId: string | null, day: string) => days.has(priceDayKey(providerId, day)),
        };
        return each(raw, (row) => ({ row, result: priceItemFromRow(get, columnOf, ctx) }));
      }
      if (r.entity === 'orders') {
        const unitKeys = all('unitKey');
        const byKey = await repo.keysOf(db, 'units', unitKeys);
        const ids = [...byKey.values()].map((u) => u.recordId);
        const owners = await unitOwners(db, [...ids, ...unitKeys.filter((k) => !byKey.has(k))]);
        const units = new Map(unitKeys.flatMap((k) => { const id = byKey.get(k)?.recordId ?? k; const ownerId = owners.get(id); return ownerId ? [[k, { id, ownerId }] as const] : []; }));
        const ctx = {
          now: clock.now().toISOString(),
          kinds: orderKinds,
          statuses: orderStatuses,
          priorities,
          channels: orderChannels,
          customers: await customersByKey(all('customerKey')),
          units,
          providers: await providerIdsByCodes(db, all('providerCode')),
          technicians: await techniciansByPhones(db, all('technicianPhone').map(normalizePhone)),
        };
        return each(raw, (row) => ({ row, result: orderFromRow(get, columnOf, ctx) }));
      }
      const serials = raw.flatMap((x) => [(cellOf(x.cells, 'mainSerial') ?? '').trim(), ...(cellOf(x.cells, 'otherSerials') ?? '').split(/[\s;,]+/).map((p) => p.slice(p.indexOf(':') + 1))]).filter(Boolean);
      const owners = await customersByKey(all('ownerKey'));
      const unitKeys = await repo.keysOf(db, 'units', all('externalKey'));
      const ctx = {
        today: chinaDay(clock.now()),
        models: await modelsByCodes(db, all('modelCode')),
        owners,
        holders: new Map((await serialHolders(db, [...new Set(serials)])).map((h) => [h.serial, h.unitId])),
        unitOfKey: new Map([...unitKeys].map(([k, v]) => [k, v.recordId])),
        seen,
      };
      return each(raw, (row) => ({ row, result: unitFromRow(get, columnOf, ctx) }));
    };
    let raw: Raw[] = [];
    let n = 0;
    for await (const row of fileRows(r.format, chunksOf(db, r.id))) {
      n += 1;
      if (n === 1) continue;
      raw.push({ row: n, cells: row });
      if (raw.length >= size) {
        yield await check(raw);
        raw = [];
      }
    }
    if (raw.length) yield await check(raw);
  }

  async function* mappedRows(r: repo.ImportRow) {
    for await (const batch of checkedBatches(r, batchRows)) yield* batch;
  }

  /** Writes a batch's records; answers the record each became. */
  async function write(tx: Queryable, r: repo.ImportRow, rows: { id: string | null; record: ImportRecord; json: string }[]): Promise<string[]> {
    if (r.entity === 'orders') return (await writeImportedOrders(tx, rows.map((b) => ({ id: newId(), known: b.id, ...(b.record as OrderRecord) })), clock.now())).map((w) => w.id);
    if (r.entity === 'parts') return writeImportedParts(tx, rows.map((b) => b.record as ImportedPart), 'system:imports', clock.now());
    if (r.entity === 'prices') return deps.fees.writeImported(tx, rows.map((b) => b.record as ImportedPriceItem), 'system:imports');
    if (r.entity === 'units') return deps.units.writeImported(tx, rows.map((b) => ({ id: b.id, ...(b.record as UnitRecord) })), 'system:imports');
    if (rows.length === 0) return [];
    const written = await deps.customers.writeImported(tx, importedCustomersFromJson(rows.map((b, i) => ({ n: i, id: timeOrderedId(), known: b.id, ...customerColumns(b.record as CustomerRecord) }))));
    return written.map((w) => w.id);
  }

  /** The dry run: every row checked, each problem kept (row, column, reason in both languages); nothing written. */
  async function dryRun(r: repo.ImportRow) {
    await repo.clearProblems(db, r.id);
    const staging = staged.has(r.entity);
    if (staging) await repo.clearStaged(db, r.id);
    let total = 0;
    let invalid = 0;
    let problems: Parameters<typeof repo.insertProblems>[1] = [];
    let keep: string[] = [];
    for await (const { row, result } of mappedRows(r)) {
      total += 1;
      if ('problems' in result) {
        invalid += 1;
        problems.push(...result.problems.map((p) => ({ importId: r.id, row, column: p.column, reasonEn: p.en, reasonZh: p.zh })));
        if (problems.length >= batchRows) {
          await repo.insertProblems(db, problems);
          problems = [];
        }
      } else if (staging) {
        const record = result.record as CustomerRecord;
        keep.push(repo.stagedLine(row, result.key, fingerprint(JSON.stringify(record)), timeOrderedId(), record));
        if (keep.length >= batchRows) {
          await repo.insertStaged(db, r.id, keep);
          keep = [];
        }
      }
    }
    await repo.insertProblems(db, problems);
    await repo.insertStaged(db, r.id, keep);
    await db.transaction(async (tx) => {
      const now = await importOf(tx, r.id, true);
      if (now.status !== 'validating' || now.version !== r.version) return;
      await moved(tx, now, 'validated', 'system:imports', { rowsTotal: total, rowsValid: total - invalid, rowsInvalid: invalid }, { rowsTotal: total, rowsInvalid: invalid });
    });
  }

  /**
   * The run, from the checkpoint on: each batch of rows in one transaction with the checkpoint, so a
   * crash loses nothing and repeats nothing. A row whose key is known and whose content is the same
   * is left alone; a known key with new content replaces the record; a new key makes one.
   */
  async function run(r: repo.ImportRow, maxBatches = Infinity) {
    // Staged rows stay until the run is done; none (a dry run from before staging) means the file is read again.
    if (staged.has(r.entity) && (await repo.hasStaged(db, r.id))) return runStaged(r, maxBatches);
    let batch: { row: number; key: string; record: ImportRecord }[] = [];
    let read = 0;
    let done = r.rowsDone;
    let batches = 0;
    const flush = async (rowsRead: number) => {
      const ok = await db.transaction(async (tx) => {
        const now = await importOf(tx, r.id, true);
        if (now.status !== 'running' || now.rowsDone !== done) return false;
        // A key twice in one batch: the later row wins, as it would in two batches.
        const last = [...new Map(batch.map((b) => [b.key, b])).values()];
        const known = await repo.keysOf(tx, r.entity, last.map((b) => b.key));
        const writing = last.map((b) => {
          const json = JSON.stringify(b.record);
          return { ...b, json, known: known.get(b.key), print: fingerprint(json) };
        }).filter((b) => b.known?.fingerprint !== b.print);
        const ids = await write(tx, r, writing.map((b) => ({ id: b.known?.recordId ?? null, record: b.record, json: b.json })));
        await repo.upsertKeys(tx, writing.map((b, i) => ({ entity: r.entity, externalKey: b.key, recordId: ids[i], fingerprint: b.print })));
        const created = writing.filter((b, i) => b.known?.recordId !== ids[i]).length;
        await repo.updateImport(tx, r.id, { rowsDone: rowsRead, created: now.created + created, updated: now.updated + writing.length - created, unchanged: now.unchanged + batch.length - writing.length, updatedAt: clock.now() });
        return true;
      });
      done = rowsRead;
      batch = [];
      batches += 1;
      return ok;
    };
    for await (const { row, result } of mappedRows(r)) {
      read += 1;
      if (read <= r.rowsDone) continue;
      // Bad rows were reported by the dry run; the run leaves them out (they still count as read).
      if (!('problems' in result)) batch.push({ row, ...result });
      if (read - done >= batchRows) {
        if (!(await flush(read))) return;
        if (batches >= maxBatches) return;
      }
    }
    if (read > done && !(await flush(read))) return;
    await finish(r);
  }

  async function finish(r: repo.ImportRow) {
    await db.transaction(async (tx) => {
      const now = await importOf(tx, r.id, true);
      if (now.status !== 'running') return;
      await moved(tx, now, 'done', 'system:imports', {}, { created: now.created, updated: now.updated, unchanged: now.unchanged });
      await deps.audit(tx, { caller: { principal: { kind: 'system', name: 'imports' }, address: null }, action: 'imports.done', subjectKind: 'import', subjectId: r.id, details: { entity: r.entity, created: now.created, updated: now.updated, unchanged: now.unchanged } });
      await repo.clearStaged(tx, r.id);
    });
  }

  /**
   * The run of an import whose dry run kept its checked records (customers, whose checks are the
   * row's own): each batch of file rows is SQL alone, in one transaction with its checkpoint. The
   * records never leave the database: only the rows to write, their keys and fingerprints travel.
   */
  async function runStaged(r: repo.ImportRow, maxBatches: number) {
    let done = r.rowsDone;
    for (let batches = 0; done < r.rowsTotal; batches += 1) {
      if (batches >= maxBatches) return;
      const upTo = Math.min(done + batchRows, r.rowsTotal);
      const ok = await db.transaction(async (tx) => {
        const now = await importOf(tx, r.id, true);
        if (now.status !== 'running' || now.rowsDone !== done) return false;
        // File rows: the header is row 1, so data rows done..upTo are file rows done+1..upTo+1.
        const written = await deps.customers.writeImported(tx, repo.stagedToWriteSql(r.id, r.entity, done + 1, upTo + 1));
        await repo.upsertStagedKeys(tx, r.id, r.entity, written);
        const valid = await repo.stagedCount(tx, r.id, done + 1, upTo + 1);
        const created = written.filter((w) => !w.replaced).length;
        await repo.updateImport(tx, r.id, { rowsDone: upTo, created: now.created + created, updated: now.updated + written.length - created, unchanged: now.unchanged + valid - written.length, updatedAt: clock.now() });
        return true;
      });
      if (!ok) return;
      done = upTo;
    }
    await finish(r);
  }

  return {
    /** Stores the uploaded file in chunks as it arrives and reads its header row; the mapping is suggested from the headers. */
    async upload(caller: Caller, query: z.infer<typeof uploadQuery>, body: ReadableStream<Uint8Array> | null) {
      requirePermission(caller.principal, 'imports.manage');
      if (!body) throw importErrors.emptyFile();
      return db.transaction(async (tx) => {
        const id = newId();
        const now = clock.now();
        const actor = actorName(caller.principal);
        await repo.insertImport(tx, { id, entity: query.entity, format: query.format, fileName: query.fileName, sizeBytes: 0, columns: [], mapping: {}, status: 'uploaded', createdAt: now, createdBy: actor, updatedAt: now });
        let seq = 0;
        let size = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const store = async () => {
          if (pendingBytes === 0) return;
          await repo.insertChunk(tx, id, seq++, Buffer.concat(pending));
          pending = [];
          pendingBytes = 0;
        };
        for await (const part of body as unknown as AsyncIterable<Uint8Array>) {
          size += part.byteLength;
          if (size > maxImportBytes) throw new AppError('body_too_large', 413, `The file is over ${maxImportBytes} bytes / 文件过大`, [{ path: '(body)', message: 'too large' }]);
          pending.push(Buffer.from(part));
          pendingBytes += part.byteLength;
          if (pendingBytes >= chunkBytes) await store();
        }
        await store();
        let header: string[] | undefined;
        try {
          for await (const row of fileRows(query.format, chunksOf(tx, id))) {
            header = row.map((c) => c.trim());
            break;
          }
        } catch (err) {
          throw importErrors.unreadable(err instanceof Error ? err.message.slice(0, 200) : 'unknown');
        }
        if (!header || header.every((c) => !c)) throw importErrors.emptyFile();
        const row = await repo.updateImport(tx, id, { sizeBytes: size, columns: header, mapping: suggestMapping(header, query.entity) });
        await repo.insertHistory(tx, { importId: id, at: now, fromStatus: null, toStatus: 'uploaded', actor, details: { fileName: query.fileName, sizeBytes: size } });
        await deps.audit(tx, { caller, action: 'imports.upload', subjectKind: 'import', subjectId: id, details: { entity: query.entity, format: query.format, sizeBytes: size } });
        return view(row);
      });
    },

    async list(caller: Caller, query: z.infer<typeof listQuery>) {
      requirePermission(caller.principal, 'imports.manage');
      const { rows, total } = await repo.listImports(db, query.limit, query.offset);
      return { items: rows.map(view), total, limit: query.limit, offset: query.offset };
    },

    async get(caller: Caller, id: string) {
      requirePermission(caller.principal, 'imports.manage');
      return view(await importOf(db, id));
    },

    async problems(caller: Caller, id: string, query: z.infer<typeof listQuery>) {
      requirePermission(caller.principal, 'imports.manage');
      await importOf(db, id);
      const { rows, total } = await repo.listProblems(db, id, query.limit, query.offset);
      return { items: rows.map((p) => ({ row: p.row, column: p.column, reason: { en: p.reasonEn, zh: p.reasonZh } })), total, limit: query.limit, offset: query.offset };
    },

    /** Sets the mapping and checks every row on the queue; nothing is written to the records. */
    async startDryRun(caller: Caller, id: string, input: z.infer<typeof dryRunRequest>) {
      requirePermission(caller.principal, 'imports.manage');
      return db.transaction(async (tx) => {
        const r = await importOf(tx, id);
        if (r.status === 'validating' || r.status === 'running') throw importErrors.busy(r.status);
        if (r.status === 'done') throw importErrors.notValidated(r.status);
        for (const f of Object.keys(input.mapping)) if (!fieldsOf[r.entity].includes(f)) throw importErrors.noSuchField(f);
        for (const f of requiredOf[r.entity]) if (!input.mapping[f]) throw importErrors.unmapped(f);
        for (const [f, column] of Object.entries(input.mapping)) if (column && !r.columns.includes(column)) throw importErrors.noSuchColumn(f, column);
        const mapping = Object.fromEntries(Object.entries(input.mapping).filter(([, c]) => c));
        const row = await repo.updateImportAtVersion(tx, id, input.version, { mapping, status: 'validating', rowsTotal: 0, rowsValid: 0, rowsInvalid: 0, error: null, updatedAt: clock.now() });
        if (!row) throw importErrors.staleVersion(r.version);
        await repo.insertHistory(tx, { importId: id, at: clock.now(), fromStatus: r.status, toStatus: 'validating', actor: actorName(caller.principal), details: { mapping } });
        await deps.jobs.enqueue(tx, PROCESS_JOB, { importId: id, mode: 'dry_run' }, { singletonKey: `${id}:dry_run:${row.version}` });
        return view(row);
      });
    },

    /** Runs a validated import on the queue. */
    async startRun(caller: Caller, id: string, version: number) {
      requirePermission(caller.principal, 'imports.manage');
      return db.transaction(async (tx) => {
        const r = await importOf(tx, id);
        if (r.status !== 'validated' || r.rowsValid === 0) throw importErrors.notValidated(r.status);
        const row = await repo.updateImportAtVersion(tx, id, version, { status: 'running', rowsDone: 0, created: 0, updated: 0, unchanged: 0, updatedAt: clock.now() });
        if (!row) throw importErrors.staleVersion(r.version);
        await repo.insertHistory(tx, { importId: id, at: clock.now(), fromStatus: r.status, toStatus: 'running', actor: actorName(caller.principal) });
        await deps.jobs.enqueue(tx, PROCESS_JOB, { importId: id, mode: 'run' }, { singletonKey: `${id}:run:${row.version}` });
        return view(row);
      });
    },

    /** The job: the dry run or the run (from its checkpoint). `maxBatches` stops early, as a crash would (tests). */
    async process(importId: string, mode: 'dry_run' | 'run', options: { maxBatches?: number } = {}) {
      const r = await repo.findImport(db, importId);
      if (!r) return;
      try {
        if (mode === 'dry_run' && r.status === 'validating') await dryRun(r);
        if (mode === 'run' && r.status === 'running') await run(r, options.maxBatches);
      } catch (err) {
        // A file that cannot be read, or rows a module refuses to take (e.g. prices for a version published
        // meanwhile), fail the import with the reason; anything else is retried by the queue.
        if (!(err instanceof AppError || (err instanceof Error && /csv|xlsx|zip|parse|record/i.test(err.message)))) throw err;
        await db.transaction(async (tx) => moved(tx, await importOf(tx, importId, true), 'failed', 'system:imports', { error: err.message.slice(0, 500) }));
      }
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;

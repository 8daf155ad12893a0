// Imports: upload (streamed into chunks), a column mapping, a dry run that reports every bad row,
// then the run, in batches, each batch one transaction with its checkpoint, on the job queue.
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { AppError } from '../../shared/errors.js';
import type { Enqueue } from '../../jobs/queue.js';
import { listTiers, type CustomersService } from '../customers/index.js';
import * as repo from './imports.repo.js';
import { importErrors } from './imports.errors.js';
import { chunkBytes, fileRows } from './imports.files.js';
import { customerFields, customerFromRow, fingerprint, requiredFields, suggestMapping, type CustomerField, type CustomerRecord } from './imports.rules.js';
import type { dryRunRequest, listQuery, uploadQuery } from './imports.contract.js';

export const PROCESS_JOB = 'imports.process';
/** Rows written per transaction (and per checkpoint). */
const defaultBatch = 500;
/** The largest file accepted. */
export const maxImportBytes = 1 << 30;

export type ImportsDeps = { db: Db; clock: Clock; audit: AuditFn; jobs: { enqueue: Enqueue }; customers: Pick<CustomersService, 'writeImported'>; options: { importBatchRows?: number } };

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
    fields: [...customerFields],
    requiredFields: [...requiredFields],
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

  /** The file's data rows after the mapping: each with its row number (the header is row 1) and either a record or its problems. */
  async function* mappedRows(q: Queryable, r: repo.ImportRow) {
    const tiers = new Set((await listTiers(q)).map((t) => t.code));
    const index = new Map(r.columns.map((c, i) => [c, i]));
    const columnOf = (f: CustomerField) => r.mapping[f] ?? f;
    let n = 0;
    for await (const cells of fileRows(r.format, chunksOf(db, r.id))) {
      n += 1;
      if (n === 1) continue;
      const get = (f: CustomerField) => {
        const column = r.mapping[f];
        return column === undefined ? undefined : cells[index.get(column) ?? -1];
      };
      yield { row: n, result: customerFromRow(get, columnOf, tiers) };
    }
  }

  /** The dry run: every row checked, each problem kept (row, column, reason in both languages); nothing written. */
  async function dryRun(r: repo.ImportRow) {
    await repo.clearProblems(db, r.id);
    let total = 0;
    let invalid = 0;
    let problems: Parameters<typeof repo.insertProblems>[1] = [];
    for await (const { row, result } of mappedRows(db, r)) {
      total += 1;
      if ('problems' in result) {
        invalid += 1;
        problems.push(...result.problems.map((p) => ({ importId: r.id, row, column: p.column, reasonEn: p.en, reasonZh: p.zh })));
        if (problems.length >= batchRows) {
          await repo.insertProblems(db, problems);
          problems = [];
        }
      }
    }
    await repo.insertProblems(db, problems);
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
    let batch: { row: number; key: string; record: CustomerRecord }[] = [];
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
        const write = last.map((b) => ({ ...b, known: known.get(b.key), print: fingerprint(b.record) })).filter((b) => b.known?.fingerprint !== b.print);
        const ids = await deps.customers.writeImported(tx, write.map((b) => ({ id: b.known?.recordId ?? null, ...b.record })));
        await repo.upsertKeys(tx, write.map((b, i) => ({ entity: r.entity, externalKey: b.key, recordId: ids[i], fingerprint: b.print })));
        const created = write.filter((b, i) => b.known?.recordId !== ids[i]).length;
        await repo.updateImport(tx, r.id, { rowsDone: rowsRead, created: now.created + created, updated: now.updated + write.length - created, unchanged: now.unchanged + batch.length - write.length, updatedAt: clock.now() });
        return true;
      });
      done = rowsRead;
      batch = [];
      batches += 1;
      return ok;
    };
    for await (const { row, result } of mappedRows(db, r)) {
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
    await db.transaction(async (tx) => {
      const now = await importOf(tx, r.id, true);
      if (now.status !== 'running') return;
      await moved(tx, now, 'done', 'system:imports', {}, { created: now.created, updated: now.updated, unchanged: now.unchanged });
      await deps.audit(tx, { caller: { principal: { kind: 'system', name: 'imports' }, address: null }, action: 'imports.done', subjectKind: 'import', subjectId: r.id, details: { entity: r.entity, created: now.created, updated: now.updated, unchanged: now.unchanged } });
    });
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
        const row = await repo.updateImport(tx, id, { sizeBytes: size, columns: header, mapping: suggestMapping(header) });
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
        for (const f of requiredFields) if (!input.mapping[f]) throw importErrors.unmapped(f);
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
        // A file that cannot be read fails the import with the reason; anything else is retried by the queue.
        if (!(err instanceof Error && /csv|xlsx|zip|parse|record/i.test(err.message))) throw err;
        await db.transaction(async (tx) => moved(tx, await importOf(tx, importId, true), 'failed', 'system:imports', { error: err.message.slice(0, 500) }));
      }
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;

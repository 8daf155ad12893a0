// EXPLAIN (ANALYZE, BUFFERS) of one batch of a customers import's run: the batch's statements as the
// run sends them, after `--batches` batches were written normally, in a transaction rolled back.
// usage: tsx bench/import/explain.ts [--rows 20000] [--batches 2] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { chmodSync, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { writeCustomersCsv } from './customers-file.js';
import { arg, freshPostgres } from '../kit.js';
import { openDatabase } from '../../src/db/database.js';
import { createServices } from '../../src/server/services.js';
import { systemClock } from '../../src/shared/clock.js';

const rows = Number(arg('--rows', '20000'));
const batches = Number(arg('--batches', '2'));
const pgUrl = arg('--postgres', 'postgres://postgres@127.0.0.1:5432/postgres');
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

const dir = mkdtempSync(join(tmpdir(), 'aftercare-explain-import-'));
chmodSync(dir, 0o755);
const { file } = writeCustomersCsv(dir, rows);

const db = await freshPostgres(pgUrl, 'aftercare_explain_import');
try {
  const database = await openDatabase({ engine: 'postgres', url: db.url });
  await database.migrate();
  const triggers = await database.db.execute(sql`select tgrelid::regclass::text as t, tgname from pg_trigger where not tgisinternal and tgrelid::regclass::text in ('customers','customer_phones','customer_addresses','import_keys','import_staged')`);
  console.log('triggers', (triggers as unknown as { rows: unknown[] }).rows);
  const services = createServices(database, systemClock);
  const imp = await services.imports.upload(system, { entity: 'customers', format: 'csv', fileName: 'customers.csv' }, Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  const mapping = { externalKey: 'key', name: 'name', phone1: 'phone1', phone2: 'phone2', consentToContact: 'consentToContact', province: 'province', city: 'city', district: 'district', street: 'street' };
  await services.imports.startDryRun(system, imp.id, { version: imp.version, mapping });
  await services.imports.process(imp.id, 'dry_run');
  await services.imports.startRun(system, imp.id, (await services.imports.get(system, imp.id)).version);
  await services.imports.process(imp.id, 'run', { maxBatches: batches });
  // The next batch, every statement explained, then rolled back.
  const original = database.db.transaction.bind(database.db);
  let explained = false;
  (database.db as unknown as { transaction: unknown }).transaction = (fn: (tx: unknown) => Promise<unknown>) =>
    original(async (tx) => {
      const execute = tx.execute.bind(tx);
      let explaining = true;
      (tx as unknown as { execute: unknown }).execute = async (q: SQL) => {
        if (!explaining) return execute(q);
        const started = performance.now();
        const plan = await execute(sql`explain (analyze, buffers) ${q}`);
        const text = (plan as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']).join('\n');
        console.log(`---- ${(performance.now() - started).toFixed(0)} ms\n${text}`);
        return execute(q);
      };
      await fn(tx);
      explaining = false;
      explained = true;
      throw new Error('rolled back');
    });
  try {
    await services.imports.process(imp.id, 'run', { maxBatches: 1 });
  } catch (err) {
    if (!explained) throw err;
  }
  await database.close();
} finally {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}

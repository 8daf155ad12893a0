// Importing N customers with their phones and addresses through the import (upload, dry run, run,
// on PostgreSQL) beside PostgreSQL's own COPY of the same rows, in one run. Prints both figures and
// the ratio; never fails a build. The issue's target: at 1,000,000 rows the import runs at no less
// than a third of COPY's speed (run that size on a quiet machine).
// The target's baseline: COPY of the rows the import writes (customers, customer_phones,
// customer_addresses, import_keys) into the product's own tables, with all their indexes, foreign
// keys and checks, in a fresh database migrated as the import's is; the rows are made from the same
// CSV into COPY's text format beforehand (by the import's own row rules; not timed). Also printed,
// labelled: COPY of the file into one flat table with only a primary key (the earlier comparison).
// usage: tsx bench/import/run.ts [--rows 20000] [--changed no] [--postgres postgres://postgres@127.0.0.1:5432/test]
import { chmodSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { loadavg, tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import { writeCustomersCsv } from './customers-file.js';
import { writeCopyFiles } from './copy-rows.js';
import { arg, backendCpu, backendCpuSpent, freshPostgres, postgresReachable } from '../kit.js';
import { openDatabase } from '../../src/db/database.js';
import { createServices } from '../../src/server/services.js';
import { systemClock } from '../../src/shared/clock.js';

const rows = Number(arg('--rows', '20000'));
const pgUrl = arg('--postgres', process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
/** `--changed no` leaves out the second import (every customer known and changed): at 1,000,000 rows it doubles the bench's time. */
const changed = arg('--changed', 'yes') !== 'no';
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

if (!(await postgresReachable(pgUrl))) {
  process.stdout.write(`PostgreSQL not reachable at ${pgUrl}: nothing measured\n`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'aftercare-bench-import-'));
chmodSync(dir, 0o755);
const { file, lines } = writeCustomersCsv(dir, rows);
// The same customers again, each with a changed street: every row updates a known customer.
const changedFile = join(dir, 'customers-changed.csv');
writeFileSync(changedFile, `${lines.map((l, i) => (i === 0 ? l : l.replace(/幸福路 (\d+) 号$/, '幸福路 $1 号 2 楼'))).join('\n')}\n`);

// CPU time beside wall-clock time: on this shared machine a neighbour's load stretches every
// wall-clock figure, CPU time much less. The database's backends and this process, for each phase.
async function cpuOf(database: string): Promise<{ backends: Map<number, number>; node: number }> {
  const backends = await backendCpu(pgUrl, database);
  const u = process.cpuUsage();
  return { backends, node: (u.user + u.system) / 1000 };
}
/** CPU ms spent between two snapshots: the database's and this process's. */
function spent(before: Awaited<ReturnType<typeof cpuOf>>, after: Awaited<ReturnType<typeof cpuOf>>) {
  return { database: backendCpuSpent(before.backends, after.backends), node: after.node - before.node };
}

const db = await freshPostgres(pgUrl, 'aftercare_bench_import');
const dbName = new URL(db.url).pathname.slice(1);
try {
  // COPY: the same file into a table of its columns (the database reads the file itself).
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('create table copied (key text primary key, name text not null, phone1 text not null, phone2 text, consent boolean not null, province text, city text, district text, street text)');
  const copyCpu0 = await cpuOf(dbName);
  const copyStart = performance.now();
  await client.query(`copy copied from '${file}' with (format csv, header true)`);
  const copyMs = performance.now() - copyStart;
  const copyCpu = spent(copyCpu0, await cpuOf(dbName));
  await client.end();

  // COPY of the same rows into the product's tables, in a database of their own migrated the same way.
  const copyDb = await freshPostgres(pgUrl, 'aftercare_bench_import_copy');
  const copyDbName = new URL(copyDb.url).pathname.slice(1);
  let tablesMs = 0;
  let tablesCpu = { database: 0, node: 0 };
  const tablesLines: string[] = [];
  const copyCounts = new Map<string, number>();
  try {
    const migrated = await openDatabase({ engine: 'postgres', url: copyDb.url });
    await migrated.migrate();
    await migrated.close();
    // Made before the clock starts: the rows in COPY's text format, one file a table.
    const tables = writeCopyFiles(dir, lines, new Date());
    const c2 = new pg.Client({ connectionString: copyDb.url });
    await c2.connect();
    try {
      for (const t of tables) {
        const cpu0 = await cpuOf(copyDbName);
        const started = performance.now();
        await c2.query(`copy ${t.table} (${t.columns.join(', ')}) from '${t.file}'`);
        const ms = performance.now() - started;
        const cpu = spent(cpu0, await cpuOf(copyDbName));
        tablesMs += ms;
        tablesCpu = { database: tablesCpu.database + cpu.database, node: tablesCpu.node + cpu.node };
        tablesLines.push(`  COPY ${t.table.padEnd(20)} ${String(t.rows).padStart(9)} rows ${ms.toFixed(0).padStart(7)} ms  CPU database ${cpu.database.toFixed(0)} ms`);
      }
      for (const t of tables) copyCounts.set(t.table, Number((await c2.query(`select count(*) as n from ${t.table}`)).rows[0].n));
    } finally {
      await c2.end();
    }
  } finally {
    await copyDb.drop();
  }

  const database = await openDatabase({ engine: 'postgres', url: db.url });
  await database.migrate();
  const services = createServices(database, systemClock);
  const uploadStart = performance.now();
  const imp = await services.imports.upload(system, { entity: 'customers', format: 'csv', fileName: 'customers.csv' }, Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  const uploadMs = performance.now() - uploadStart;
  const mapping = { externalKey: 'key', name: 'name', phone1: 'phone1', phone2: 'phone2', consentToContact: 'consentToContact', province: 'province', city: 'city', district: 'district', street: 'street' };
  const checked = await services.imports.startDryRun(system, imp.id, { version: imp.version, mapping });
  const dryCpu0 = await cpuOf(dbName);
  const dryStart = performance.now();
  await services.imports.process(imp.id, 'dry_run');
  const dryMs = performance.now() - dryStart;
  const dryCpu = spent(dryCpu0, await cpuOf(dbName));
  const validated = await services.imports.get(system, checked.id);
  await services.imports.startRun(system, imp.id, validated.version);
  const runCpu0 = await cpuOf(dbName);
  const runStart = performance.now();
  await services.imports.process(imp.id, 'run');
  const runMs = performance.now() - runStart;
  const runCpu = spent(runCpu0, await cpuOf(dbName));
  const done = await services.imports.get(system, imp.id);

  // Known customers, all changed: upload, dry run and run again, the run timed (set-based update).
  let updateMs = Number.NaN;
  let updateCpu = { database: Number.NaN, node: Number.NaN };
  let updatedRun = { updated: 0, status: 'not run (--changed no)' };
  if (changed) {
    const imp2 = await services.imports.upload(system, { entity: 'customers', format: 'csv', fileName: 'customers-changed.csv' }, Readable.toWeb(createReadStream(changedFile)) as ReadableStream<Uint8Array>);
    await services.imports.startDryRun(system, imp2.id, { version: imp2.version, mapping });
    await services.imports.process(imp2.id, 'dry_run');
    await services.imports.startRun(system, imp2.id, (await services.imports.get(system, imp2.id)).version);
    const updateCpu0 = await cpuOf(dbName);
    const updateStart = performance.now();
    await services.imports.process(imp2.id, 'run');
    updateMs = performance.now() - updateStart;
    updateCpu = spent(updateCpu0, await cpuOf(dbName));
    updatedRun = await services.imports.get(system, imp2.id);
  }
  // What the import wrote, table by table, beside what COPY wrote (after the second run: it replaces rows, so the counts stay).
  const importCounts = new Map<string, number>();
  for (const table of copyCounts.keys()) {
    const r = await database.db.execute(sql.raw(`select count(*) as n from ${table}`));
    importCounts.set(table, Number(((Array.isArray(r) ? r : (r as unknown as { rows: { n: string }[] }).rows) as { n: string }[])[0].n));
  }
  await database.close();

  const rate = (ms: number) => Math.round(rows / (ms / 1000));
  const total = uploadMs + dryMs + runMs;
  process.stdout.write(`rows ${rows}; imported ${done.created} (status ${done.status}); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end\n`);
  process.stdout.write(`rows written, COPY / import: ${[...copyCounts].map(([t, n]) => `${t} ${n} / ${importCounts.get(t)}`).join(', ')}\n`);
  process.stdout.write(`PostgreSQL COPY of the same rows into the product's tables (indexes, foreign keys; prepared in COPY format beforehand, not timed):\n${tablesLines.join('\n')}\n`);
  process.stdout.write(`PostgreSQL COPY, product's tables ${tablesMs.toFixed(0).padStart(8)} ms  ${String(rate(tablesMs)).padStart(8)} customers/s   (the target's baseline)\n`);
  process.stdout.write(`PostgreSQL COPY, one flat table  ${copyMs.toFixed(0).padStart(8)} ms  ${String(rate(copyMs)).padStart(8)} rows/s   (the file into one table with only a primary key; not the target's baseline)\n`);
  process.stdout.write(`import: upload              ${uploadMs.toFixed(0).padStart(8)} ms\n`);
  process.stdout.write(`import: dry run             ${dryMs.toFixed(0).padStart(8)} ms  ${String(rate(dryMs)).padStart(8)} rows/s\n`);
  process.stdout.write(`import: run                 ${runMs.toFixed(0).padStart(8)} ms  ${String(rate(runMs)).padStart(8)} rows/s\n`);
  process.stdout.write(`import: run, known changed  ${updateMs.toFixed(0).padStart(8)} ms  ${String(rate(updateMs)).padStart(8)} rows/s  (updated ${updatedRun.updated}, status ${updatedRun.status})\n`);
  process.stdout.write(`import: all three           ${total.toFixed(0).padStart(8)} ms  ${String(rate(total)).padStart(8)} rows/s\n`);
  process.stdout.write(`wall, speed vs COPY into the product's tables: run ${(tablesMs / runMs).toFixed(3)}, all three ${(tablesMs / total).toFixed(3)} (target ≥ 0.333), run of known changed ${(tablesMs / updateMs).toFixed(3)}\n`);
  process.stdout.write(`wall, speed vs COPY into one flat table:    run ${(copyMs / runMs).toFixed(3)}, all three ${(copyMs / total).toFixed(3)}, run of known changed ${(copyMs / updateMs).toFixed(3)}\n`);
  const cpuAll = (c: { database: number; node: number }) => c.database + c.node;
  const cpu = (label: string, c: ReturnType<typeof spent>) => {
    const all = cpuAll(c);
    process.stdout.write(`CPU ${label.padEnd(34)} database ${c.database.toFixed(0).padStart(7)} ms  node ${c.node.toFixed(0).padStart(7)} ms  speed vs COPY, product's tables ${(cpuAll(tablesCpu) / all).toFixed(3)}; flat ${(cpuAll(copyCpu) / all).toFixed(3)}\n`);
  };
  cpu("PostgreSQL COPY, product's tables", tablesCpu);
  cpu('PostgreSQL COPY, one flat table', copyCpu);
  cpu('import: dry run', dryCpu);
  cpu('import: run', runCpu);
  cpu('import: dry run + run', { database: dryCpu.database + runCpu.database, node: dryCpu.node + runCpu.node });
  cpu('import: run, known changed', updateCpu);
} finally {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}

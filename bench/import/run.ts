// Importing N customers with their phones and addresses through the import (upload, dry run, run,
// on PostgreSQL) beside PostgreSQL's own COPY of the same rows from the same file, in one run.
// Prints both figures and the ratio; never fails a build. The issue's target: at 1,000,000 rows the
// import runs at no less than a third of COPY's speed (run that size on a quiet machine).
// usage: tsx bench/import/run.ts [--rows 20000] [--postgres postgres://postgres@127.0.0.1:5432/test]
import { chmodSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { arg, freshPostgres, postgresReachable } from '../kit.js';
import { openDatabase } from '../../src/db/database.js';
import { createServices } from '../../src/server/services.js';
import { systemClock } from '../../src/shared/clock.js';

const rows = Number(arg('--rows', '20000'));
const pgUrl = arg('--postgres', process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const system = { principal: { kind: 'system' as const, name: 'bench' }, address: null };

if (!(await postgresReachable(pgUrl))) {
  process.stdout.write(`PostgreSQL not reachable at ${pgUrl}: nothing measured\n`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'aftercare-bench-import-'));
chmodSync(dir, 0o755);
const file = join(dir, 'customers.csv');
const districts = [['广东省', '广州市', '天河区'], ['北京市', '北京市', '朝阳区'], ['上海市', '上海市', '浦东新区'], ['浙江省', '杭州市', '西湖区']];
const lines = ['key,name,phone1,phone2,consentToContact,province,city,district,street'];
for (let i = 0; i < rows; i += 1) {
  const [p, c, d] = districts[i % districts.length];
  lines.push(`K${i},客户${i},139${String(i).padStart(8, '0')},${i % 3 === 0 ? `021${String(i).padStart(8, '0')}` : ''},${i % 2 === 0},${p},${c},${d},幸福路 ${i % 997} 号`);
}
writeFileSync(file, `${lines.join('\n')}\n`);
chmodSync(file, 0o644);

const db = await freshPostgres(pgUrl, 'aftercare_bench_import');
try {
  // COPY: the same file into a table of its columns (the database reads the file itself).
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('create table copied (key text primary key, name text not null, phone1 text not null, phone2 text, consent boolean not null, province text, city text, district text, street text)');
  const copyStart = performance.now();
  await client.query(`copy copied from '${file}' with (format csv, header true)`);
  const copyMs = performance.now() - copyStart;
  await client.end();

  const database = await openDatabase({ engine: 'postgres', url: db.url });
  await database.migrate();
  const services = createServices(database, systemClock, { importBatchRows: 1000 });
  const uploadStart = performance.now();
  const imp = await services.imports.upload(system, { entity: 'customers', format: 'csv', fileName: 'customers.csv' }, Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  const uploadMs = performance.now() - uploadStart;
  const mapping = { externalKey: 'key', name: 'name', phone1: 'phone1', phone2: 'phone2', consentToContact: 'consentToContact', province: 'province', city: 'city', district: 'district', street: 'street' };
  const checked = await services.imports.startDryRun(system, imp.id, { version: imp.version, mapping });
  const dryStart = performance.now();
  await services.imports.process(imp.id, 'dry_run');
  const dryMs = performance.now() - dryStart;
  const validated = await services.imports.get(system, checked.id);
  await services.imports.startRun(system, imp.id, validated.version);
  const runStart = performance.now();
  await services.imports.process(imp.id, 'run');
  const runMs = performance.now() - runStart;
  const done = await services.imports.get(system, imp.id);
  await database.close();

  const rate = (ms: number) => Math.round(rows / (ms / 1000));
  const total = uploadMs + dryMs + runMs;
  process.stdout.write(`rows ${rows}; imported ${done.created} (status ${done.status})\n`);
  process.stdout.write(`PostgreSQL COPY             ${copyMs.toFixed(0).padStart(8)} ms  ${String(rate(copyMs)).padStart(8)} rows/s\n`);
  process.stdout.write(`import: upload              ${uploadMs.toFixed(0).padStart(8)} ms\n`);
  process.stdout.write(`import: dry run             ${dryMs.toFixed(0).padStart(8)} ms  ${String(rate(dryMs)).padStart(8)} rows/s\n`);
  process.stdout.write(`import: run                 ${runMs.toFixed(0).padStart(8)} ms  ${String(rate(runMs)).padStart(8)} rows/s\n`);
  process.stdout.write(`import: all three           ${total.toFixed(0).padStart(8)} ms  ${String(rate(total)).padStart(8)} rows/s\n`);
  process.stdout.write(`ratio run / COPY: ${(copyMs / runMs).toFixed(3)}; all three / COPY: ${(copyMs / total).toFixed(3)} (target ≥ 0.333)\n`);
} finally {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}

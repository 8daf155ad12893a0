// Backup and restore of the embedded database (PGlite): its whole data directory as one gzipped
// tarball (PGlite's dumpDataDir / loadDataDir). The server must be stopped: PGlite is one process's.
// PostgreSQL is backed up with its own tools (pg_dump / pg_restore, see the README).
import { PGlite } from '@electric-sql/pglite';
import { existsSync, readdirSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

export async function backupPglite(dataDir: string, file: string): Promise<number> {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) throw new Error(`No database at ${dataDir} / 此处没有数据库`);
  const client = new PGlite(dataDir);
  await client.waitReady;
  try {
    const dump = await client.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    await writeFile(file, bytes);
    return bytes.length;
  } finally {
    await client.close();
  }
}

/** Restores into an empty (or absent) data directory only: a restore never overwrites a database. */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty; restore into an empty directory / 目标目录非空，请恢复到空目录`);
  mkdirSync(dataDir, { recursive: true });
  const bytes = await readFile(file);
  const client = new PGlite(dataDir, { loadDataDir: new Blob([bytes]) });
  await client.waitReady;
  await client.close();
}

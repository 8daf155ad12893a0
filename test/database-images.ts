import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src/db/database.js';

// Migrating a fresh PGlite costs about 11 s of CPU and the demo 30 s more; starting from an image
// of one costs 3 s. Each test run (test/global-setup.ts names it) makes each image once, when a
// test file first asks for it, and the files that start after that start from it: the same
// database the migrations (and the demo) would have made in that run.
const imageDir = join(tmpdir(), 'aftercare-test-images');
const run = () => process.env.AFTERCARE_TEST_RUN;

export async function databaseFromImage(kind: string, make: (database: Database) => Promise<void>): Promise<Database> {
  const runId = run();
  if (!runId) return made(make);
  const file = join(imageDir, `${runId}-${kind}.tar`);
  if (!existsSync(file)) {
    // The first test file to ask makes it; one asking meanwhile migrates on its own rather than wait.
    mkdirSync(imageDir, { recursive: true });
    let lock: number;
    try {
      lock = openSync(`${file}.lock`, 'wx');
    } catch {
      return made(make);
    }
    closeSync(lock);
    const database = await made(make);
    writeFileSync(`${file}.part`, Buffer.from(await (await database.image!()).arrayBuffer()));
    renameSync(`${file}.part`, file);
    return database;
  }
  return openDatabase({ engine: 'pglite', image: new Blob([readFileSync(file)]) });
}

async function made(make: (database: Database) => Promise<void>): Promise<Database> {
  const database = await openDatabase({ engine: 'pglite' });
  await make(database);
  return database;
}

/** Removes this run's images (and any a killed run left behind more than a day ago). */
export function removeImages(runId: string) {
  if (!existsSync(imageDir)) return;
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(imageDir)) {
    if (name.startsWith(`${runId}-`) || Number(name.split('-')[0]) < dayAgo) rmSync(join(imageDir, name), { force: true });
  }
}

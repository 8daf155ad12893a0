import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from './database.js';
import { isDatabaseUnavailable, rootMessage } from './unavailable.js';

// Real failures, not made-up error objects: a server nobody listens on, and an embedded database
// asked something wrong. The first means "try again later" (503); the second is a fault (500).
describe('telling an unreachable database from a failed query', () => {
  const opened: Database[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close().catch(() => undefined);
  });

  it('counts a refused connection as unreachable, through drizzle, and keeps the parameters out of the message', async () => {
    const database = await openDatabase({ engine: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nowhere', poolSize: 1 });
    opened.push(database);
    const err = await database.db.execute(sql`select ${'13800138000'}::text`).then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(rootMessage(err)).not.toContain('13800138000');
    expect(await database.ping()).toBe(false);
  });

  it('does not count a query the database refused as unreachable', async () => {
    const database = await openDatabase({ engine: 'pglite' });
    opened.push(database);
    const bad = await database.db.execute(sql`select * from no_such_table`).then(() => null, (e: unknown) => e);
    expect(bad).not.toBeNull();
    expect(isDatabaseUnavailable(bad)).toBe(false);
    const division = await database.db.execute(sql`select 1 / 0`).then(() => null, (e: unknown) => e);
    expect(isDatabaseUnavailable(division)).toBe(false);
  });
});

import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { markUnreachable } from './unavailable.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that runs queries: the database itself or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  ping: () => Promise<boolean>;
  /** Connections of the pool (PostgreSQL), for /metrics; PGlite has one client and no pool. */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** Applies the one migration stream; safe when several server copies start at once. */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /** How the job queue reaches this database: its own pool on PostgreSQL, the one client on PGlite. */
  queueConnection: { connectionString: string; connectionTimeoutMillis: number } | { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };
};

/** How long a request waits for a database connection before it is answered 503. */
export const connectTimeoutMs = 5000;

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export type DatabaseOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  /** dataDir undefined keeps the database in memory (tests). */
  | { engine: 'pglite'; dataDir?: string };

/**
 * node-postgres parses and plans every query anew. Naming a statement makes the server keep its
 * plan for the connection (what pgx and postgres.js do by default), which matters for the long
 * statements on hot paths such as intake. A connection names at most `maxNamed` distinct texts
 * so queries built with varying shapes cannot grow the server's memory without bound.
 */
class PreparingClient extends pg.Client {
  private named = new Set<string>();
  private static readonly maxNamed = 500;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection that drops while checked out (in a transaction, between its queries) emits
    // 'error' with no listener of the pool's on it, which would end the process. The queries in
    // flight fail on their own and the pool discards the broken client when it is released.
    this.on('error', () => undefined);
  }

  /** A failure to open a connection means the database is unreachable, whatever its code (see unavailable.ts). */
  override connect(callback?: unknown): never {
    if (typeof callback === 'function') {
      return (super.connect as unknown as (cb: (err: Error | undefined) => void) => never)((err) => (callback as (err: Error | undefined) => void)(err ? markUnreachable(err) : err));
    }
    return super.connect().catch((err: unknown) => Promise.reject(markUnreachable(err))) as never;
  }

  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const c = config as { text?: unknown; name?: unknown } | null;
    if (c && typeof c === 'object' && typeof c.text === 'string' && !c.name) {
      const name = `q_${createHash('sha1').update(c.text).digest('hex').slice(0, 24)}`;
      if (this.named.has(name) || this.named.size < PreparingClient.maxNamed) {
        this.named.add(name);
        config = { ...c, name };
      }
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    // While the database is down a request waits at most connectTimeoutMs for a connection, then fails (503).
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, Client: PreparingClient, connectionTimeoutMillis: connectTimeoutMs });
    // A dropped idle connection must not take the server down.
    pool.on('error', (err) => process.stderr.write(`postgres pool error: ${err.message}\n`));
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      engine: 'postgres',
      ping: () => pingWith(db),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      migrate: async () => {
        // The lock must be taken and released on the same connection, so migrate on one.
        const conn = await pool.connect();
        try {
          await conn.query('select pg_advisory_lock(727001)');
          await migratePg(drizzlePg(conn), { migrationsFolder });
        } finally {
          await conn.query('select pg_advisory_unlock(727001)').catch(() => undefined);
          conn.release();
        }
      },
      close: () => pool.end(),
      queueConnection: { connectionString: options.url, connectionTimeoutMillis: connectTimeoutMs },
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    ping: () => pingWith(db),
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
    queueConnection: {
      // The queue sends several statements at once when it has no parameters (its own upgrades).
      executeSql: async (text, values) => (values && values.length > 0 ? client.query(text, values) : ((await client.exec(text)).at(-1) ?? { rows: [] })),
    },
  };
}

async function pingWith(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

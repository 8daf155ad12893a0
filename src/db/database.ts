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
  /**
   * Calls `onNotify` with each NOTIFY payload sent on `channel` (by any server copy, once its
   * transaction commits), and with '' whenever the listening connection was (re)made, when
   * notifications may have been missed. Resolves once listening; the function it gives stops it.
   * `close` stops every listener.
   */
  listen: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
  /** How the job queue reaches this database: its own pool on PostgreSQL, the one client on PGlite. */
  queueConnection: { connectionString: string; connectionTimeoutMillis: number } | { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };
  /** PGlite: the whole database as a tar image, from which another in-memory database starts as it is now. */
  image?: () => Promise<Blob>;
};

/** How long a request waits for a database connection before it is answered 503. */
export const connectTimeoutMs = 5000;

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export type DatabaseOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  /** dataDir undefined keeps the database in memory (tests); `image` starts it from another's image. */
  | { engine: 'pglite'; dataDir?: string; image?: Blob };

/**
 * node-postgres parses and plans every query anew. Naming a statement makes the server keep its
 * plan for the connection (what pgx and postgres.js do by default), which matters for the long
 * statements on hot paths such as intake. A connection names at most `maxNamed` distinct texts
 * so queries built with varying shapes cannot grow the server's memory without bound.
 */
class PreparingClient extends pg.Client {
  private named = new Set<string>();
  private static readonly maxNamed = 500;
  // Queries sent while one is running (a Promise.all over one transaction's client) wait their
  // turn here: pg queues them itself today but calls that deprecated and drops it in pg@9.
  private running = 0;
  private lastDone: Promise<unknown> = Promise.resolve();

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
    const send = (super.query as (...args: unknown[]) => never).bind(this);
    const submittable = c !== null && typeof c === 'object' && typeof (c as { submit?: unknown }).submit === 'function';
    if (submittable || typeof values === 'function' || typeof callback === 'function') return send(config, values, callback);
    const start = () => send(config, values) as Promise<unknown>;
    const result = this.running === 0 ? start() : this.lastDone.then(start, start);
    this.running++;
    this.lastDone = result.then(
      () => void this.running--,
      () => void this.running--,
    );
    return result as never;
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    // While the database is down a request waits at most connectTimeoutMs for a connection, then fails (503).
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, Client: PreparingClient, connectionTimeoutMillis: connectTimeoutMs });
    // A dropped idle connection must not take the server down.
    pool.on('error', (err) => process.stderr.write(`postgres pool error: ${err.message}\n`));
    const db = drizzlePg(pool) as unknown as Db;
    const listeners = new Set<() => Promise<void>>();
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
      listen: async (channel, onNotify) => {
        const stop = await listenOnPostgres(options.url, channel, onNotify);
        const unlisten = async () => {
          listeners.delete(unlisten);
          await stop();
        };
        listeners.add(unlisten);
        return unlisten;
      },
      close: async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await pool.end();
      },
      queueConnection: { connectionString: options.url, connectionTimeoutMillis: connectTimeoutMs },
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite({ loadDataDir: options.image });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    engine: 'pglite',
    ping: () => pingWith(db),
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    // One client: its own notifications come back to it after commit, as PostgreSQL's do to a listening session.
    listen: async (channel, onNotify) => {
      const stop = await client.listen(safeChannel(channel), onNotify);
      const unlisten = async () => {
        if (!listeners.delete(unlisten)) return;
        await stop().catch(() => undefined);
      };
      listeners.add(unlisten);
      onNotify('');
      return unlisten;
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await client.close();
    },
    image: () => client.dumpDataDir('none'),
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

function safeChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channel;
}

/**
 * LISTEN needs a connection of its own that stays open (a pooled one goes back to the pool): one
 * client, made again a second after it drops while the database is away; each time it is made
 * `onNotify('')` says notifications may have been missed.
 */
async function listenOnPostgres(url: string, channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
  const name = safeChannel(channel);
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const again = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void open().catch(again);
    }, 1000);
  };
  const open = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
    c.on('error', () => undefined);
    c.on('end', () => {
      if (client === c) client = null;
      again();
    });
    c.on('notification', (m) => {
      if (m.channel === name) onNotify(m.payload ?? '');
    });
    await c.connect();
    if (stopped) return void (await c.end().catch(() => undefined));
    await c.query(`listen ${name}`);
    client = c;
    onNotify('');
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}

// What the benchmarks share: reading their arguments, and PostgreSQL databases of their own.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Whether a PostgreSQL server answers at `url` (a run skips PostgreSQL when not). */
export async function postgresReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** A new, empty database named `prefix_…` on the server at `serverUrl`; `drop` removes it. */
export async function freshPostgres(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A process's CPU time so far (user + system, ms), from /proc; 0 when it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU time so far of each backend connected to `database` (PostgreSQL on this machine). CPU time is
 * what a neighbour's load on this shared machine inflates least: compare two of these.
 */
export async function backendCpu(serverUrl: string, database: string): Promise<Map<number, number>> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    const pids = (await c.query('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database])).rows.map((r: { pid: number }) => r.pid);
    return new Map(pids.map((pid) => [pid, cpuMsOf(pid)]));
  } finally {
    await c.end();
  }
}

/** CPU ms the backends spent between two `backendCpu` readings (those seen at the end). */
export function backendCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/**
 * The CPU time (user + system, ms) PostgreSQL's backends on one database spend between `start`
 * and `stop`, read from /proc (the server runs on this machine): the figure to compare when the
 * machine is shared and wall-clock ratios move with the load. Backends are polled every 100 ms so
 * one that closes mid-way still counts up to its last poll; the poller's own backend is left out.
 * `stop` answers null when /proc cannot be read (a server elsewhere).
 */
export async function backendCpuMeter(url: string): Promise<{ start: () => Promise<void>; stop: () => Promise<number | null>; close: () => Promise<void> }> {
  const { readFileSync } = await import('node:fs');
  const tick = 10; // ms per clock tick (CLK_TCK 100 on Linux)
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const ticksOf = (pid: number): number | null => {
    try {
      // Fields after the command's closing parenthesis: state is 3rd, utime 14th, stime 15th of the whole line.
      const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(rest[11]) + Number(rest[12]);
    } catch {
      return null;
    }
  };
  const base = new Map<number, number>();
  const last = new Map<number, number>();
  let readable = false;
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> = Promise.resolve();
  const poll = async (into: Map<number, number>) => {
    const { rows } = await client.query<{ pid: number; me: boolean }>('select pid, pid = pg_backend_pid() as me from pg_stat_activity where datname = current_database()');
    for (const { pid, me } of rows) {
      // A backend gone between the query and the read (a worker that ended) keeps its last poll.
      const t = ticksOf(pid);
      if (t === null) continue;
      if (me) readable = true;
      else into.set(pid, t);
    }
  };
  return {
    async start() {
      base.clear();
      last.clear();
      await poll(base);
      timer = setInterval(() => {
        polling = polling.then(() => poll(last)).catch(() => {});
      }, 50);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await polling;
      await poll(last);
      if (!readable) return null;
      let sum = 0;
      for (const [pid, t] of last) sum += t - (base.get(pid) ?? 0);
      return sum * tick;
    },
    close: () => client.end(),
  };
}

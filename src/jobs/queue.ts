// The durable job queue: pg-boss on the application's own database. Its tables come with the
// migrations (drizzle/0007_job_queue.sql), so a job can be written in the same transaction as the
// change that makes it: if the change rolls back, the job was never there.
import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Queryable } from '../db/database.js';
import { isDatabaseUnavailable, rootMessage } from '../db/unavailable.js';
import { currentRequestId, withRequestId, type Logger } from '../shared/log.js';

export type JobOptions = { startAfter?: Date; singletonKey?: string };

/** A module's job: a queue name (made in a migration), its payload's schema, what to do with one job, and an optional cron schedule. */
export type JobDefinition<P = any> = {
  name: string;
  /** Checked before `handle` sees a job: a payload that does not fit fails the job, and the queue keeps it. */
  payload: z.ZodType<P>;
  handle: (data: P) => Promise<void>;
  /** Cron (minutes); several server copies share one schedule, so a tick runs once. */
  schedule?: string;
};

/** pg-boss speaks SQL text with $n parameters; this runs it on a Drizzle database or transaction. */
export function executorOf(q: Queryable): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const chunks: SQL[] = text.split(/\$(\d+)/).map((part, i) => (i % 2 === 1 ? sql`${sql.param(values[Number(part) - 1])}` : sql.raw(part)));
      const result = await q.execute(sql.join(chunks, sql.raw('')));
      return { rows: Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows };
    },
  };
}

/** Puts a job on the queue inside `q`: it exists once `q` commits, and never if it rolls back. */
export type Enqueue = (q: Queryable, name: string, data: Record<string, unknown>, options?: JobOptions) => Promise<void>;

/** One job to put on the queue. */
export type JobRequest = { name: string; data: Record<string, unknown>; options?: JobOptions };
/** Puts many jobs on the queue inside `q` in one statement, as `Enqueue` does one. */
export type EnqueueMany = (q: Queryable, jobs: JobRequest[]) => Promise<void>;

export type QueueOptions = {
  /** How often an idle worker looks for due jobs; 2 s unless a test wants it sooner. */
  pollingIntervalSeconds?: number;
  /** Where each job's start and end are logged (with the request id that enqueued it); none in tests unless given. */
  log?: Logger;
};

/** The key a job's payload carries the enqueuing request's id under; payload schemas ignore it (zod strips unknown keys). */
const requestIdKey = '_requestId';
const withRequest = (data: Record<string, unknown>) => {
  const requestId = currentRequestId();
  return requestId ? { ...data, [requestIdKey]: requestId } : data;
};

// Sending needs no running queue: it is one insert, run through the caller's transaction.
const sender = new PgBoss({ db: { executeSql: () => Promise.reject(new Error('jobs are sent through a transaction')) } });

/** `Enqueue` without a queue object, for code that holds only the caller's transaction (the outbox). */
export const enqueueJob: Enqueue = async (q, name, data, opts = {}) => {
  await sender.send(name, withRequest(data), { db: executorOf(q), startAfter: opts.startAfter, singletonKey: opts.singletonKey } as PgBoss.SendOptions);
};

/** `EnqueueMany` without a queue object: many jobs in one statement inside the caller's transaction (care's outbox batches). */
export const enqueueJobs: EnqueueMany = async (q, jobs) => {
  if (jobs.length === 0) return;
  const rows = jobs.map((j) => ({ name: j.name, data: withRequest(j.data), startAfter: j.options?.startAfter, singletonKey: j.options?.singletonKey }));
  await sender.insert(rows, { db: executorOf(q) });
};

/** pg-boss's own statement that inserts jobs (its text and its parameters but the rows), captured once without running it. */
let insertPlan: Promise<{ text: string; values: unknown[] }> | undefined;
function jobsInsertPlan() {
  insertPlan ??= (async () => {
    let plan: { text: string; values: unknown[] } | undefined;
    const capture: PgBoss.Db = {
      executeSql: async (text: string, values: unknown[] = []) => {
        plan = { text, values };
        return { rows: [] };
      },
    };
    await sender.insert([], { db: capture });
    if (!plan || !plan.text.includes('json_to_recordset($1)')) throw new Error('pg-boss insert statement not as expected');
    return plan;
  })();
  return insertPlan;
}

/**
 * Jobs of one queue as a data-modifying statement whose rows come from SQL (`source`: a select with
 * one jsonb column `data`), to run as a CTE of the statement that writes their subjects: nothing
 * per job crosses to JS. pg-boss's own insert (the queue's policy, retention and retries applied
 * as `enqueueJobs` applies them), its JSON parameter replaced by the rows aggregated in SQL.
 */
export async function insertJobsSql(name: string, source: SQL): Promise<SQL> {
  const plan = await jobsInsertPlan();
  const requestId = currentRequestId();
  const data = requestId ? sql`j.data || jsonb_build_object(${requestIdKey}::text, ${requestId}::text)` : sql`j.data`;
  const rows = sql`(select coalesce(json_agg(json_build_object('name', ${name}::text, 'data', ${data})), '[]'::json) from (${source}) j)`;
  const parts = plan.text.split(/\$(\d+)/).map((part, i) => (i % 2 === 0 ? sql.raw(part) : part === '1' ? rows : sql`${sql.param(plan.values[Number(part) - 1])}`));
  return sql.join(parts, sql.raw(''));
}

export function createJobQueue(database: Database, options: QueueOptions = {}) {
  let boss: PgBoss | null = null;
  const polling = options.pollingIntervalSeconds ?? 2;
  const enqueue = enqueueJob;

  const enqueueMany = enqueueJobs;

  return {
    enqueue,
    enqueueMany,

    /** Starts working the given jobs (and their schedules) on this server copy. */
    async start(jobs: JobDefinition[]) {
      const connection = database.queueConnection;
      boss = new PgBoss({
        ...('connectionString' in connection ? { connectionString: connection.connectionString, connectionTimeoutMillis: connection.connectionTimeoutMillis, max: 4 } : { db: connection as PgBoss.Db }),
        // Keep finished jobs a week, then let the queue delete them.
        deleteAfterDays: 7,
        // The migration made the queue's tables; on start pg-boss only upgrades them when it is newer.
        migrate: true,
      });
      boss.on('error', (err: Error) => process.stderr.write(`job queue error: ${err.message}\n`));
      outlivesLostBookkeeping();
      await boss.start();
      for (const job of jobs) {
        await boss.work(job.name, { pollingIntervalSeconds: polling, batchSize: 1 }, async ([one]) => {
          const data = (one.data ?? {}) as Record<string, unknown>;
          const requestId = typeof data[requestIdKey] === 'string' ? (data[requestIdKey] as string) : undefined;
          await withRequestId(requestId, async () => {
            const started = Date.now();
            try {
              await job.handle(job.payload.parse(data));
              options.log?.info({ requestId: currentRequestId(), job: job.name, jobId: one.id, ms: Date.now() - started }, 'job done');
            } catch (err) {
              options.log?.warn({ requestId: currentRequestId(), job: job.name, jobId: one.id, ms: Date.now() - started, error: err instanceof Error ? err.name : 'error' }, 'job failed');
              throw err;
            }
          });
        });
        if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { singletonKey: job.name });
      }
    },

    /** Stops taking jobs, lets the ones in hand finish, and closes the queue's connections. */
    async stop() {
      if (!boss) return;
      const b = boss;
      boss = null;
      await b.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;

/** Jobs waiting or in hand, by queue and state (bounded: queue names are fixed, states are pg-boss's few). */
export async function queueDepth(q: Queryable): Promise<{ name: string; state: string; count: number }[]> {
  const result = await q.execute(sql`select name, state::text as state, count(*)::int as count from pgboss.job where state in ('created', 'retry', 'active') group by name, state`);
  return (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { name: string; state: string; count: number }[];
}

let bookkeepingGuarded = false;
/**
 * pg-boss marks a worked job complete or failed without awaiting it: with the database gone, that
 * promise rejects with nobody to catch it, and Node would end the server mid-outage. Such a
 * rejection is the outage the queue already recovers from (the job's lease expires and it runs
 * again), so it is logged; any other unhandled rejection still ends the process.
 */
function outlivesLostBookkeeping() {
  if (bookkeepingGuarded) return;
  bookkeepingGuarded = true;
  process.on('unhandledRejection', (err) => {
    if (!isDatabaseUnavailable(err)) throw err;
    process.stderr.write(`job queue error (database unavailable): ${rootMessage(err)}\n`);
  });
}

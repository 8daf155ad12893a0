// The operational surface: /metrics (Prometheus), /ready (database and queue reachable), and the
// request id and one JSON log line per request. /health stays the liveness probe (http.ts).
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { createMetrics, type GaugeSource } from '../http/metrics.js';
import { queueDepth } from '../jobs/queue.js';
import { acceptableRequestId, currentRequestId, withRequestId, type Logger } from '../shared/log.js';
import { promiseOutcomeCounts } from '../modules/promises/index.js';
import { messageCounts } from '../modules/notifications/index.js';
import type { Services } from './services.js';

const counts = <T extends { count: number }>(rows: T[], labels: (r: T) => Record<string, string>) => rows.map((r) => ({ labels: labels(r), value: r.count }));

export function operations(services: Services, log?: Logger) {
  const db = services.database.db;
  const sources: GaugeSource[] = [
    {
      name: 'aftercare_db_pool_connections',
      help: 'Database pool connections by state / 数据库连接池',
      labels: ['state'],
      read: async () => {
        const stats = services.database.poolStats?.();
        return stats ? Object.entries(stats).map(([state, value]) => ({ labels: { state }, value })) : [];
      },
    },
    { name: 'aftercare_job_queue_depth', help: 'Jobs waiting or running by queue and state / 任务队列深度', labels: ['job', 'state'], read: async () => counts(await queueDepth(db), (r) => ({ job: r.name, state: r.state })) },
    { name: 'aftercare_promise_outcomes', help: 'Ended promise clocks by milestone and outcome / 服务承诺结果', labels: ['milestone', 'outcome'], read: async () => counts(await promiseOutcomeCounts(db), (r) => ({ milestone: r.milestone, outcome: r.outcome })) },
    { name: 'aftercare_messages', help: 'Outgoing messages by channel and status / 消息按渠道与状态', labels: ['channel', 'status'], read: async () => counts(await messageCounts(db), (r) => ({ channel: r.channel, status: r.status })) },
  ];
  const metrics = createMetrics(sources);

  /** Gives the request an id (the client's `x-request-id` when plain, else a new one), answers it back, and logs the request without its path, query or body. */
  const requestLog: MiddlewareHandler = async (c, next) => {
    await withRequestId(acceptableRequestId(c.req.header('x-request-id')), async () => {
      const started = performance.now();
      await next();
      const requestId = currentRequestId()!;
      // A response built elsewhere may carry immutable headers (a static file): it goes without the id.
      try {
        c.res.headers.set('x-request-id', requestId);
      } catch {
        /* immutable */
      }
      log?.info({ requestId, method: c.req.method, route: routePath(c, -1), status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
    });
  };

  /** Ready to take traffic: the database answers and the job queue's tables can be read. */
  const ready = async (c: Context) => {
    const database = await services.database.ping();
    const queue = database && (await queueDepth(db).then(() => true, () => false));
    const ok = database && queue;
    return c.json({ status: ok ? 'ready' : 'not ready', database, queue }, ok ? 200 : 503);
  };

  const metricsRoute = async (c: Context) => c.body(await metrics.text(), 200, { 'content-type': metrics.contentType });

  return { middleware: metrics.middleware, requestLog, ready, metricsRoute };
}

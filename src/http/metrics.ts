// Prometheus metrics (prom-client), one registry per app so test apps do not share counters.
// Labels are bounded: a route's template (never its path with ids), a method, a status class,
// and names from fixed sets (job queues, channels, statuses, milestones, outcomes).
import { Histogram, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

/** A gauge read at scrape time: each call returns the current value of every label set. */
export type GaugeSource = { name: string; help: string; labels: string[]; read: () => Promise<{ labels: Record<string, string>; value: number }[]> };

export function createMetrics(sources: GaugeSource[]) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aftercare_' });
  const latency = new Histogram({
    name: 'aftercare_http_request_duration_seconds',
    help: 'HTTP request latency by route template / 按接口模板统计的请求耗时',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  for (const source of sources) {
    new Gauge({
      name: source.name,
      help: source.help,
      labelNames: source.labels,
      registers: [registry],
      async collect() {
        this.reset();
        for (const { labels, value } of await source.read()) this.set(labels, value);
      },
    });
  }

  /** Times every request under its matched route's template (a path nothing matched counts as "unmatched"). */
  const middleware: MiddlewareHandler = async (c, next) => {
    const end = latency.startTimer();
    await next();
    const template = routePath(c, -1);
    // Paths no route matched (the console's pages, unknown paths) count together: their paths are unbounded.
    const route = template === '*' || template === '/*' ? 'other' : template;
    end({ method: c.req.method, route, status: `${Math.floor(c.res.status / 100)}xx` });
  };

  return { middleware, contentType: registry.contentType, text: () => registry.metrics() };
}

export type Metrics = ReturnType<typeof createMetrics>;

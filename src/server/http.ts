import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import type { Context, MiddlewareHandler } from 'hono';
import { createRouter } from '../http/router.js';
import { serveConsole } from '../http/console.js';
import { describeInternalError } from '../http/error-log.js';
import { securityHeaders } from '../http/security-headers.js';
import { customerGate, customerViews } from './customer-views.js';
import { addressOf, authenticate, type AuthenticateOptions } from '../modules/access/index.js';
import { accessErrors } from '../kernel/scopes.js';
import { AppError } from '../shared/errors.js';
import { isDatabaseUnavailable, rootMessage } from '../db/unavailable.js';
import type { Services } from './services.js';
import { modules } from '../modules.js';
import { operations } from './operations.js';
import type { Logger } from '../shared/log.js';

const swaggerDir = join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');

const docsPage = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Aftercare API 售后服务接口</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

/** Open to anyone: the probes, the API description, and the ways in. */
const publicPaths = [/^\/health$/, /^\/ready$/, /^\/metrics$/, /^\/calendar-feeds\/[A-Za-z0-9_-]+\.ics$/, /^\/openapi\.json$/, /^\/docs(\/|$)/, /^\/auth\/sign-in$/, /^\/auth\/invitation\/accept$/, /^\/portal\/(code|sign-in|link\/redeem)$/, /^\/outbox\/receipts(\/(aliyun|tencent))?$/, /^\/quote-links\/[^/]+(\/(accept|refuse))?$/, /^\/receipt-links\/[^/]+$/, /^\/survey-links\/[^/]+$/, /^\/care-links\/(unsubscribe|click)\/[^/]+$/, /^\/care\/sms-inbound$/];

export type HttpOptions = {
  bodyLimitBytes: number;
  /** Cookie and rate-limit settings for the access middleware. */
  access?: AuthenticateOptions;
  /** One JSON line per request (pino); none when absent (tests pass their own). */
  log?: Logger;
  /** The board's map tile URL template: its server is let into the Content-Security-Policy. */
  mapTiles?: string | null;
  /** What `{s}` in mapTiles stands for (AFTERCARE_MAP_SUBDOMAINS): each one's origin is let in. */
  mapSubdomains?: readonly string[];
};

export function createHttpApp(services: Services, options: HttpOptions) {
  const app = createRouter();
  const ops = operations(services, options.log);
  app.use('*', ops.requestLog);
  app.use('*', ops.middleware);

  // The API's first path segments, read from the mounted routes once they are all there.
  app.use('*', securityHeaders(options.mapTiles, options.mapSubdomains));
  let apiSegments: Set<string> | null = null;
  app.use('*', serveConsole(() => (apiSegments ??= new Set(app.routes.map((r) => r.path.split('/')[1]).filter((s) => s && s !== '*')))));
  // Photos are larger than any JSON request; they get their own limit.
  const limit = (maxSize: number): MiddlewareHandler => {
    const tooLarge = (c: Context) => c.json({ error: { code: 'body_too_large', message: `Request body over ${maxSize} bytes / 请求体过大`, details: [{ path: '(body)', message: 'too large' }] } }, 413);
    const streamed = bodyLimit({ maxSize, onError: tooLarge });
    // A declared length is checked from the header alone: hono's bodyLimit looks at the body first,
    // which makes the node adapter build a whole web Request for every call (measured: a tenth of intake's CPU).
    return (c, next) => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      const length = c.req.header('content-length');
      if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
      return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next();
    };
  };
  const jsonLimit = limit(options.bodyLimitBytes);
  const photoLimit = limit(services.photos.limitBytes);
  // An import's file streams into the database in chunks; the import checks its own (much larger) limit.
  app.use('*', (c, next) => (c.req.method === 'POST' && /^\/work-orders\/[^/]+\/photos$/.test(c.req.path) ? photoLimit(c, next) : c.req.method === 'POST' && c.req.path === '/imports' ? next() : jsonLimit(c, next)));
  app.use('*', authenticate(services.access, options.access));
  app.use('*', async (c, next) => {
    const principal = c.get('principal') ?? null;
    const address = addressOf(c);
    if (principal) c.set('caller', { principal, address });
    else if (!publicPaths.some((p) => p.test(c.req.path))) throw accessErrors.unauthenticated();
    await next();
    // Every write is on the audit record, allowed or refused; reads are not, except reveals, which record themselves.
    if (principal && c.req.method !== 'GET' && c.req.method !== 'HEAD' && !c.get('audited')) {
      const route = routePath(c, -1);
      const id = /^\/[^/]+\/([0-9a-f-]{36})(\/|$)/i.exec(c.req.path)?.[1] ?? null;
      await services.requestAudit({
        caller: { principal, address },
        action: `${c.req.method} ${route}`,
        subjectKind: route.split('/')[1] || null,
        subjectId: id,
        outcome: c.res.status < 400 ? 'ok' : 'refused',
        details: { status: c.res.status },
      });
    }
  });

  app.use('*', customerGate(customerViews(services)));

  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status);
    if (err instanceof HTTPException) {
      const status = err.status;
      return c.json({ error: { code: status === 400 ? 'malformed_request' : 'http_error', message: err.message || 'Bad request / 请求有误', details: [{ path: '(body)', message: err.message }] } }, status);
    }
    if (isDatabaseUnavailable(err)) {
      // The driver's own words only: the wrapping error's message carries the query's parameters.
      process.stderr.write(`database unavailable: ${c.req.method} ${c.req.path}: ${rootMessage(err)}\n`);
      return c.json({ error: { code: 'database_unavailable', message: 'Database unavailable, try again / 数据库暂不可用，请稍后再试', details: [] } }, 503, { 'retry-after': '5' });
    }
    process.stderr.write(`${describeInternalError(err)}\n`);
    return c.json({ error: { code: 'internal_error', message: 'Internal error / 服务器内部错误', details: [] } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'route_not_found', message: `No route ${c.req.method} ${c.req.path} / 接口不存在`, details: [] } }, 404));

  app.get('/health', async (c) => {
    const ok = await services.database.ping();
    return c.json({ status: ok ? 'ok' : 'degraded', database: { engine: services.database.engine, reachable: ok } }, ok ? 200 : 503);
  });

  app.get('/ready', ops.ready);
  // Counts and timings only, no ids or personal data; keep the port off the public internet all the same.
  app.get('/metrics', ops.metricsRoute);

  for (const m of modules.list) if (m.routes) app.route('/', m.routes(services, { secureCookies: options.access?.secureCookies }));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Aftercare API · 售后服务系统接口', version: '0.1.0', description: 'After-sales service management: customers, units, work orders, promises. 客户、设备、工单、服务承诺。' },
  });
  app.get('/docs', (c) => c.html(docsPage));
  app.get('/docs/init.js', (c) => c.body("window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', validatorUrl: null, docExpansion: 'none' });", 200, { 'content-type': 'text/javascript' }));
  app.get('/docs/assets/:file{swagger-ui(-bundle)?\\.(js|css)}', async (c) => {
    const file = c.req.param('file');
    const body = await readFile(join(swaggerDir, file));
    return c.body(body, 200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript', 'cache-control': 'public, max-age=86400' });
  });
  return app;
}

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { alertsQuery, alertView, causeOriginRequest, causeOriginsView, causeOriginView, dashboardQuery, dashboardView, exportQuery, originsQuery, originsView, ordersQuery, ordersView, ratesQuery, ratesView, statisticsQuery, statisticsView } from './quality.contract.js';
import type { QualityService } from './quality.service.js';

const tags = ['Quality 质量分析'];

export function qualityRoutes(service: QualityService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/quality/dashboard', tags, summary: "The quality engineer's first view: Pareto of causes, monthly fault rates per model over twelve months, latest alerts (from the rollup)", request: { query: dashboardQuery }, responses: { 200: jsonResponse(dashboardView, 'Dashboard'), ...errorResponses } }),
    async (c) => c.json(await service.dashboard(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quality/statistics', tags, summary: 'Faults of repair orders opened in [from, to) by a dimension, Pareto-ordered, per 1,000 units in the field where units carry the key', request: { query: statisticsQuery }, responses: { 200: jsonResponse(statisticsView, 'Statistics'), ...errorResponses } }),
    async (c) => c.json(await service.statistics(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quality/rates', tags, summary: 'Early failure (90 days), first-time fix and repeat repair (30 days) over [from, to)', request: { query: ratesQuery }, responses: { 200: jsonResponse(ratesView, 'Rates'), ...errorResponses } }),
    async (c) => c.json(await service.rates(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quality/origins', tags, summary: 'Installation- vs product-caused faults per category, installer or provider', request: { query: originsQuery }, responses: { 200: jsonResponse(originsView, 'Origins'), ...errorResponses } }),
    async (c) => c.json(await service.origins(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quality/orders', tags, summary: 'The repair orders behind a figure, with their photos', request: { query: ordersQuery }, responses: { 200: jsonResponse(ordersView, 'Orders'), ...errorResponses } }),
    async (c) => c.json(await service.orders(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quality/export.csv', tags, summary: 'The period’s faults as CSV for R&D (audited)', request: { query: exportQuery }, responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const q = c.req.valid('query');
      const body = await service.exportCsv(c.get('caller'), q);
      return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="faults-${q.from}-${q.to}.csv"` }) as never;
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quality/alerts', tags, summary: 'Trend alerts, newest month first', request: { query: alertsQuery }, responses: { 200: jsonResponse(pageOf(alertView), 'Alerts'), ...errorResponses } }),
    async (c) => c.json(await service.alerts(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/quality/alerts/{id}/acknowledge', tags, summary: 'Acknowledge an alert', request: { params: idParam }, responses: { 200: jsonResponse(alertView, 'Acknowledged'), ...errorResponses } }),
    async (c) => c.json(await service.acknowledge(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quality/cause-origins', tags, summary: 'Which cause codes are installation-, product- or otherwise caused', responses: { 200: jsonResponse(causeOriginsView, 'Origins'), ...errorResponses } }),
    async (c) => c.json(await service.causeOrigins(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/quality/cause-origins', tags, summary: 'Say whose a cause code is (installation, product, other)', request: { ...jsonBody(causeOriginRequest) }, responses: { 200: jsonResponse(causeOriginView, 'Set'), ...errorResponses } }),
    async (c) => c.json(await service.setCauseOrigin(c.get('caller'), c.req.valid('json')), 200),
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import {
  breakdownQuery,
  breakdownView,
  certificationQuery,
  certificationView,
  commentsQuery,
  commentsView,
  deliveryRunRequest,
  deliveryRunView,
  deliverySettingsRequest,
  deliveryView,
  drillQuery,
  drillView,
  exportQuery,
  measureUpdate,
  measuresView,
  measureView,
  recipientRequest,
  recipientView,
  scorecardQuery,
  scorecardView,
} from './scorecard.contract.js';
import type { ScorecardService } from './scorecard.service.js';

const tags = ['Scorecard 平衡计分卡'];
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });
const codeQuery = z.object({ code: z.string().min(1).max(60) });
const historyView = z.object({ items: z.array(z.object({ seq: z.number().int(), code: z.string(), at: z.string(), actor: z.string(), action: z.string(), changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) })) }).openapi('ScorecardMeasureHistory');

export function scorecardRoutes(service: ScorecardService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard', tags, summary: "A month's balanced scorecard (company, region, provider or technician): every measure, its traffic light and trend; a provider admin sees its provider against the network median, a technician only their own", request: { query: scorecardQuery }, responses: { 200: jsonResponse(scorecardView, 'Scorecard'), ...errorResponses } }),
    async (c) => c.json(await service.scorecard(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard/breakdown', tags, summary: 'One measure for every region, provider or technician in the month, with the median', request: { query: breakdownQuery }, responses: { 200: jsonResponse(breakdownView, 'Breakdown'), ...errorResponses } }),
    async (c) => c.json(await service.breakdown(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard/drill', tags, summary: 'The orders (or people) behind a figure', request: { query: drillQuery }, responses: { 200: jsonResponse(drillView, 'Facts'), ...errorResponses } }),
    async (c) => c.json(await service.drill(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard/certification', tags, summary: "Certification coverage per product category: of the active technicians whose provider serves a category that needs a certification, how many hold it (the caller's scope: a technician their own)", request: { query: certificationQuery }, responses: { 200: jsonResponse(certificationView, 'Coverage by category'), ...errorResponses } }),
    async (c) => c.json(await service.certificationByCategory(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard/comments', tags, summary: "What customers said of a technician's work in the month (follow-up and survey comments on their own orders; no customer's name, phone or address): a technician sees their own only", request: { query: commentsQuery }, responses: { 200: jsonResponse(commentsView, 'Customer comments'), ...errorResponses } }),
    async (c) => c.json(await service.comments(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard/measures', tags, summary: 'The measures: definitions, sources, targets, thresholds, owners', responses: { 200: jsonResponse(measuresView, 'Measures'), ...errorResponses } }),
    async (c) => c.json(await service.measures(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/scorecard/measures', tags, summary: "Change a measure's names, definition, direction, target, thresholds, owner or whether it is shown", request: jsonBody(measureUpdate), responses: { 200: jsonResponse(measureView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updateMeasure(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard/measures/history', tags, summary: "A measure's changes", request: { query: codeQuery }, responses: { 200: jsonResponse(historyView, 'History'), ...errorResponses } }),
    async (c) => c.json(await service.measureHistory(c.get('caller'), c.req.valid('query').code), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/scorecard/delivery', tags, summary: 'The monthly e-mail: chosen roles and their mailboxes', responses: { 200: jsonResponse(deliveryView, 'Delivery'), ...errorResponses } }),
    async (c) => c.json(await service.delivery(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/scorecard/delivery', tags, summary: 'Choose the roles whose mailboxes get the monthly e-mail', request: jsonBody(deliverySettingsRequest), responses: { 200: jsonResponse(deliveryView, 'Delivery'), ...errorResponses } }),
    async (c) => c.json(await service.setDelivery(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/scorecard/delivery/recipients', tags, summary: 'Add a mailbox for a role (a provider admin mailbox names its provider)', request: jsonBody(recipientRequest), responses: { 201: jsonResponse(recipientView, 'Added'), ...errorResponses } }),
    async (c) => c.json(await service.addRecipient(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/scorecard/delivery/recipients/{id}/remove', tags, summary: 'Remove a mailbox', request: { params: idParam }, responses: { 200: jsonResponse(recipientView, 'Removed'), ...errorResponses } }),
    async (c) => c.json(await service.removeRecipient(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/scorecard/delivery/run', tags, summary: "Send a month's scorecard now to every chosen mailbox that has not had it (the monthly job does the same)", request: jsonBody(deliveryRunRequest), responses: { 200: jsonResponse(deliveryRunView, 'Sent'), ...errorResponses } }),
    async (c) => c.json(await service.runDelivery(c.get('caller'), c.req.valid('json').month), 200),
  );
  for (const format of ['csv', 'xlsx', 'html'] as const) {
    r.openapi(
      createRoute({ method: 'get', path: `/scorecard/export.${format}`, tags, summary: `The scorecard as ${format === 'html' ? 'a printable page' : format.toUpperCase()} (zh/en)`, request: { query: exportQuery }, responses: { 200: file(format === 'csv' ? 'text/csv' : format === 'html' ? 'text/html' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'File'), ...errorResponses } }),
      async (c) => {
        const q = c.req.valid('query');
        const out = await service.exportScorecard(c.get('caller'), q, format);
        const headers: Record<string, string> = { 'content-type': out.type };
        if (format !== 'html') headers['content-disposition'] = `attachment; filename="scorecard-${q.month ?? 'current'}.${format}"`;
        return c.body(out.body as never, 200, headers) as never;
      },
    );
  }
  return r;
}

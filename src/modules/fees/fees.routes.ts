import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { exportResponse, type ExportColumn } from '../../http/export.js';
import { priceExportColumns, type PriceExportRow } from './fees.imported.js';
import {
  addLineRequest,
  changePayerRequest,
  createListRequest,
  createVersionRequest,
  listView,
  orderFeesView,
  previewQuery,
  previewView,
  publishRequest,
  removeLineRequest,
  repriceRequest,
  scheduleQuery,
  scheduleView,
  updateVersionRequest,
  versionView,
} from './fees.contract.js';
import type { FeesService } from './fees.service.js';

const tags = ['Fees 收费'];
const lineParams = z.object({
  id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }),
  lineId: z.string().uuid().openapi({ param: { name: 'lineId', in: 'path' } }),
});
const listHistoryView = z.object({ items: z.array(z.object({ versionId: z.string().nullable(), at: z.string(), actor: z.string(), action: z.string(), changes: z.record(z.string(), z.unknown()) })) });

const priceColumns: ExportColumn<PriceExportRow>[] = priceExportColumns.map((key) => ({ key, header: key, value: (row) => row[key] }));

export function feesRoutes(service: FeesService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/price-lists', tags, summary: 'The national price list and the providers’ contract lists, with their versions', responses: { 200: jsonResponse(z.object({ items: z.array(listView) }), 'Lists'), ...errorResponses } }),
    async (c) => c.json({ items: await service.lists(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/price-lists', tags, summary: 'Start the national list or a provider’s contract list (its prices go in versions)', request: jsonBody(createListRequest), responses: { 201: jsonResponse(listView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createList(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/price-lists/{id}', tags, summary: 'One list with its versions', request: { params: idParam }, responses: { 200: jsonResponse(listView, 'List'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/price-lists/{id}/history', tags, summary: 'Every change of the list and its versions', request: { params: idParam }, responses: { 200: jsonResponse(listHistoryView, 'History'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listHistory(c.get('caller'), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/price-lists/{id}/versions', tags, summary: 'A new draft version (a copy of the latest when no content is given)', request: { params: idParam, ...jsonBody(createVersionRequest) }, responses: { 201: jsonResponse(versionView, 'Draft'), ...errorResponses } }),
    async (c) => c.json(await service.createVersion(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/price-list-versions/{id}/export', tags, summary: "A version's items as CSV or XLSX, one row per item in the price import's format (audited)", request: { params: idParam, query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }) }, responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const rows = await service.exportVersion(c.get('caller'), c.req.valid('param').id);
      return exportResponse(c.req.valid('query').format, 'prices', priceColumns, (async function* () { yield* rows; })()) as never;
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/price-list-versions/{id}', tags, summary: 'One version', request: { params: idParam }, responses: { 200: jsonResponse(versionView, 'Version'), ...errorResponses } }),
    async (c) => c.json(await service.version(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/price-list-versions/{id}', tags, summary: 'Change a draft (with the version you read); a published version never changes', request: { params: idParam, ...jsonBody(updateVersionRequest) }, responses: { 200: jsonResponse(versionView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updateDraft(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/price-list-versions/{id}/publish', tags, summary: 'Publish a draft: from its effective date it prices work done', request: { params: idParam, ...jsonBody(publishRequest) }, responses: { 200: jsonResponse(versionView, 'Published'), ...errorResponses } }),
    async (c) => c.json(await service.publish(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/price-list-versions/{id}/preview', tags, summary: 'What an order would cost under this version (a draft too); nothing is written', request: { params: idParam, query: previewQuery }, responses: { 200: jsonResponse(previewView, 'Preview'), ...errorResponses } }),
    async (c) => c.json(await service.preview(c.get('caller'), c.req.valid('param').id, c.req.valid('query').orderId), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/fee-schedule', tags, summary: 'Price transparency: the national list in force today for a product category and region, as a customer sees it', request: { query: scheduleQuery }, responses: { 200: jsonResponse(scheduleView, 'Prices'), ...errorResponses } }),
    async (c) => c.json(await service.schedule(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/fees', tags, summary: "The order's fee lines, who pays each and why, totals per payer, and their history", request: { params: idParam }, responses: { 200: jsonResponse(orderFeesView, 'Fees'), ...errorResponses } }),
    async (c) => c.json(await service.forOrder(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fees/reprice', tags, summary: 'Price the order again from the list in force on the day the work was done (and the rest of its visit)', request: { params: idParam, ...jsonBody(repriceRequest) }, responses: { 200: jsonResponse(orderFeesView, 'Fees'), ...errorResponses } }),
    async (c) => c.json(await service.reprice(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fees/lines', tags, summary: 'Add an extra from the price list (e.g. 3 m of pipe) or a part at its price', request: { params: idParam, ...jsonBody(addLineRequest) }, responses: { 201: jsonResponse(orderFeesView, 'Fees'), ...errorResponses } }),
    async (c) => c.json(await service.addLine(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fees/lines/{lineId}/payer', tags, summary: 'Charge a line to another party (appraisal, complaint), with a reason', request: { params: lineParams, ...jsonBody(changePayerRequest) }, responses: { 200: jsonResponse(orderFeesView, 'Fees'), ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await service.changePayer(c.get('caller'), p.id, p.lineId, c.req.valid('json')), 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fees/lines/{lineId}/remove', tags, summary: 'Take off a line staff added, with a reason (kept in history)', request: { params: lineParams, ...jsonBody(removeLineRequest) }, responses: { 200: jsonResponse(orderFeesView, 'Fees'), ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await service.removeLine(c.get('caller'), p.id, p.lineId, c.req.valid('json')), 200);
    },
  );
  return r;
}

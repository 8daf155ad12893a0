import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  approveRequest,
  consumeRequest,
  consumptionView,
  countCreateRequest,
  countDecideRequest,
  countDetailView,
  countsQuery,
  countSubmitRequest,
  createRequestRequest,
  locationRequest,
  locationsQuery,
  locationView,
  movementsQuery,
  movementView,
  orderPartsView,
  partRequest,
  partsQuery,
  partsExportQuery,
  partExportColumns,
  partUpdateRequest,
  partView,
  receiveRequest,
  rejectRequest,
  requestDetailView,
  requestsQuery,
  requestView,
  shipRequest,
  stepRequest,
  stockQuery,
  stockView,
  transferRequest,
} from './parts.contract.js';
import type { ExportedPart, PartsService } from './parts.service.js';
import { exportResponse, type ExportColumn } from '../../http/export.js';

const tags = ['Parts and stock 配件与库存'];
const exportColumns: ExportColumn<ExportedPart>[] = partExportColumns.map((key) => ({ key, header: key, value: (p: ExportedPart) => (key === 'modelCodes' ? p.modelCodes.join(';') : p[key]) }));

export function partsRoutes(s: PartsService) {
  const r = createRouter();
  r.openapi(createRoute({ method: 'post', path: '/parts', tags, summary: 'Add a part to the catalogue, with the models that use it', request: jsonBody(partRequest), responses: { 201: jsonResponse(partView, 'Part'), ...errorResponses } }), async (c) =>
    c.json(await s.createPart(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(createRoute({ method: 'get', path: '/parts', tags, summary: 'The parts catalogue', request: { query: partsQuery }, responses: { 200: jsonResponse(pageOf(partView), 'Parts'), ...errorResponses } }), async (c) =>
    c.json(await s.listParts(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/parts/export', tags, summary: 'The catalogue with its filters as CSV or XLSX, streamed (models by code; audited)', request: { query: partsExportQuery }, responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      return exportResponse(format, 'parts', exportColumns, await s.exportParts(c.get('caller'), filters)) as never;
    },
  );
  r.openapi(createRoute({ method: 'get', path: '/parts/{id}', tags, summary: 'One part', request: { params: idParam }, responses: { 200: jsonResponse(partView, 'Part'), ...errorResponses } }), async (c) =>
    c.json(await s.getPart(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(createRoute({ method: 'put', path: '/parts/{id}', tags, summary: 'Change a part (at the version read)', request: { params: idParam, ...jsonBody(partUpdateRequest) }, responses: { 200: jsonResponse(partView, 'Part'), ...errorResponses } }), async (c) =>
    c.json(await s.updatePart(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/stock/locations', tags, summary: "A stock location: a warehouse, a provider's store or a technician's van", request: jsonBody(locationRequest), responses: { 201: jsonResponse(locationView, 'Location'), ...errorResponses } }),
    async (c) => c.json(await s.createLocation(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(createRoute({ method: 'get', path: '/stock/locations', tags, summary: 'The stock locations the caller sees', request: { query: locationsQuery }, responses: { 200: jsonResponse(z.object({ items: z.array(locationView) }), 'Locations'), ...errorResponses } }), async (c) =>
    c.json(await s.listLocations(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/stock', tags, summary: 'Quantities on hand and reserved per location and part, with serials', request: { query: stockQuery }, responses: { 200: jsonResponse(stockView, 'Stock'), ...errorResponses } }), async (c) =>
    c.json(await s.stock(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/stock/movements', tags, summary: 'The ledger of a location (or an order), newest first', request: { query: movementsQuery }, responses: { 200: jsonResponse(pageOf(movementView), 'Movements'), ...errorResponses } }), async (c) =>
    c.json(await s.movements(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'post', path: '/stock/receipts', tags, summary: 'Parts received into a location from a supplier', request: jsonBody(receiveRequest), responses: { 201: jsonResponse(movementView, 'Movement'), ...errorResponses } }), async (c) =>
    c.json(await s.receive(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/stock/transfers', tags, summary: 'Move stock between two locations the caller keeps', request: jsonBody(transferRequest), responses: { 201: jsonResponse(z.object({ items: z.array(movementView) }), 'Movements'), ...errorResponses } }),
    async (c) => c.json(await s.transfer(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/part-requests', tags, summary: 'Request parts (for an order: it waits for them on hold)', request: jsonBody(createRequestRequest), responses: { 201: jsonResponse(requestDetailView, 'Request'), ...errorResponses } }),
    async (c) => c.json(await s.createRequest(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(createRoute({ method: 'get', path: '/part-requests', tags, summary: 'The requests queue: to or from a location the caller sees', request: { query: requestsQuery }, responses: { 200: jsonResponse(pageOf(requestView), 'Requests'), ...errorResponses } }), async (c) =>
    c.json(await s.listRequests(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/part-requests/{id}', tags, summary: 'One request with its history', request: { params: idParam }, responses: { 200: jsonResponse(requestDetailView, 'Request'), ...errorResponses } }), async (c) =>
    c.json(await s.getRequest(c.get('caller'), c.req.valid('param').id), 200),
  );
  const step = (path: string, summary: string, body: Parameters<typeof jsonBody>[0], run: (id: string, input: never, caller: Parameters<PartsService['approve']>[0]) => Promise<unknown>) =>
    r.openapi(createRoute({ method: 'post', path, tags, summary, request: { params: idParam, ...jsonBody(body) }, responses: { 200: jsonResponse(requestDetailView, 'Request'), ...errorResponses } }), async (c) =>
      c.json((await run(c.req.valid('param').id, c.req.valid('json') as never, c.get('caller'))) as z.infer<typeof requestDetailView>, 200),
    );
  step('/part-requests/{id}/approve', 'Approve from a source location: the quantity reserved there', approveRequest, (id, input, caller) => s.approve(caller, id, input));
  step('/part-requests/{id}/reject', 'Refuse a request, with the reason', rejectRequest, (id, input, caller) => s.reject(caller, id, input));
  step('/part-requests/{id}/ship', 'Ship an approved request (serials of a serialised part)', shipRequest, (id, input, caller) => s.ship(caller, id, input));
  step('/part-requests/{id}/receive', 'Receive a shipped request at its destination; an order waiting for it resumes', stepRequest, (id, input, caller) => s.receiveRequest(caller, id, input));
  step('/part-requests/{id}/cancel', 'Call off a request before it ships', stepRequest, (id, input, caller) => s.cancel(caller, id, input));
  r.openapi(createRoute({ method: 'get', path: '/work-orders/{id}/parts', tags, summary: "An order's parts: used and requested", request: { params: idParam }, responses: { 200: jsonResponse(orderPartsView, 'Parts'), ...errorResponses } }), async (c) =>
    c.json(await s.orderParts(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/parts-used', tags, summary: 'Record a part used on the order, once per order line (lineKey); priced through fees', request: { params: idParam, ...jsonBody(consumeRequest) }, responses: { 201: jsonResponse(consumptionView, 'Used'), ...errorResponses } }),
    async (c) => c.json(await s.consume(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(createRoute({ method: 'post', path: '/stock/counts', tags, summary: 'Open a stock count of a location (every part, or those named)', request: jsonBody(countCreateRequest), responses: { 201: jsonResponse(countDetailView, 'Count'), ...errorResponses } }), async (c) =>
    c.json(await s.createCount(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(createRoute({ method: 'get', path: '/stock/counts', tags, summary: 'Stock counts of the locations the caller sees', request: { query: countsQuery }, responses: { 200: jsonResponse(z.object({ items: z.array(countDetailView) }), 'Counts'), ...errorResponses } }), async (c) =>
    c.json(await s.listCounts(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/stock/counts/{id}', tags, summary: 'One count with its history', request: { params: idParam }, responses: { 200: jsonResponse(countDetailView, 'Count'), ...errorResponses } }), async (c) =>
    c.json(await s.getCount(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/stock/counts/{id}/submit', tags, summary: 'Submit what was counted, with the reason for differences', request: { params: idParam, ...jsonBody(countSubmitRequest) }, responses: { 200: jsonResponse(countDetailView, 'Count'), ...errorResponses } }),
    async (c) => c.json(await s.submitCount(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/stock/counts/{id}/approve', tags, summary: 'Approve a count: its differences posted as adjustments', request: { params: idParam, ...jsonBody(countDecideRequest) }, responses: { 200: jsonResponse(countDetailView, 'Count'), ...errorResponses } }),
    async (c) => c.json(await s.approveCount(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/stock/counts/{id}/reject', tags, summary: 'Reject a count: nothing posted', request: { params: idParam, ...jsonBody(countDecideRequest) }, responses: { 200: jsonResponse(countDetailView, 'Count'), ...errorResponses } }),
    async (c) => c.json(await s.rejectCount(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

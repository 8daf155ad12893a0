import { createRoute, z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { claimsQuery, claimView, inspectRequest, labelRequest, missingRequest, onTimeQuery, onTimeView, packingListQuery, packRequest, receiveRequest, returnsQuery, returnView, shipmentDetailView, shipmentsQuery, shipmentView, shipRequest } from './parts.returns.contract.js';
import type { ReturnsService } from './parts.returns.service.js';

const tags = ['Old-part returns 旧件返厂'];

/** The old-part return's routes, on the parts module's router. */
export function returnsRoutes(r: ReturnType<typeof createRouter>, s: ReturnsService) {
  r.openapi(createRoute({ method: 'get', path: '/old-parts/returns', tags, summary: 'Old parts owed back: to pack, packed, shipped, inspected or missing', request: { query: returnsQuery }, responses: { 200: jsonResponse(pageOf(returnView), 'Returns'), ...errorResponses } }), async (c) =>
    c.json(await s.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'post', path: '/old-parts/shipments', tags, summary: "Pack returns into a box for a warehouse (one provider's)", request: jsonBody(packRequest), responses: { 201: jsonResponse(shipmentDetailView, 'Shipment'), ...errorResponses } }), async (c) =>
    c.json(await s.pack(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(createRoute({ method: 'get', path: '/old-parts/shipments', tags, summary: 'Boxes of old parts', request: { query: shipmentsQuery }, responses: { 200: jsonResponse(pageOf(shipmentView), 'Shipments'), ...errorResponses } }), async (c) =>
    c.json(await s.listShipments(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/old-parts/shipments/{id}', tags, summary: 'One box with its lines and history', request: { params: idParam }, responses: { 200: jsonResponse(shipmentDetailView, 'Shipment'), ...errorResponses } }), async (c) =>
    c.json(await s.getShipment(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/old-parts/shipments/{id}/packing-list', tags, summary: 'The packing list, printable (zh/en)', request: { params: idParam, query: packingListQuery }, responses: { 200: { description: 'Packing list', content: { 'text/html': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => c.html(await s.packingList(c.get('caller'), c.req.valid('param').id, c.req.valid('query').lang)) as never,
  );
  r.openapi(createRoute({ method: 'post', path: '/old-parts/shipments/{id}/ship', tags, summary: 'Ship the box: its returns handed over now', request: { params: idParam, ...jsonBody(shipRequest) }, responses: { 200: jsonResponse(shipmentDetailView, 'Shipment'), ...errorResponses } }), async (c) =>
    c.json(await s.ship(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(createRoute({ method: 'post', path: '/old-parts/shipments/{id}/receive', tags, summary: 'The warehouse receives the box', request: { params: idParam, ...jsonBody(receiveRequest) }, responses: { 200: jsonResponse(shipmentDetailView, 'Shipment'), ...errorResponses } }), async (c) =>
    c.json(await s.receive(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/old-parts/returns/{id}/inspect', tags, summary: "Inspect one line of a received box: count, type, serial, state and the part's fate", request: { params: idParam, ...jsonBody(inspectRequest) }, responses: { 200: jsonResponse(returnView, 'Return'), ...errorResponses } }),
    async (c) => c.json(await s.inspect(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/old-parts/returns/{id}/label', tags, summary: 'The technician marks the old part bagged and labelled with its tag (旧件挂签), before it is packed', request: { params: idParam, ...jsonBody(labelRequest) }, responses: { 200: jsonResponse(returnView, 'Return'), ...errorResponses } }),
    async (c) => c.json(await s.label(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(createRoute({ method: 'post', path: '/old-parts/returns/{id}/missing', tags, summary: 'A line the received box did not hold', request: { params: idParam, ...jsonBody(missingRequest) }, responses: { 200: jsonResponse(returnView, 'Return'), ...errorResponses } }), async (c) =>
    c.json(await s.markMissing(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/old-parts/claims', tags, summary: 'Supplier recovery claim lines for parts confirmed faulty', request: { query: claimsQuery }, responses: { 200: jsonResponse(pageOf(claimView), 'Claims'), ...errorResponses } }), async (c) =>
    c.json(await s.claims(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(createRoute({ method: 'get', path: '/old-parts/on-time', tags, summary: 'On-time return rate per provider, for returns due in [from, to)', request: { query: onTimeQuery }, responses: { 200: jsonResponse(onTimeView, 'On-time rate'), ...errorResponses } }), async (c) =>
    c.json(await s.onTime(c.get('caller'), c.req.valid('query')), 200),
  );
  return r;
}

import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { cancelRequest, contractList, contractView, renewRequest, sellRequest } from './contracts.contract.js';
import type { ContractsService } from './contracts.service.js';

const tags = ['Service contracts 服务合同'];

export function contractsRoutes(service: ContractsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/units/{id}/contracts', tags, summary: 'Sell an extended warranty or a maintenance contract for the unit (its visits planned at once)', request: { params: idParam, ...jsonBody(sellRequest) }, responses: { 201: jsonResponse(contractView, 'Sold'), ...errorResponses } }),
    async (c) => c.json(await service.sell(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/units/{id}/contracts', tags, summary: 'The unit\u2019s contracts with their visits and history (the customer: their own, without the history)', request: { params: idParam }, responses: { 200: jsonResponse(contractList, 'Contracts'), ...errorResponses } }),
    async (c) => c.json(await service.listForUnit(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/contracts/{id}/cancel', tags, summary: 'Cancel: the pro-rata refund rule says what is owed back; planned visits are dropped', request: { params: idParam, ...jsonBody(cancelRequest) }, responses: { 200: jsonResponse(contractView, 'Cancelled'), ...errorResponses } }),
    async (c) => c.json(await service.cancel(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/contracts/{id}/renew', tags, summary: 'The customer renews their contract in the portal (same cover and term at its price, from the day after it ends; paid later)', request: { params: idParam, ...jsonBody(renewRequest) }, responses: { 201: jsonResponse(contractView, 'Renewed'), ...errorResponses } }),
    async (c) => c.json(await service.renew(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  return r;
}

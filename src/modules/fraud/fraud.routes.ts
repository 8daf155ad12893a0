import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { codeParam, decisionRequest, queueQuery, ratesQuery, ratesView, ruleUpdate, rulesView, scoreDetailView, scoreView, settingsUpdate } from './fraud.contract.js';
import type { FraudService } from './fraud.service.js';

const tags = ['Fraud signals 风险信号'];

export function fraudRoutes(service: FraudService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/fraud/queue', tags, summary: 'Scored orders by review status (held by default), highest score first, each with its explanation', request: { query: queueQuery }, responses: { 200: jsonResponse(pageOf(scoreView), 'Scores'), ...errorResponses } }),
    async (c) => c.json(await service.queue(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/fraud/rates', tags, summary: 'Per provider and rule: the share of its orders scored in [from, to) that the rule flagged, against the peer median', request: { query: ratesQuery }, responses: { 200: jsonResponse(ratesView, 'Rates'), ...errorResponses } }),
    async (c) => c.json(await service.rates(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/fraud/rules', tags, summary: 'The scoring rules (enabled, weight, parameters) and the hold score', responses: { 200: jsonResponse(rulesView, 'Rules'), ...errorResponses } }),
    async (c) => c.json(await service.rules(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/fraud/rules/{code}', tags, summary: 'Change a rule (audited)', request: { params: codeParam, ...jsonBody(ruleUpdate) }, responses: { 200: jsonResponse(rulesView, 'Rules'), ...errorResponses } }),
    async (c) => c.json(await service.updateRule(c.get('caller'), c.req.valid('param').code, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/fraud/settings', tags, summary: 'Change the score at which an order is held (audited)', request: jsonBody(settingsUpdate), responses: { 200: jsonResponse(rulesView, 'Rules'), ...errorResponses } }),
    async (c) => c.json(await service.updateSettings(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/fraud', tags, summary: "The order's fraud score, its explanation and every re-score and decision", request: { params: idParam }, responses: { 200: jsonResponse(scoreDetailView, 'Score'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fraud/rescore', tags, summary: 'Score the order again now', request: { params: idParam }, responses: { 200: jsonResponse(scoreDetailView, 'Score'), ...errorResponses } }),
    async (c) => c.json(await service.rescore(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fraud/release', tags, summary: 'Release a held order (it goes on to settlement)', request: { params: idParam, ...jsonBody(decisionRequest) }, responses: { 200: jsonResponse(scoreDetailView, 'Released'), ...errorResponses } }),
    async (c) => c.json(await service.release(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fraud/confirm', tags, summary: 'Confirm a held order as fraud, with the reason; the provider is told and settlement penalises it', request: { params: idParam, ...jsonBody(decisionRequest) }, responses: { 200: jsonResponse(scoreDetailView, 'Confirmed'), ...errorResponses } }),
    async (c) => c.json(await service.confirm(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { deliveriesQuery, deliveryParams, deliveryView, endpointCreate, endpointUpdate, endpointView, endpointWithSecret, payloadSchemas, versionBody } from './webhooks.contract.js';
import { eventNames } from './webhooks.rules.js';
import type { WebhooksService } from './webhooks.service.js';

const tags = ['Webhooks'];

export function webhooksRoutes(service: WebhooksService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/webhooks', tags, summary: 'Subscribe an endpoint to event types; the answer shows its signing secret once', request: jsonBody(endpointCreate), responses: { 201: jsonResponse(endpointWithSecret, 'Endpoint'), ...errorResponses } }),
    async (c) => c.json(await service.create(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/webhooks', tags, summary: 'Every endpoint, and the event types one may subscribe to', responses: { 200: jsonResponse(z.object({ items: z.array(endpointView), eventTypes: z.array(z.object({ type: z.string(), zh: z.string(), en: z.string() })) }), 'Endpoints'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/webhooks/{id}', tags, summary: 'One endpoint', request: { params: idParam }, responses: { 200: jsonResponse(endpointView, 'Endpoint'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/webhooks/{id}', tags, summary: 'Change an endpoint; enable it again after it was disabled', request: { params: idParam, ...jsonBody(endpointUpdate) }, responses: { 200: jsonResponse(endpointView, 'Endpoint'), ...errorResponses } }),
    async (c) => c.json(await service.update(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/webhooks/{id}/rotate-secret', tags, summary: 'A new signing secret; the old one still signs beside it for a day', request: { params: idParam, ...jsonBody(versionBody) }, responses: { 200: jsonResponse(endpointWithSecret, 'Endpoint'), ...errorResponses } }),
    async (c) => c.json(await service.rotateSecret(c.get('caller'), c.req.valid('param').id, c.req.valid('json').version), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/webhooks/{id}/deliveries', tags, summary: "The endpoint's deliveries, newest first, each with its attempts", request: { params: idParam, query: deliveriesQuery }, responses: { 200: jsonResponse(pageOf(deliveryView), 'Deliveries'), ...errorResponses } }),
    async (c) => c.json(await service.deliveries(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/webhooks/{id}/deliveries/{deliveryId}/replay', tags, summary: 'Send a finished delivery again (same webhook-id)', request: { params: deliveryParams }, responses: { 200: jsonResponse(z.object({ replayed: z.boolean() }), 'Replayed'), ...errorResponses } }),
    async (c) => c.json(await service.replay(c.get('caller'), c.req.valid('param').id, c.req.valid('param').deliveryId), 200),
  );
  // What each event's POST carries, in the OpenAPI document's `webhooks` (signed per Standard Webhooks).
  for (const [type, schema] of Object.entries(payloadSchemas)) {
    r.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      tags,
      summary: `${eventNames[type as keyof typeof eventNames].en} / ${eventNames[type as keyof typeof eventNames].zh}`,
      description: 'Headers: webhook-id (the same on every retry), webhook-timestamp (seconds), webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body with the whsec_ secret>).',
      request: { body: { content: { 'application/json': { schema } } } },
      responses: { 200: { description: 'Any 2xx: delivered; anything else is retried over about a day' } },
    });
  }
  return r;
}

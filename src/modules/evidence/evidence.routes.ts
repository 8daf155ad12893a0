import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import type { WorkOrdersService } from '../work-orders/index.js';
import { orderEvidenceView, ruleInput, ruleUpdate, ruleView } from './evidence.contract.js';
import type { EvidenceService } from './evidence.service.js';

const tags = ['Evidence 完工凭证'];

export function evidenceRoutes(service: EvidenceService, workOrders: WorkOrdersService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/evidence-rules', tags, summary: 'What a completion must show, per product category and order kind', responses: { 200: jsonResponse(z.object({ items: z.array(ruleView) }), 'Rules'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listRules(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/evidence-rules', tags, summary: 'Add a rule for a category (or every category) and an order kind', request: jsonBody(ruleInput), responses: { 201: jsonResponse(ruleView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createRule(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/evidence-rules/{id}', tags, summary: 'Change a rule (with the version you read)', request: { params: idParam, ...jsonBody(ruleUpdate) }, responses: { 200: jsonResponse(ruleView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updateRule(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/evidence-rules/{id}',
      tags,
      summary: 'Remove a rule (with the version you read)',
      request: { params: idParam, query: z.object({ version: z.coerce.number().int().positive().max(2_147_483_646) }) },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      await service.deleteRule(c.get('caller'), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204) as never;
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/work-orders/{id}/evidence',
      tags,
      summary: "The order's evidence rule, what completion still misses, and its flags (check-in far or outside the window, reused photos)",
      request: { params: idParam },
      responses: { 200: jsonResponse(orderEvidenceView, 'Evidence'), ...errorResponses },
    }),
    async (c) => {
      const caller = c.get('caller');
      return c.json(await service.forOrder(caller, await workOrders.get(caller, c.req.valid('param').id)), 200);
    },
  );
  return r;
}

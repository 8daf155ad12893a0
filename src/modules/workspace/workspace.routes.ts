import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { queueView, recentCustomerView, recentRequest, templatePatch, templateQuery, templateRequest, templateView } from './workspace.contract.js';
import type { WorkspaceService } from './workspace.service.js';

const tags = ['Workspace 工作台'];

export function workspaceRoutes(service: WorkspaceService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/workspace/queue', tags, summary: 'My queue: orders I took in that still need the desk (with why), the follow-up desk\u2019s open calls, complaints I filed that are not closed', responses: { 200: jsonResponse(queueView, 'Queue'), ...errorResponses } }),
    async (c) => c.json(await service.queue(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/workspace/recent-customers', tags, summary: 'The customers I opened lately, newest first', responses: { 200: jsonResponse(z.object({ items: z.array(recentCustomerView) }), 'Recent customers'), ...errorResponses } }),
    async (c) => c.json({ items: await service.recentCustomers(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/workspace/recent-customers', tags, summary: 'Remember that I opened this customer (moves them to the top of my recent list)', request: jsonBody(recentRequest), responses: { 200: jsonResponse(z.object({ items: z.array(recentCustomerView) }), 'Recent customers'), ...errorResponses } }),
    async (c) => c.json({ items: await service.openedCustomer(c.get('caller'), c.req.valid('json').customerId) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/symptom-templates', tags, summary: 'Symptom templates, per product category (active ones; managers may ask for archived ones too)', request: { query: templateQuery }, responses: { 200: jsonResponse(z.object({ items: z.array(templateView) }), 'Templates'), ...errorResponses } }),
    async (c) => c.json(await service.listTemplates(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/symptom-templates', tags, summary: 'Add a symptom template to a category (catalog.write)', request: jsonBody(templateRequest), responses: { 201: jsonResponse(templateView, 'Added'), ...errorResponses } }),
    async (c) => c.json(await service.createTemplate(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/symptom-templates/{id}', tags, summary: 'Edit a template at its version, or archive it (`active: false`)', request: { params: idParam, ...jsonBody(templatePatch) }, responses: { 200: jsonResponse(templateView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updateTemplate(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

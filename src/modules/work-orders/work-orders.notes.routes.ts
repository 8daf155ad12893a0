import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { orderNoteRequest, orderNoteView } from './work-orders.notes.contract.js';
import type { OrderNotes } from './work-orders.notes.js';

const tags = ['Work orders 工单'];

/** Adds the internal-notes routes to the work orders' router. */
export function withNoteRoutes(r: OpenAPIHono<AppEnv>, notes: OrderNotes): OpenAPIHono<AppEnv> {
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/notes', tags, summary: 'The order\u2019s internal notes, oldest first (staff only; never shown to the customer)', request: { params: idParam }, responses: { 200: jsonResponse(z.object({ items: z.array(orderNoteView) }), 'Notes'), ...errorResponses } }),
    async (c) => c.json({ items: await notes.list(c.get('caller'), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/notes', tags, summary: 'Add an internal note to the order (a history row records it; the customer never sees it)', request: { params: idParam, ...jsonBody(orderNoteRequest) }, responses: { 201: jsonResponse(orderNoteView, 'Added'), ...errorResponses } }),
    async (c) => c.json(await notes.add(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  return r;
}

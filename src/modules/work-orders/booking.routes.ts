import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonResponse } from '../../http/schemas.js';
import { bookingWindowsQuery, bookingWindowsView } from './booking.contract.js';
import type { WorkOrdersService } from './work-orders.service.js';

export function bookingRoutes(service: WorkOrdersService) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/work-orders/{id}/booking-windows',
      tags: ['Work orders 工单'],
      summary: "Windows the order's technician can keep (shift, absences, other visits and the travel between), each with why not; the customer sees only those they may choose",
      request: { params: idParam, query: bookingWindowsQuery },
      responses: { 200: jsonResponse(bookingWindowsView, 'Windows'), ...errorResponses },
    }),
    async (c) => c.json(await service.bookingWindows(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  return r;
}

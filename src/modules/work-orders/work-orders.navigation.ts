// The navigation link to an order's address, for the technician on the way (the maps app is a
// setting, AFTERCARE_NAV_APP). Read through the order's own read, so whoever may not see the order
// gets 404; a technician only while the order is open (after that its street is not theirs to see).
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonResponse } from '../../http/schemas.js';
import { orderScope, type Caller } from '../../kernel/scopes.js';
import { notFound } from '../../shared/errors.js';
import { navigationLink, type NavApp } from './navigation.rules.js';
import { navigationView } from './work-orders.contract.js';
import { isOpen } from './work-orders.rules.js';
import type { WorkOrdersService } from './work-orders.service.js';

export function createNavigation(deps: { workOrders: WorkOrdersService; app: NavApp }) {
  return {
    async link(caller: Caller, id: string) {
      const order = await deps.workOrders.get(caller, id);
      if (orderScope(caller.principal).kind === 'technician' && !isOpen(order.status)) throw notFound('work_order', id);
      // The order's number names the place: a customer's name is not the maps company's business.
      return navigationLink(deps.app, order.address, order.number);
    },
  };
}
export type Navigation = ReturnType<typeof createNavigation>;

export function navigationRoutes(navigation: Navigation) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/work-orders/{id}/navigation',
      tags: ['Work orders 工单'],
      summary: "A link that opens the maps app (AMap, Baidu or Apple Maps, by setting) with directions to the order's address, in the app's datum",
      request: { params: idParam },
      responses: { 200: jsonResponse(navigationView, 'Navigation link'), ...errorResponses },
    }),
    async (c) => c.json(await navigation.link(c.get('caller'), c.req.valid('param').id), 200),
  );
  return r;
}

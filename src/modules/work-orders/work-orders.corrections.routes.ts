import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { orderView } from './work-orders.contract.js';
import { correctionRequest } from './work-orders.corrections.contract.js';
import type { Corrections } from './work-orders.corrections.js';

/** Adds the correction route to the work orders' router. */
export function withCorrectionRoutes(r: OpenAPIHono<AppEnv>, corrections: Corrections): OpenAPIHono<AppEnv> {
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/work-orders/{id}',
      tags: ['Work orders 工单'],
      summary: "Correct an open order (更正): contact, address, wished window, symptom, unit; at the order's version, with a history row",
      description:
        "Only the fields given change. `warnings` on the answer says what the correction put at risk (outside_provider_area, provider_category, technician_not_certified, appointment_outside_wish, booked_visit_moved), in both languages. A closed or cancelled order answers 409 order_not_open.",
      request: { params: idParam, ...jsonBody(correctionRequest) },
      responses: { 200: jsonResponse(orderView, 'The order as corrected'), ...errorResponses },
    }),
    async (c) => c.json(await corrections.correct(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

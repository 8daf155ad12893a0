import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { orderView } from '../work-orders/index.js';
import { assignCandidatesView, autoDispatchRequest, boardMoveRequest, boardMoveView, boardQuery, boardView, orderSlotsQuery, orderVisitView, planRequest, planView, providerVerdictView, slotsRequest, slotsView, technicianSuggestionQuery, technicianSuggestionView, visitsQuery, visitsView } from './dispatch.contract.js';
import type { DispatchService } from './dispatch.service.js';

const tags = ['Dispatch 派单与排线'];

export function dispatchRoutes(service: DispatchService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/provider-suggestions', tags, summary: 'Providers judged for the order: eligible first, least loaded first; the others with why not', request: { params: idParam }, responses: { 200: jsonResponse(z.object({ items: z.array(providerVerdictView) }), 'Providers'), ...errorResponses } }),
    async (c) => c.json({ items: await service.suggestProviders(c.get('caller'), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/auto-dispatch', tags, summary: 'Dispatch to the best eligible provider (service area, category, certification, load)', request: { params: idParam, ...jsonBody(autoDispatchRequest) }, responses: { 200: jsonResponse(orderView, 'Dispatched'), 422: errorResponses[409], ...errorResponses } }),
    async (c) => c.json(await service.autoDispatch(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/technician-suggestions', tags, summary: "Technicians ranked for the order on a day (the optimizer's insert), and who cannot take it and why", request: { params: idParam, query: technicianSuggestionQuery }, responses: { 200: jsonResponse(technicianSuggestionView, 'Suggestions'), ...errorResponses } }),
    async (c) => c.json(await service.suggestTechnicians(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/assign-candidates', tags, summary: "Every active technician of the order's provider for assigning by hand: ranked as the suggestions rank them, each marked whether they can take it and why not", request: { params: idParam, query: technicianSuggestionQuery }, responses: { 200: jsonResponse(assignCandidatesView, 'Candidates'), ...errorResponses } }),
    async (c) => c.json(await service.assignCandidates(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/dispatch/plans', tags, summary: "Plan a provider's day (preview; nothing changes until applied)", request: jsonBody(planRequest), responses: { 201: jsonResponse(planView, 'The proposed plan'), 202: jsonResponse(planView, 'Planning in the background (background: true)'), ...errorResponses } }),
    async (c) => {
      const input = c.req.valid('json');
      const plan = await service.previewPlan(c.get('caller'), input);
      return input.background ? c.json(plan, 202) : c.json(plan, 201);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/dispatch/plans/{id}/stop', tags, summary: 'Stop the optimizer of a plan being made: it keeps its best plan so far', request: { params: idParam }, responses: { 200: jsonResponse(planView, 'Asked to stop'), ...errorResponses } }),
    async (c) => c.json(await service.stopPlan(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/dispatch/plans/{id}', tags, summary: 'A day plan', request: { params: idParam }, responses: { 200: jsonResponse(planView, 'The plan'), ...errorResponses } }),
    async (c) => c.json(await service.getPlan(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/dispatch/plans/{id}/apply', tags, summary: 'Apply a previewed plan in one step (refused if any order changed since)', request: { params: idParam }, responses: { 200: jsonResponse(planView, 'Applied'), ...errorResponses } }),
    async (c) => c.json(await service.applyPlan(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/dispatch/slots', tags, summary: "Appointment windows that can truly be offered, from the technicians' plans", request: jsonBody(slotsRequest), responses: { 200: jsonResponse(slotsView, 'Windows'), 422: errorResponses[409], ...errorResponses } }),
    async (c) => c.json(await service.slots(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/dispatch/visits', tags, summary: "A technician's visits of a day, in order (a technician: their own)", request: { query: visitsQuery }, responses: { 200: jsonResponse(visitsView, 'Visits'), ...errorResponses } }),
    async (c) => c.json(await service.visits(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/dispatch/board', tags, summary: "A provider's day as it stands: technicians, the day's orders with places and windows, each technician's visits in order", request: { query: boardQuery }, responses: { 200: jsonResponse(boardView, 'The board'), ...errorResponses } }),
    async (c) => c.json(await service.board(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/dispatch/moves', tags, summary: "A drop on the board: the order assigned and booked on a technician's row (or taken back to the unplanned orders), through the assign and book steps' own rules, in one step", request: jsonBody(boardMoveRequest), responses: { 200: jsonResponse(boardMoveView, 'Moved; `before` is where it was'), 422: errorResponses[409], ...errorResponses } }),
    async (c) => c.json(await service.moveVisit(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/slots', tags, summary: 'Windows this order can be booked into (its technician\'s day when assigned)', request: { params: idParam, query: orderSlotsQuery }, responses: { 200: jsonResponse(slotsView, 'Windows'), ...errorResponses } }),
    async (c) => c.json(await service.orderSlots(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/visit', tags, summary: "Who comes and when: the technician's name and the arrival window (the customer may ask too)", request: { params: idParam }, responses: { 200: jsonResponse(orderVisitView, 'The visit'), ...errorResponses } }),
    async (c) => c.json(await service.orderVisit(c.get('caller'), c.req.valid('param').id), 200),
  );
  return r;
}

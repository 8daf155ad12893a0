import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  alertsQuery,
  alertView,
  atRiskItem,
  atRiskQuery,
  calendarDaysQuery,
  calendarInput,
  calendarPatch,
  calendarView,
  daysImport,
  orderPromiseView,
  policyInput,
  policyPatch,
  policyView,
  reportOrderItem,
  reportOrdersQuery,
  reportQuery,
  reportRow,
} from './promises.contract.js';
import type { PromisesService } from './promises.service.js';

const tags = ['Promises 服务承诺'];

export function promisesRoutes(service: PromisesService) {
  const r = createRouter();

  r.openapi(
    createRoute({ method: 'get', path: '/calendars', tags, summary: 'Business calendars (工作日历)', responses: { 200: jsonResponse(z.object({ items: z.array(calendarView) }), 'Calendars'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listCalendars(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/calendars',
      tags,
      summary: "Add a calendar: weekly hours, holidays and make-up days; optionally China's national arrangement for some years",
      request: jsonBody(calendarInput),
      responses: { 201: jsonResponse(calendarView, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await service.createCalendar(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/calendars/{id}', tags, summary: 'One calendar with its special days (optionally from/to)', request: { params: idParam, query: calendarDaysQuery }, responses: { 200: jsonResponse(calendarView, 'Calendar'), ...errorResponses } }),
    async (c) => c.json(await service.getCalendar(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/calendars/{id}', tags, summary: 'Change a calendar (optimistic version check)', request: { params: idParam, ...jsonBody(calendarPatch) }, responses: { 200: jsonResponse(calendarView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updateCalendar(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/calendars/{id}/days',
      tags,
      summary: "Import special days: a list, CSV lines, or China's national holidays and make-up days (调休); remove dates",
      request: { params: idParam, ...jsonBody(daysImport) },
      responses: { 200: jsonResponse(calendarView.extend({ imported: z.number().int(), removed: z.number().int() }), 'Imported'), ...errorResponses },
    }),
    async (c) => c.json(await service.importDays(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({ method: 'get', path: '/promise-policies', tags, summary: 'Promise policies (服务承诺标准)', responses: { 200: jsonResponse(z.object({ items: z.array(policyView) }), 'Policies'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listPolicies(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/promise-policies',
      tags,
      summary: 'Add a policy: targets per milestone for the orders it matches (the most specific match wins)',
      request: jsonBody(policyInput),
      responses: { 201: jsonResponse(policyView, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await service.createPolicy(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/promise-policies/{id}', tags, summary: 'One policy', request: { params: idParam }, responses: { 200: jsonResponse(policyView, 'Policy'), ...errorResponses } }),
    async (c) => c.json(await service.getPolicy(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/promise-policies/{id}', tags, summary: 'Change a policy; orders taken in later get the change', request: { params: idParam, ...jsonBody(policyPatch) }, responses: { 200: jsonResponse(policyView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updatePolicy(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/work-orders/{id}/promise',
      tags,
      summary: "The order's promise: policy, calendar, each milestone's deadline and outcome, pauses, alerts and history",
      request: { params: idParam },
      responses: { 200: jsonResponse(orderPromiseView, 'Promise'), ...errorResponses },
    }),
    async (c) => c.json(await service.orderPromise(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/promises/at-risk',
      tags,
      summary: 'Orders at risk: a running promise past its warning point, soonest deadline first (overdue ones first of all)',
      request: { query: atRiskQuery },
      responses: { 200: jsonResponse(pageOf(atRiskItem), 'At risk'), ...errorResponses },
    }),
    async (c) => c.json(await service.atRisk(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/promises/alerts', tags, summary: 'Warnings and escalations delivered, newest first (filter by role)', request: { query: alertsQuery }, responses: { 200: jsonResponse(pageOf(alertView), 'Alerts'), ...errorResponses } }),
    async (c) => c.json(await service.alerts(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/promises/report',
      tags,
      summary: 'Milestones met in a period by policy, provider, technician, region or month: shares beaten/kept/broken, median and p90 margin',
      request: { query: reportQuery },
      responses: {
        200: jsonResponse(z.object({ by: z.string(), from: z.string(), to: z.string(), milestone: z.string().nullable(), rows: z.array(reportRow) }), 'Report'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await service.report(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/promises/report/orders', tags, summary: "The orders behind a report's figure (drill-down): met milestones in a period, by outcome and provider", request: { query: reportOrdersQuery }, responses: { 200: jsonResponse(pageOf(reportOrderItem), 'Orders'), ...errorResponses } }),
    async (c) => c.json(await service.reportOrders(c.get('caller'), c.req.valid('query')), 200),
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { attemptRequest, customerSurveyView, policyRequest, portalSurveyView, policyView, queueQuery, ratesQuery, ratesView, scriptRequest, scriptView, sendSurveyRequest, surveyAnswerRequest, surveySentView, taskDetailView, taskView } from './follow-ups.contract.js';
import type { FollowUpsService } from './follow-ups.service.js';

const tags = ['Follow-ups 回访'];
const tokenParam = z.object({ token: z.string().min(10).max(1000).openapi({ param: { name: 'token', in: 'path' } }) });

export function followUpsRoutes(service: FollowUpsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/follow-ups', tags, summary: 'The follow-up queue: open tasks, soonest due first', request: { query: queueQuery }, responses: { 200: jsonResponse(pageOf(taskView), 'Queue'), ...errorResponses } }),
    async (c) => c.json(await service.queue(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/follow-ups/response-rates', tags, summary: 'Response rates by channel (phone, SMS survey, portal survey) for tasks and surveys of [from, to)', request: { query: ratesQuery }, responses: { 200: jsonResponse(ratesView, 'Rates'), ...errorResponses } }),
    async (c) => c.json(await service.rates(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/follow-up-scripts', tags, summary: 'Every version of every follow-up script', responses: { 200: jsonResponse(z.object({ items: z.array(scriptView) }), 'Scripts'), ...errorResponses } }),
    async (c) => c.json(await service.scripts(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/follow-up-scripts', tags, summary: "A new version of an order kind's script", request: jsonBody(scriptRequest), responses: { 201: jsonResponse(scriptView, 'Added'), ...errorResponses } }),
    async (c) => c.json(await service.addScript(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/follow-up-policies', tags, summary: 'The follow-up policies in force, by rank', responses: { 200: jsonResponse(z.object({ items: z.array(policyView) }), 'Policies'), ...errorResponses } }),
    async (c) => c.json(await service.policies(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/follow-up-policies', tags, summary: 'A follow-up policy: which orders (kind, tier, provider), what share sampled, due in how many business hours', request: jsonBody(policyRequest), responses: { 201: jsonResponse(policyView, 'Added'), ...errorResponses } }),
    async (c) => c.json(await service.addPolicy(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/follow-ups/{id}', tags, summary: 'One follow-up task with its script, attempts and history', request: { params: idParam }, responses: { 200: jsonResponse(taskDetailView, 'Task'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/follow-ups/portal-survey/{id}', tags, summary: "The customer's open survey of their order (by the order's id), with its one-time link token for the survey page; none when no survey is open", request: { params: idParam }, responses: { 200: jsonResponse(portalSurveyView, 'Survey'), ...errorResponses } }),
    async (c) => c.json(await service.portalSurvey(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/follow-ups/by-order/{id}', tags, summary: "The order's follow-up task (by the order's id)", request: { params: idParam }, responses: { 200: jsonResponse(taskDetailView, 'Task'), ...errorResponses } }),
    async (c) => c.json(await service.ofOrder(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/follow-ups/{id}/attempts', tags, summary: 'Record a call attempt (reached / no answer / busy / wrong number / refused) and, when reached, the answers and outcome', request: { params: idParam, ...jsonBody(attemptRequest) }, responses: { 200: jsonResponse(taskDetailView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await service.attempt(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/follow-ups/{id}/survey', tags, summary: "Send the order's one survey (SMS link or portal), after the wait since the customer's last survey", request: { params: idParam, ...jsonBody(sendSurveyRequest) }, responses: { 201: jsonResponse(surveySentView, 'Sent'), ...errorResponses } }),
    async (c) => c.json(await service.sendSurvey(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/survey-links/{token}', tags, summary: 'The survey behind a signed link (no sign-in)', request: { params: tokenParam }, responses: { 200: jsonResponse(customerSurveyView, 'Survey'), ...errorResponses } }),
    async (c) => c.json(await service.linkView(c.req.valid('param').token), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/survey-links/{token}', tags, summary: 'Answer the survey through its link: once', request: { params: tokenParam, ...jsonBody(surveyAnswerRequest) }, responses: { 200: jsonResponse(customerSurveyView, 'Answered'), ...errorResponses } }),
    async (c) => c.json(await service.linkAnswer(c.req.valid('param').token, c.req.valid('json')), 200),
  );
  return r;
}

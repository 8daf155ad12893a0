import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { closeRequest, responseRequest, resultsQuery, resultsView, suggestionAnswerRequest, suggestionDetailView, suggestionRequest, suggestionsQuery, suggestionView, surveyRequest, surveysQuery, surveyView } from './staff-voice.contract.js';
import type { StaffVoiceService } from './staff-voice.service.js';

const tags = ['Staff voice 员工之声'];

export function staffVoiceRoutes(service: StaffVoiceService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/pulse-surveys', tags, summary: 'Pulse surveys, open first, with whether the caller answered each', request: { query: surveysQuery }, responses: { 200: jsonResponse(pageOf(surveyView), 'Surveys'), ...errorResponses } }),
    async (c) => c.json(await service.surveys(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/pulse-surveys', tags, summary: 'Start a pulse survey: 1–5 questions, the eNPS question, the minimum group size', request: jsonBody(surveyRequest), responses: { 201: jsonResponse(surveyView, 'Started'), ...errorResponses } }),
    async (c) => c.json(await service.createSurvey(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/pulse-surveys/{id}/close', tags, summary: 'Close a survey', request: { params: idParam, ...jsonBody(closeRequest) }, responses: { 200: jsonResponse(surveyView, 'Closed'), ...errorResponses } }),
    async (c) => c.json(await service.closeSurvey(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/pulse-surveys/{id}/responses', tags, summary: 'Answer a survey, anonymously, once', request: { params: idParam, ...jsonBody(responseRequest) }, responses: { 200: jsonResponse(surveyView, 'Answered'), ...errorResponses } }),
    async (c) => c.json(await service.answer(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/pulse-surveys/{id}/results', tags, summary: 'eNPS and pulse scores, overall and by provider or role; groups below the minimum size are not shown', request: { params: idParam, query: resultsQuery }, responses: { 200: jsonResponse(resultsView, 'Results'), ...errorResponses } }),
    async (c) => c.json(await service.results(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/suggestions', tags, summary: 'The suggestion box: every suggestion with its status and answer (no author when anonymous)', request: { query: suggestionsQuery }, responses: { 200: jsonResponse(pageOf(suggestionView), 'Suggestions'), ...errorResponses } }),
    async (c) => c.json(await service.suggestions(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/suggestions', tags, summary: 'Make a suggestion, named or anonymous', request: jsonBody(suggestionRequest), responses: { 201: jsonResponse(suggestionView, 'Made'), ...errorResponses } }),
    async (c) => {
      const made = await service.suggest(c.get('caller'), c.req.valid('json'));
      // Made: the service wrote its audit row, which for an anonymous suggestion names no person (the per-request row would). Refused: the per-request row stands.
      c.set('audited', true);
      return c.json(made, 201);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/suggestions/{id}', tags, summary: 'One suggestion with its history', request: { params: idParam }, responses: { 200: jsonResponse(suggestionDetailView, 'Suggestion'), ...errorResponses } }),
    async (c) => c.json(await service.suggestion(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/suggestions/{id}/answer', tags, summary: 'Answer a suggestion and set its status (under review, accepted, not adopted, implemented)', request: { params: idParam, ...jsonBody(suggestionAnswerRequest) }, responses: { 200: jsonResponse(suggestionDetailView, 'Answered'), ...errorResponses } }),
    async (c) => c.json(await service.answerSuggestion(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

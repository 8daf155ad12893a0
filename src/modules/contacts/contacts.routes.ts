import { createRoute } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { anySuggestionPage, anySuggestionView, answerRequest, callRequest, callView, noteRequest, noteView, suggestionRequest, suggestionsQuery, suggestionView, timelinePage, timelineQuery } from './contacts.contract.js';
import type { ContactsService } from './contacts.service.js';

const tags = ['Contacts 客户联系'];
const suggestionDetail = suggestionView.extend({ history: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string() })) });

export function contactsRoutes(service: ContactsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/contacts/timeline', tags, summary: 'The customer\u2019s contact timeline, newest first (keyset pages): calls, notes, suggestions, messages, visits, surveys, complaints, portal actions; filter by kind, date range and words', request: { query: timelineQuery }, responses: { 200: jsonResponse(timelinePage, 'Timeline'), ...errorResponses } }),
    async (c) => c.json(await service.timeline(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/contacts/calls', tags, summary: 'Log a call in or out (number, start, duration, outcome, notes), about one order when it was', request: jsonBody(callRequest), responses: { 201: jsonResponse(callView, 'Logged'), ...errorResponses } }),
    async (c) => c.json(await service.logCall(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/contacts/notes', tags, summary: 'Add a staff note on the customer (internal, never shown to them)', request: jsonBody(noteRequest), responses: { 201: jsonResponse(noteView, 'Added'), ...errorResponses } }),
    async (c) => c.json(await service.addNote(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/contacts/suggestions', tags, summary: 'Record a customer\u2019s suggestion (staff, any channel; the customer in the portal)', request: jsonBody(suggestionRequest), responses: { 201: jsonResponse(anySuggestionView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await service.recordSuggestion(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/contacts/suggestions', tags, summary: 'Suggestions, newest first (headquarters: all or one customer\u2019s; the customer: their own with the answers)', request: { query: suggestionsQuery }, responses: { 200: jsonResponse(anySuggestionPage, 'Suggestions'), ...errorResponses } }),
    async (c) => c.json(await service.listSuggestions(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/contacts/suggestions/{id}', tags, summary: 'One suggestion (staff: with its history)', request: { params: idParam }, responses: { 200: jsonResponse(z.union([suggestionDetail, anySuggestionView]), 'Suggestion'), ...errorResponses } }),
    async (c) => c.json(await service.getSuggestion(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/contacts/suggestions/{id}/answer', tags, summary: 'Answer a suggestion: adopted, noted or declined, with words the customer reads in the portal', request: { params: idParam, ...jsonBody(answerRequest) }, responses: { 200: jsonResponse(suggestionView, 'Answered'), ...errorResponses } }),
    async (c) => c.json(await service.answerSuggestion(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

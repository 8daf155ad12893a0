import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  actionRequest,
  answerRequest,
  anyComplaintListItem,
  anyComplaintView,
  compensationRequest,
  complaintDetailView,
  contactRequest,
  deescalateRequest,
  escalateRequest,
  fileRequest,
  listQuery,
  resolveRequest,
  severityRequest,
  shareRequest,
} from './complaints.contract.js';
import type { ComplaintsService } from './complaints.service.js';

const tags = ['Complaints 投诉'];

export function complaintsRoutes(service: ComplaintsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/complaints', tags, summary: 'File a complaint (the desk, any source; the customer in the portal, about one of their orders)', request: jsonBody(fileRequest), responses: { 201: jsonResponse(anyComplaintView, 'Filed'), ...errorResponses } }),
    async (c) => c.json(await service.file(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/complaints', tags, summary: 'The complaint workbench: open ones by rung (highest first) and clock, then the rest; the accused see only what was shared with them', request: { query: listQuery }, responses: { 200: jsonResponse(pageOf(anyComplaintListItem), 'Complaints'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/complaints/{id}', tags, summary: 'One complaint with its ladder, clock, log and history', request: { params: idParam }, responses: { 200: jsonResponse(anyComplaintView, 'Complaint'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/escalate', tags, summary: 'One rung up, on the customer\u2019s request or a person\u2019s judgement; a new clock', request: { params: idParam, ...jsonBody(escalateRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'Escalated'), ...errorResponses } }),
    async (c) => c.json(await service.escalate(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/deescalate', tags, summary: 'One rung down (complaints.deescalate), not below what the severity asks', request: { params: idParam, ...jsonBody(deescalateRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'De-escalated'), ...errorResponses } }),
    async (c) => c.json(await service.deescalate(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/severity', tags, summary: 'Change the severity: it may lift the complaint up the ladder or switch its clock', request: { params: idParam, ...jsonBody(severityRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.setSeverity(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/actions', tags, summary: 'Log an action; a visit action books a technician through an ordinary repair order', request: { params: idParam, ...jsonBody(actionRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'Logged'), ...errorResponses } }),
    async (c) => c.json(await service.addAction(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/contacts', tags, summary: 'Log a contact with the customer', request: { params: idParam, ...jsonBody(contactRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'Logged'), ...errorResponses } }),
    async (c) => c.json(await service.addContact(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/compensations', tags, summary: 'Record compensation: apology, credit, free service or refund (an amount in fen)', request: { params: idParam, ...jsonBody(compensationRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await service.addCompensation(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/resolve', tags, summary: 'Offer a resolution with its root cause; the customer accepts or rejects it', request: { params: idParam, ...jsonBody(resolveRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'Resolved'), ...errorResponses } }),
    async (c) => c.json(await service.resolve(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/answer', tags, summary: 'The customer\u2019s answer to the resolution: accepted closes it, rejected opens it again', request: { params: idParam, ...jsonBody(answerRequest) }, responses: { 200: jsonResponse(anyComplaintView, 'Answered'), ...errorResponses } }),
    async (c) => c.json(await service.answer(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/share', tags, summary: 'Share a text with the accused provider and technician (a manager): all they see of the complaint', request: { params: idParam, ...jsonBody(shareRequest) }, responses: { 200: jsonResponse(complaintDetailView, 'Shared'), ...errorResponses } }),
    async (c) => c.json(await service.share(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

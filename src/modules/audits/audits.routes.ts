import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  actionDetailView,
  actionsQuery,
  actionView,
  auditDetailView,
  auditsQuery,
  auditView,
  performRequest,
  scoresQuery,
  scoresView,
  settingsRequest,
  settingsView,
  submitRequest,
  templateDetailView,
  templateRequest,
  templatesView,
  templateUpdateRequest,
  templateView,
  verifyRequest,
} from './audits.contract.js';
import type { AuditsService } from './audits.service.js';

const tags = ['Audits 服务规范检查'];

export function auditsRoutes(service: AuditsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/audit-templates', tags, summary: 'The checklist templates (current versions)', responses: { 200: jsonResponse(templatesView, 'Templates'), ...errorResponses } }),
    async (c) => c.json(await service.templates(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/audit-templates', tags, summary: 'A new checklist template: sections, items with weights and evidence types, grade bands', request: jsonBody(templateRequest), responses: { 201: jsonResponse(templateView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createTemplate(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/audit-templates/{id}', tags, summary: 'One version of a template, with the list of its versions', request: { params: idParam }, responses: { 200: jsonResponse(templateDetailView, 'Template'), ...errorResponses } }),
    async (c) => c.json(await service.template(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/audit-templates/{id}', tags, summary: 'Edit the current version: in place while unused, else as the next version', request: { params: idParam, ...jsonBody(templateUpdateRequest) }, responses: { 200: jsonResponse(templateView, 'Saved'), ...errorResponses } }),
    async (c) => c.json(await service.updateTemplate(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/audits', tags, summary: 'Record an audit (on site, mystery shopper, self-assessment): scored, each failed item opens a corrective action', request: jsonBody(performRequest), responses: { 201: jsonResponse(auditDetailView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await service.perform(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/audits', tags, summary: 'Audits, newest first (a provider sees its own, a technician theirs)', request: { query: auditsQuery }, responses: { 200: jsonResponse(pageOf(auditView), 'Audits'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/audits/scores', tags, summary: 'Audit scores per provider or technician and month, with stars', request: { query: scoresQuery }, responses: { 200: jsonResponse(scoresView, 'Scores'), ...errorResponses } }),
    async (c) => c.json(await service.scores(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/audits/settings', tags, summary: 'The weight of audit scores in dispatch ranking and the days averaged', responses: { 200: jsonResponse(settingsView, 'Settings'), ...errorResponses } }),
    async (c) => c.json(await service.settings(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/audits/settings', tags, summary: 'Set the weight of audit scores in dispatch ranking', request: jsonBody(settingsRequest), responses: { 200: jsonResponse(settingsView, 'Saved'), ...errorResponses } }),
    async (c) => c.json(await service.updateSettings(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/audits/{id}', tags, summary: 'One audit with its findings, section scores and corrective actions', request: { params: idParam }, responses: { 200: jsonResponse(auditDetailView, 'Audit'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/corrective-actions', tags, summary: 'Corrective actions: open ones by due time first', request: { query: actionsQuery }, responses: { 200: jsonResponse(pageOf(actionView), 'Actions'), ...errorResponses } }),
    async (c) => c.json(await service.actions(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/corrective-actions/{id}', tags, summary: 'One corrective action with its history', request: { params: idParam }, responses: { 200: jsonResponse(actionDetailView, 'Action'), ...errorResponses } }),
    async (c) => c.json(await service.action(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/corrective-actions/{id}/submit', tags, summary: 'The audited provider reports its correction', request: { params: idParam, ...jsonBody(submitRequest) }, responses: { 200: jsonResponse(actionDetailView, 'Submitted'), ...errorResponses } }),
    async (c) => c.json(await service.submit(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/corrective-actions/{id}/verify', tags, summary: 'Headquarters verifies the correction (closes it) or rejects it (back to the provider)', request: { params: idParam, ...jsonBody(verifyRequest) }, responses: { 200: jsonResponse(actionDetailView, 'Verified'), ...errorResponses } }),
    async (c) => c.json(await service.verify(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

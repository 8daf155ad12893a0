import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  absenceListQuery,
  absenceRequest,
  absenceView,
  createProviderRequest,
  createTechnicianRequest,
  providerNameView,
  providerView,
  technicianListQuery,
  technicianView,
  updateProviderRequest,
  updateTechnicianRequest,
} from './network.contract.js';
import type { NetworkService } from './network.service.js';

const tags = ['Service network 服务网络'];

export function networkRoutes(service: NetworkService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/providers', tags, summary: 'Contract a service provider (headquarters)', request: jsonBody(createProviderRequest), responses: { 201: jsonResponse(providerView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createProvider(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/providers', tags, summary: 'Service providers', responses: { 200: jsonResponse(z.object({ items: z.array(providerView) }), 'Providers') } }),
    async (c) => c.json({ items: await service.listProviders(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/providers/{id}', tags, summary: 'One provider', request: { params: idParam }, responses: { 200: jsonResponse(providerView, 'Provider'), ...errorResponses } }),
    async (c) => c.json(await service.getProvider(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/providers/{id}/name', tags, summary: "A provider's public name (its technicians may read their own provider's)", request: { params: idParam }, responses: { 200: jsonResponse(providerNameView, 'Provider name'), ...errorResponses } }),
    async (c) => c.json(await service.providerName(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/providers/{id}', tags, summary: 'Change a provider: contract, categories, area, capacity (headquarters; version check)', request: { params: idParam, ...jsonBody(updateProviderRequest) }, responses: { 200: jsonResponse(providerView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updateProvider(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/technicians', tags, summary: 'Add a technician (a provider admin: to their own provider)', request: jsonBody(createTechnicianRequest), responses: { 201: jsonResponse(technicianView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createTechnician(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/technicians', tags, summary: 'Technicians', request: { query: technicianListQuery }, responses: { 200: jsonResponse(pageOf(technicianView), 'Technicians'), ...errorResponses } }),
    async (c) => c.json(await service.listTechnicians(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/technicians/{id}', tags, summary: 'One technician', request: { params: idParam }, responses: { 200: jsonResponse(technicianView, 'Technician'), ...errorResponses } }),
    async (c) => c.json(await service.getTechnician(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/technicians/{id}', tags, summary: 'Change a technician: skills, home base, shifts, phone, status (version check)', request: { params: idParam, ...jsonBody(updateTechnicianRequest) }, responses: { 200: jsonResponse(technicianView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.updateTechnician(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/technicians/{id}/absences', tags, summary: 'Record an absence (leave, training, sick)', request: { params: idParam, ...jsonBody(absenceRequest) }, responses: { 201: jsonResponse(absenceView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await service.addAbsence(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/technicians/{id}/absences', tags, summary: "A technician's absences", request: { params: idParam, query: absenceListQuery }, responses: { 200: jsonResponse(z.object({ items: z.array(absenceView) }), 'Absences'), ...errorResponses } }),
    async (c) => c.json({ items: await service.listAbsences(c.get('caller'), c.req.valid('param').id, c.req.valid('query')) }, 200),
  );
  return r;
}

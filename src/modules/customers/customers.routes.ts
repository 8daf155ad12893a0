import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import {
  createCustomerRequest,
  createTierRequest,
  customerSearchQuery,
  customerView,
  duplicateMatch,
  phoneView,
  tierView,
  updateCustomerRequest,
} from './customers.contract.js';
import type { CustomersService } from './customers.service.js';

const tags = ['Customers 客户'];

export function customersRoutes(service: CustomersService) {
  const r = createRouter();

  r.openapi(
    createRoute({ method: 'post', path: '/customers', tags, summary: 'Create a customer', request: jsonBody(createCustomerRequest), responses: { 201: jsonResponse(customerView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.create(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/customers', tags, summary: 'Search customers by phone, name, number or serial', request: { query: customerSearchQuery }, responses: { 200: jsonResponse(pageOf(customerView), 'A page of customers'), ...errorResponses } }),
    async (c) => c.json(await service.search(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/customers/duplicates', tags, summary: 'Customers who already have this phone', request: { query: z.object({ phone: z.string().min(1).max(32) }) }, responses: { 200: jsonResponse(z.object({ items: z.array(duplicateMatch) }), 'Matches'), ...errorResponses } }),
    async (c) => c.json({ items: await service.duplicates(c.get('caller'), c.req.valid('query').phone) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/customers/{id}', tags, summary: 'One customer', request: { params: idParam }, responses: { 200: jsonResponse(customerView, 'The customer'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/customers/{id}', tags, summary: 'Change a customer (optimistic version check)', request: { params: idParam, ...jsonBody(updateCustomerRequest) }, responses: { 200: jsonResponse(customerView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.update(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/customers/{id}/reveal-phones',
      tags,
      summary: 'Show the full phone numbers (recorded in the audit log)',
      request: { params: idParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(phoneView) }), 'Full numbers'), ...errorResponses },
    }),
    async (c) => c.json(await service.revealPhones(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/customer-tiers', tags, summary: 'Customer tiers', responses: { 200: jsonResponse(z.object({ items: z.array(tierView) }), 'Tiers') } }),
    async (c) => c.json({ items: await service.listTiers() }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/customer-tiers', tags, summary: 'Add a customer tier', request: jsonBody(createTierRequest), responses: { 201: jsonResponse(tierView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createTier(c.get('caller'), c.req.valid('json')), 201),
  );
  return r;
}

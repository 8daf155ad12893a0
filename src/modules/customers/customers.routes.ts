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
import { customerExportColumns, customerExportQuery, type CustomerView } from './customers.contract.js';
import type { CustomersService } from './customers.service.js';
import { exportResponse, type ExportColumn } from '../../http/export.js';

/** Each column of the export, from a customer's view: the default (or first) address, the first three phones. */
const addressOf = (v: CustomerView) => v.addresses.find((a) => a.isDefault) ?? v.addresses[0];
const exportColumns: ExportColumn<CustomerView>[] = customerExportColumns.map((key) => ({
  key,
  header: key,
  value: (v: CustomerView) => {
    const phone = /^phone([1-3])$/.exec(key);
    if (phone) return v.phones[Number(phone[1]) - 1]?.phone ?? null;
    if (key === 'province' || key === 'city' || key === 'district' || key === 'street' || key === 'postalCode' || key === 'lat' || key === 'lng') return addressOf(v)?.[key] ?? null;
    return v[key as Exclude<typeof key, `phone${number}` | 'province' | 'city' | 'district' | 'street' | 'postalCode' | 'lat' | 'lng'>];
  },
}));

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
    createRoute({ method: 'get', path: '/customers/export', tags, summary: 'The list with its filters as CSV or XLSX, streamed (full phones for a caller allowed them; audited)', request: { query: customerExportQuery }, responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      return exportResponse(format, 'customers', exportColumns, await service.exportList(c.get('caller'), { ...filters, limit: 200, offset: 0 })) as never;
    },
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

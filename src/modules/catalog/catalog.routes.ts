import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { categoryView, createCategoryRequest, createFaultCodeRequest, createModelRequest, faultNode, modelListQuery, modelView } from './catalog.contract.js';
import type { CatalogService } from './catalog.service.js';

const tags = ['Catalogue 产品目录'];
const faultCodeView = z.object({ id: z.string(), categoryId: z.string(), level: z.string(), code: z.string(), parentId: z.string().nullable(), nameZh: z.string(), nameEn: z.string() });

export function catalogRoutes(service: CatalogService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/catalog/categories', tags, summary: 'Add a product category', request: jsonBody(createCategoryRequest), responses: { 201: jsonResponse(categoryView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createCategory(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/catalog/categories', tags, summary: 'Product categories', responses: { 200: jsonResponse(z.object({ items: z.array(categoryView) }), 'Categories') } }),
    async (c) => c.json({ items: await service.listCategories(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/catalog/models', tags, summary: 'Add a product model with its warranty terms', request: jsonBody(createModelRequest), responses: { 201: jsonResponse(modelView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createModel(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/catalog/models', tags, summary: 'Product models', request: { query: modelListQuery }, responses: { 200: jsonResponse(pageOf(modelView), 'Models'), ...errorResponses } }),
    async (c) => c.json(await service.listModels(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/catalog/models/{id}', tags, summary: 'One product model', request: { params: idParam }, responses: { 200: jsonResponse(modelView, 'The model'), ...errorResponses } }),
    async (c) => c.json(await service.getModel(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/catalog/fault-codes', tags, summary: 'Add a fault code (symptom → cause → remedy)', request: jsonBody(createFaultCodeRequest), responses: { 201: jsonResponse(faultCodeView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.createFaultCode(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/catalog/categories/{id}/fault-codes', tags, summary: 'The fault-code tree of a category', request: { params: idParam }, responses: { 200: jsonResponse(z.object({ items: z.array(faultNode) }), 'Tree'), ...errorResponses } }),
    async (c) => c.json({ items: (await service.faultTree(c.get('caller'), c.req.valid('param').id)) as unknown as z.infer<typeof faultNode>[] }, 200),
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { dryRunRequest, importView, listQuery, problemView, runRequest, uploadQuery } from './imports.contract.js';
import type { ImportsService } from './imports.service.js';

const tags = ['Imports 导入'];
const fileBody = { content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } }, required: true };

export function importsRoutes(service: ImportsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/imports', tags, summary: 'Upload a CSV or XLSX file (the body is the file, streamed); answers its columns and a suggested mapping', request: { query: uploadQuery, body: fileBody }, responses: { 201: jsonResponse(importView, 'Uploaded'), 413: errorResponses[409], ...errorResponses } }),
    async (c) => c.json(await service.upload(c.get('caller'), c.req.valid('query'), c.req.raw.body), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/imports', tags, summary: 'Imports, newest first', request: { query: listQuery }, responses: { 200: jsonResponse(pageOf(importView), 'Imports'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/imports/{id}', tags, summary: 'One import: status, counts and progress', request: { params: idParam }, responses: { 200: jsonResponse(importView, 'Import'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/imports/{id}/problems', tags, summary: "The dry run's report: each bad row's column and reason (English and Chinese)", request: { params: idParam, query: listQuery }, responses: { 200: jsonResponse(pageOf(problemView), 'Problems'), ...errorResponses } }),
    async (c) => c.json(await service.problems(c.get('caller'), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/imports/{id}/dry-run', tags, summary: 'Set the column mapping and check every row on the job queue (nothing written)', request: { params: idParam, ...jsonBody(dryRunRequest) }, responses: { 200: jsonResponse(importView, 'Checking'), ...errorResponses } }),
    async (c) => c.json(await service.startDryRun(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/imports/{id}/run', tags, summary: "Run a checked import on the job queue: the valid rows are written by external key (a re-run changes nothing)", request: { params: idParam, ...jsonBody(runRequest) }, responses: { 200: jsonResponse(importView, 'Running'), ...errorResponses } }),
    async (c) => c.json(await service.startRun(c.get('caller'), c.req.valid('param').id, c.req.valid('json').version), 200),
  );
  return r;
}

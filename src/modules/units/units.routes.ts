import { createRoute, z } from '@hono/zod-openapi';
import { exportResponse, type ExportColumn } from '../../http/export.js';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { createUnitRequest, replacementRequest, sanbaoRequest, sanbaoView, transferRequest, unitDetailView, unitExportColumns, unitExportQuery, unitListQuery, unitView, warrantyQuery, warrantyView, type UnitView } from './units.contract.js';
import type { UnitsService } from './units.service.js';

const tags = ['Units 设备'];

/** Each column of the export, from the unit's list view. */
const exportColumns: ExportColumn<UnitView & { ownerNumber?: string }>[] = unitExportColumns.map((key) => ({
  key,
  header: key,
  value: (u: UnitView & { ownerNumber?: string }) => {
    if (key === 'ownerNumber') return u.ownerNumber ?? null;
    if (key === 'mainSerialRole') return (u.serials.find((s) => s.role === 'main') ?? u.serials[0])?.role ?? null;
    if (key === 'mainSerial') return (u.serials.find((s) => s.role === 'main') ?? u.serials[0])?.serial ?? null;
    if (key === 'otherSerials') return u.serials.filter((s) => s !== (u.serials.find((x) => x.role === 'main') ?? u.serials[0])).map((s) => `${s.role}:${s.serial}`).join(' ');
    if (key === 'inWarranty') return u.warranty.wholeUnit.inWarranty;
    if (key === 'warrantyEndsOn') return u.warranty.wholeUnit.endsOn;
    return u[key];
  },
}));

export function unitsRoutes(service: UnitsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/units', tags, summary: 'Register a sold unit', request: jsonBody(createUnitRequest), responses: { 201: jsonResponse(unitView, 'Registered'), ...errorResponses } }),
    async (c) => c.json(await service.register(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/units', tags, summary: 'Units by owner, model or serial', request: { query: unitListQuery }, responses: { 200: jsonResponse(pageOf(unitView), 'Units'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/units/export', tags, summary: 'The list with its filters as CSV or XLSX, streamed (scope as the list; audited)', request: { query: unitExportQuery }, responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      return exportResponse(format, 'units', exportColumns, await service.exportList(c.get('caller'), { ...filters, limit: 200, offset: 0 })) as never;
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/units/{id}', tags, summary: 'A unit with its owners and service history', request: { params: idParam, query: warrantyQuery }, responses: { 200: jsonResponse(unitDetailView, 'Unit'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id, c.req.valid('query').asOf), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/units/{id}/warranty', tags, summary: 'Warranty status on a date', request: { params: idParam, query: warrantyQuery }, responses: { 200: jsonResponse(warrantyView, 'Warranty'), ...errorResponses } }),
    async (c) => c.json(await service.warranty(c.get('caller'), c.req.valid('param').id, c.req.valid('query').asOf), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/units/{id}/sanbao', tags, summary: 'Which 三包 remedy applies to a reported fault, and why', request: { params: idParam, ...jsonBody(sanbaoRequest) }, responses: { 200: jsonResponse(sanbaoView, 'Remedy'), ...errorResponses } }),
    async (c) => c.json(await service.remedy(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/units/{id}/transfer', tags, summary: 'Transfer ownership', request: { params: idParam, ...jsonBody(transferRequest) }, responses: { 200: jsonResponse(unitView, 'Transferred'), ...errorResponses } }),
    async (c) => c.json(await service.transfer(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/units/{id}/replacement', tags, summary: 'Record a replacement (restarts the warranty period)', request: { params: idParam, ...jsonBody(replacementRequest) }, responses: { 200: jsonResponse(unitView, 'Replaced'), ...errorResponses } }),
    async (c) => c.json(await service.replace(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

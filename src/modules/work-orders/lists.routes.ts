import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { exportResponse, type ExportColumn } from '../../http/export.js';
import { bulkRequest, bulkResult, orderExportQuery, savedView, savedViewRequest, savedViewUpdate } from './lists.contract.js';
import type { Lists } from './work-orders.lists.js';
import type { exportPage } from './lists.repo.js';

const tags = ['Work orders 工单'];
type Line = Awaited<ReturnType<typeof exportPage>>[number];
const at = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Both languages in every header: one file serves either reader. */
const exportColumns: ExportColumn<Line>[] = [
  { key: 'number', header: 'Number 工单号', value: (o) => o.number },
  { key: 'status', header: 'State 状态', value: (o) => o.status },
  { key: 'kind', header: 'Kind 类型', value: (o) => o.kind },
  { key: 'priority', header: 'Priority 优先级', value: (o) => o.priority },
  { key: 'provider', header: 'Provider 服务商', value: (o) => o.providerName },
  { key: 'technician', header: 'Technician 师傅', value: (o) => o.technicianName },
  { key: 'province', header: 'Province 省', value: (o) => o.address.province },
  { key: 'city', header: 'City 市', value: (o) => o.address.city },
  { key: 'symptom', header: 'Symptom 故障描述', value: (o) => o.symptom },
  { key: 'createdAt', header: 'Opened 创建时间', value: (o) => at(o.createdAt) },
  { key: 'deadline', header: 'Deadline 承诺时限', value: (o) => at(o.deadline) },
  { key: 'bookedAt', header: 'Booked visit 预约上门', value: (o) => at(o.appointmentFrom) },
];

/** The list's export, bulk steps and saved views; mounted before the work orders' `/work-orders/{id}` routes. */
export function listsRoutes(lists: Lists) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/work-orders/export',
      tags,
      summary: "The list with its filters and sort as CSV or XLSX, streamed; only the caller's own orders (audited)",
      request: { query: orderExportQuery },
      responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      return exportResponse(format, 'work-orders', exportColumns, await lists.exportList(c.get('caller'), filters)) as never;
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/work-orders/bulk',
      tags,
      summary: 'Dispatch, assign or cancel many orders (at most 200): each judged on its own as a single step would be; the answer says per order',
      description: 'An order already so (dispatched to that provider, assigned to that technician, cancelled) is `unchanged`, so a retried request is safe. Orders outside your scope are refused as not found.',
      request: jsonBody(bulkRequest),
      responses: { 200: jsonResponse(bulkResult, 'Per order: done, unchanged or refused with the reason'), ...errorResponses },
    }),
    async (c) => c.json(await lists.bulk(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/saved-views', tags, summary: 'My saved views of the order list', responses: { 200: jsonResponse(z.object({ items: z.array(savedView) }), 'Views'), ...errorResponses } }),
    async (c) => c.json({ items: await lists.views(c.get('caller')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/saved-views', tags, summary: 'Save a view of the order list: a name, its filters and sort', request: jsonBody(savedViewRequest), responses: { 201: jsonResponse(savedView, 'Saved'), ...errorResponses } }),
    async (c) => c.json(await lists.createView(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'patch', path: '/saved-views/{id}', tags, summary: 'Rename a view or change its filters (at its version)', request: { params: idParam, ...jsonBody(savedViewUpdate) }, responses: { 200: jsonResponse(savedView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await lists.updateView(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: '/saved-views/{id}', tags, summary: 'Delete one of my views', request: { params: idParam }, responses: { 204: { description: 'Deleted' }, ...errorResponses } }),
    async (c) => {
      await lists.deleteView(c.get('caller'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}

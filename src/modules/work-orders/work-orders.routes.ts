import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { actionRequests, historyView, intakeRequest, orderListQuery, orderView, orderCountsQuery, orderCountsView } from './work-orders.contract.js';
import { orderActions, type OrderAction } from './work-orders.rules.js';
import type { WorkOrdersService } from './work-orders.service.js';
import { photoKinds, type PhotosService } from './work-orders.photos.js';

const tags = ['Work orders 工单'];


const actionSummaries: Record<OrderAction, string> = {
  accept: 'Accept the request (受理): the order awaits dispatch',
  dispatch: 'Dispatch to a provider (派单); again with a reason',
  assign: 'Assign a technician (派工); reassigning needs a reason',
  accept_job: 'The technician takes the job (接单)',
  decline_job: 'The technician gives the job back, with a reason (拒单): it awaits assignment again',
  book: "Book the visit window with the customer (预约); the customer is told by SMS",
  check_in: 'Check in on site with time and position (上门打卡)',
  complete: 'Record the work done with fault codes (完工)',
  send_acceptance_code: "Send a one-time acceptance code to the customer's phone",
  confirm: "Confirm with the customer's code, or an agent's override with a reason (完单)",
  follow_up: 'Record the follow-up (回访)',
  close: 'Close the order',
  cancel: 'Cancel with a reason',
  reopen: 'Reopen a closed or cancelled order',
  redo: 'Send back to redo the job (返工)',
  hold: 'Put on hold: waiting for the customer or for parts',
  resume: 'Resume from hold',
};

const photoView = z
  .object({ id: z.string(), orderId: z.string(), kind: z.enum(photoKinds), contentType: z.string(), bytes: z.number(), sha256: z.string(), uploadedBy: z.string(), uploadedAt: z.string() })
  .openapi('Photo');
const imageBody = { content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) }, 'image/png': { schema: z.string().openapi({ format: 'binary' }) }, 'image/webp': { schema: z.string().openapi({ format: 'binary' }) } }, required: true };

export function workOrdersRoutes(service: WorkOrdersService, photos: PhotosService) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/work-orders/{id}/photos',
      tags,
      summary: 'Add a photo from the job (JPEG, PNG or WebP; the body is the file)',
      request: { params: idParam, query: z.object({ kind: z.enum(photoKinds).default('site') }), body: imageBody },
      responses: { 201: jsonResponse(photoView, 'Stored'), 413: errorResponses[409], ...errorResponses },
    }),
    async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const declared = c.req.header('content-type')?.split(';')[0].trim();
      return c.json(await photos.add(c.get('caller'), c.req.valid('param').id, c.req.valid('query').kind, declared === 'application/octet-stream' ? undefined : declared, body), 201);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/photos', tags, summary: "The order's photos", request: { params: idParam }, responses: { 200: jsonResponse(z.object({ items: z.array(photoView) }), 'Photos'), ...errorResponses } }),
    async (c) => c.json({ items: await photos.list(c.get('caller'), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/photos/{id}', tags, summary: 'One photo of an order, as the image file', request: { params: idParam }, responses: { 200: { description: 'The image', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses } }),
    async (c) => {
      const file = await photos.file(c.get('caller'), c.req.valid('param').id);
      // Never sniffed, never run as a page even if opened directly: an image, shown inline under a plain name.
      return c.body(new Uint8Array(file.data), 200, {
        'content-type': file.contentType,
        'cache-control': 'private, max-age=3600',
        'content-disposition': `inline; filename="photo-${file.id}.${file.contentType.split('/')[1].replace('jpeg', 'jpg')}"`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
      }) as never;
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/work-orders',
      tags,
      summary: 'Open a work order (idempotent on externalRef within 24 h)',
      request: jsonBody(intakeRequest),
      responses: { 201: jsonResponse(orderView, 'Created'), 200: jsonResponse(orderView, 'The order already opened for this externalRef'), ...errorResponses },
    }),
    async (c) => {
      // A new order carries this request's audit row in its own statement (one commit, not two).
      const { order, created } = await service.intake(c.get('caller'), c.req.valid('json'), { action: 'POST /work-orders', subjectKind: 'work-orders', details: { status: 201 } });
      if (created) c.set('audited', true);
      return created ? c.json(order, 201) : c.json(order, 200);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders', tags, summary: 'List work orders', request: { query: orderListQuery }, responses: { 200: jsonResponse(pageOf(orderView), 'Orders'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/counts', tags, summary: 'Orders counted by state and provider (the dashboard)', request: { query: orderCountsQuery }, responses: { 200: jsonResponse(orderCountsView, 'Counts'), ...errorResponses } }),
    async (c) => c.json(await service.counts(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}', tags, summary: 'One work order', request: { params: idParam }, responses: { 200: jsonResponse(orderView, 'Order'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/history', tags, summary: 'Every step on record', request: { params: idParam }, responses: { 200: jsonResponse(z.object({ items: z.array(historyView) }), 'History'), ...errorResponses } }),
    async (c) => c.json({ items: await service.history(c.get('caller'), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/work-orders/{id}/reveal-contact',
      tags,
      summary: "Show the contact phone in full to call the customer (recorded in the audit log)",
      request: { params: idParam },
      responses: { 200: jsonResponse(z.object({ contactPhone: z.string() }), 'The full number'), ...errorResponses },
    }),
    async (c) => c.json(await service.revealContact(c.get('caller'), c.req.valid('param').id), 200),
  );
  for (const action of orderActions) {
    r.openapi(
      createRoute({
        method: 'post',
        path: `/work-orders/{id}/${action.replaceAll('_', '-')}`,
        tags,
        summary: actionSummaries[action],
        request: { params: idParam, ...jsonBody(actionRequests[action]) },
        responses: { 200: jsonResponse(orderView, 'The order after the step'), 422: errorResponses[409], ...errorResponses },
      }),
      async (c) => c.json(await service.perform(c.get('caller'), c.req.valid('param').id, action, c.req.valid('json') as never), 200),
    );
  }
  return r;
}

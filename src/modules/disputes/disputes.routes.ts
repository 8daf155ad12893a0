import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { z } from '@hono/zod-openapi';
import { disputableFeesView, disputeDetailView, disputeView, listQuery, raiseRequest, refundRequest, reviewRequest, statisticsQuery, statisticsView, withdrawRequest } from './disputes.contract.js';
import type { DisputesService } from './disputes.service.js';

const tags = ['Fee disputes 费用争议'];

export function disputesRoutes(service: DisputesService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/disputable-fees', tags, summary: 'The fee lines of an order the caller may dispute, with what of each is left to dispute', request: { params: idParam }, responses: { 200: jsonResponse(disputableFeesView, 'Lines'), ...errorResponses } }),
    async (c) => c.json(await service.disputable(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/fee-disputes', tags, summary: 'Dispute a fee line (the customer, or a provider admin); one open dispute per line', request: { params: idParam, ...jsonBody(raiseRequest) }, responses: { 201: jsonResponse(disputeDetailView, 'Raised'), ...errorResponses } }),
    async (c) => c.json(await service.raise(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/fee-disputes/statistics', tags, summary: 'Disputes raised in [from, to) by provider and by reason: counts, upheld share, amounts', request: { query: statisticsQuery }, responses: { 200: jsonResponse(statisticsView, 'Statistics'), ...errorResponses } }),
    async (c) => c.json(await service.statistics(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/fee-disputes', tags, summary: 'The disputes queue: overdue first, then open by due time, then decided, newest first', request: { query: listQuery }, responses: { 200: jsonResponse(pageOf(disputeView), 'Disputes'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/fee-disputes/{id}', tags, summary: 'One dispute with its history', request: { params: idParam }, responses: { 200: jsonResponse(disputeDetailView, 'Dispute'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/fee-disputes/{id}/review', tags, summary: 'Decide a dispute: upheld (the line credited), partly upheld (an amount), rejected (with the reason); the customer is told', request: { params: idParam, ...jsonBody(reviewRequest) }, responses: { 200: jsonResponse(disputeDetailView, 'Decided'), ...errorResponses } }),
    async (c) => c.json(await service.review(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/fee-disputes/{id}/withdraw', tags, summary: 'Withdraw an open dispute (whoever raised it)', request: { params: idParam, ...jsonBody(withdrawRequest) }, responses: { 200: jsonResponse(disputeDetailView, 'Withdrawn'), ...errorResponses } }),
    async (c) => c.json(await service.withdraw(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/fee-disputes/{id}/refund', tags, summary: 'Give back what an upheld dispute credited: a refund (negative payment) on the order linked to the dispute; once per idempotency key', request: { params: idParam, ...jsonBody(refundRequest) }, responses: { 200: jsonResponse(disputeDetailView, 'Refunded'), ...errorResponses } }),
    async (c) => c.json(await service.refund(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/fee-disputes/{id}/evidence', tags, summary: 'Attach a photo to an open dispute (whoever raised it; JPEG, PNG or WebP; the body is the file)', request: { params: idParam, body: imageBody }, responses: { 201: jsonResponse(disputeDetailView, 'Attached'), 413: errorResponses[409], ...errorResponses } }),
    async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const declared = c.req.header('content-type')?.split(';')[0].trim();
      return c.json(await service.addEvidence(c.get('caller'), c.req.valid('param').id, declared === 'application/octet-stream' ? undefined : declared, body), 201);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/fee-disputes/{id}/evidence/{fileId}', tags, summary: "One of a dispute's evidence files", request: { params: z.object({ id: z.string().uuid(), fileId: z.string().uuid() }) }, responses: { 200: { description: 'The image', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      const f = await service.evidenceFile(c.get('caller'), p.id, p.fileId);
      // As the order's photos: an image shown inline, never sniffed or run as a page.
      return c.body(new Uint8Array(f.data), 200, {
        'content-type': f.contentType,
        'cache-control': 'private, max-age=3600',
        'content-disposition': `inline; filename="evidence-${p.fileId}.${f.contentType.split('/')[1].replace('jpeg', 'jpg')}"`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
      }) as never;
    },
  );
  return r;
}

const binary = { schema: z.string().openapi({ format: 'binary' }) };
const imageBody = { content: { 'image/jpeg': binary, 'image/png': binary, 'image/webp': binary }, required: true };

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse } from '../../http/schemas.js';
import { acceptQuoteRequest, createQuoteRequest, linkDecisionRequest, linkQuoteView, offerQuoteRequest, paymentsView, quoteListView, quoteView, customerQuoteView, receiptView, recordPaymentRequest, refuseQuoteRequest } from './fees.quotes.contract.js';
import type { QuotesService } from './fees.quotes.js';
import type { PaymentsService } from './fees.payments.js';

const tags = ['Fees 收费'];
const quoteParams = z.object({
  id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }),
  quoteId: z.string().uuid().openapi({ param: { name: 'quoteId', in: 'path' } }),
});
const tokenParam = z.object({ token: z.string().min(10).max(1000).openapi({ param: { name: 'token', in: 'path' } }) });
const anyQuote = z.union([quoteView, customerQuoteView]);

export function quotesRoutes(quotes: QuotesService, payments: PaymentsService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/quotes', tags, summary: "The order's quotes and their history (a customer sees the ones offered to them)", request: { params: idParam }, responses: { 200: jsonResponse(quoteListView, 'Quotes'), ...errorResponses } }),
    async (c) => c.json(await quotes.list(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/quotes', tags, summary: 'A draft quote for the planned job, priced from the list in force today', request: { params: idParam, ...jsonBody(createQuoteRequest) }, responses: { 201: jsonResponse(quoteView, 'Draft'), ...errorResponses } }),
    async (c) => c.json(await quotes.create(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/quotes/{quoteId}/offer', tags, summary: 'Put the quote to the customer (optionally a signed link by SMS); earlier quotes are superseded', request: { params: quoteParams, ...jsonBody(offerQuoteRequest) }, responses: { 200: jsonResponse(quoteView, 'Offered'), ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await quotes.offer(c.get('caller'), p.id, p.quoteId, c.req.valid('json')), 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/quotes/{quoteId}/accept', tags, summary: "The customer accepts: in the portal, or on the technician's phone with their typed name and confirmation", request: { params: quoteParams, ...jsonBody(acceptQuoteRequest) }, responses: { 200: jsonResponse(anyQuote, 'Accepted'), ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await quotes.accept(c.get('caller'), p.id, p.quoteId, c.req.valid('json')), 200);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/quotes/{quoteId}/refuse', tags, summary: 'The customer refuses: the visit ends as an inspection (charged only if the list has one)', request: { params: quoteParams, ...jsonBody(refuseQuoteRequest) }, responses: { 200: jsonResponse(anyQuote, 'Refused'), ...errorResponses } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await quotes.refuse(c.get('caller'), p.id, p.quoteId, c.req.valid('json')), 200);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/quote-links/{token}', tags, summary: 'The quote behind a signed SMS link (no sign-in)', request: { params: tokenParam }, responses: { 200: jsonResponse(linkQuoteView, 'Quote'), ...errorResponses } }),
    async (c) => c.json(await quotes.linkView(c.req.valid('param').token), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/quote-links/{token}/accept', tags, summary: 'Accept through the signed link: once', request: { params: tokenParam, ...jsonBody(linkDecisionRequest) }, responses: { 200: jsonResponse(customerQuoteView, 'Accepted'), ...errorResponses } }),
    async (c) => c.json(await quotes.linkDecide(c.req.valid('param').token, 'accepted', c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/quote-links/{token}/refuse', tags, summary: 'Refuse through the signed link: once', request: { params: tokenParam, ...jsonBody(linkDecisionRequest) }, responses: { 200: jsonResponse(customerQuoteView, 'Refused'), ...errorResponses } }),
    async (c) => c.json(await quotes.linkDecide(c.req.valid('param').token, 'refused', c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/payments', tags, summary: 'Payments and refunds of the order, and the balance due', request: { params: idParam }, responses: { 200: jsonResponse(paymentsView, 'Payments'), ...errorResponses } }),
    async (c) => c.json(await payments.list(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/payments', tags, summary: 'Record a payment (or a refund: negative, with a reason); the same idempotency key never records twice', request: { params: idParam, ...jsonBody(recordPaymentRequest) }, responses: { 201: jsonResponse(paymentsView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await payments.record(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/work-orders/{id}/receipt', tags, summary: "The itemised receipt: the customer's lines, payments and the balance", request: { params: idParam }, responses: { 200: jsonResponse(receiptView, 'Receipt'), ...errorResponses } }),
    async (c) => c.json(await payments.receipt(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/work-orders/{id}/receipt/send', tags, summary: 'Send the customer a link to the printable receipt by SMS', request: { params: idParam }, responses: { 200: jsonResponse(z.object({ sent: z.boolean(), expiresAt: z.string() }), 'Sent'), ...errorResponses } }),
    async (c) => c.json(await payments.sendReceipt(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/receipt-links/{token}', tags, summary: 'The printable receipt page behind a signed SMS link (no sign-in; zh/en)', request: { params: tokenParam }, responses: { 200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } }, ...errorResponses } }),
    async (c) => c.html(await payments.receiptPage(c.req.valid('param').token), 200),
  );
  return r;
}

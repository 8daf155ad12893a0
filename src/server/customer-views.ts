// What a customer signed in to the portal may call, and the shape each answer takes for them.
//
// Staff answers carry what staff need (who did what from which address, provider and technician
// ids, reasons, check-in coordinates, internal targets). A customer gets their own view of each:
// a route is open to a customer only when it is listed here with a strict customer schema and a
// function that copies the allowed fields from the staff answer. Any other route answers 403 to a
// customer whatever their permissions say, and an answer that does not fit its customer schema is
// never sent (500, logged without its content): a field added for staff cannot leak by accident.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import type { Services } from './services.js';
import { customerMeView, customerPortalCode, customerPortalSession, defaultCsrfExempt, toCustomerMe, toCustomerPortalCode, toCustomerPortalSession } from '../modules/access/index.js';
import { customerSelfView, toCustomerSelf } from '../modules/customers/index.js';
import { customerCategoryView, customerModelView, toCustomerCategory, toCustomerModel } from '../modules/catalog/index.js';
import { customerUnitDetailView, customerUnitView, customerWarrantyView, toCustomerUnit, toCustomerUnitDetail, toCustomerWarranty } from '../modules/units/index.js';
import { assignedTechnicianIds, customerBookingWindowsView, customerHistoryEntry, findOrder, customerOrderView, customerPhotoView, toCustomerBookingWindows, toCustomerHistory, toCustomerOrder, toCustomerPhoto } from '../modules/work-orders/index.js';
import { customerVisitView, toCustomerVisit } from '../modules/dispatch/index.js';
import { customerPromiseView, toCustomerPromise } from '../modules/promises/index.js';
import { customerReturnCasesView, toCustomerReturnTimeline } from '../modules/returns/index.js';
import { customerOrderFeesView, customerScheduleView, toCustomerOrderFees, toCustomerSchedule } from '../modules/fees/index.js';
import { customerQuoteListView, customerQuoteView, customerReceiptView, linkQuoteView, toCustomerQuote, toCustomerQuoteList, toCustomerReceipt } from '../modules/fees/index.js';
import { customerSurveyView, portalSurveyView, toCustomerSurvey, toPortalSurvey } from '../modules/follow-ups/index.js';
import { customerDisputableFeesView, customerDisputesView, customerDisputeView, toCustomerDisputableFees, toCustomerDispute } from '../modules/disputes/index.js';
import { customerComplaintView, customerComplaintsView } from '../modules/complaints/index.js';
import { customerSuggestionView, customerSuggestionsView } from '../modules/contacts/index.js';
import { customerClickView, customerConsentView, customerInboxItem, customerInboxView, customerUnsubscribeView } from '../modules/care/index.js';
import { customerContractView, customerContractsView, toCustomerContract, type ContractView } from '../modules/contracts/index.js';
import { customerOwnLoyaltyView, toCustomerOwnLoyalty } from '../modules/loyalty/index.js';

export type CustomerView =
  /** A JSON answer: the staff answer goes through `build`, the result must fit `schema`. */
  | { kind: 'json'; schema: z.ZodType; build: (staff: never, c: Context) => unknown | Promise<unknown> }
  /** A file (a photo): sent as it is, only with an allowed content type. */
  | { kind: 'file'; contentTypes: RegExp }
  /** No body (204). */
  | { kind: 'empty' };

const page = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
const list = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });
type Page<T> = { items: T[]; total: number; limit: number; offset: number };
const pageOf = <S, C>(p: Page<S>, f: (s: S) => C): Page<C> => ({ items: p.items.map(f), total: p.total, limit: p.limit, offset: p.offset });

function json<S, C>(schema: z.ZodType<C>, build: (staff: S, c: Context) => C | Promise<C>): CustomerView {
  return { kind: 'json', schema, build: build as (staff: never, c: Context) => unknown };
}

/** Where no provider serves the order yet, times are written in the company's zone. */
const companyTimeZone = 'Asia/Shanghai';

/** Every route a customer may call, by its OpenAPI method and path, with its customer schema. */
export function customerViews(services: Services): Record<string, CustomerView> {
  const technicianNames = async (ids: string[]) => {
    const names = new Map<string, string>();
    for (const id of ids) {
      const tech = await services.network.technicianById(services.database.db, id);
      if (tech) names.set(id, tech.name);
    }
    return names;
  };
  /** The customer's zone for an order: the zone of the provider serving them. */
  const orderTimeZone = async (orderId: string) => {
    const order = await findOrder(services.database.db, orderId);
    const provider = order?.providerId ? await services.network.providerById(services.database.db, order.providerId) : undefined;
    return provider?.timeZone ?? companyTimeZone;
  };
  return {
    'GET /auth/me': json(customerMeView, toCustomerMe),
    'POST /auth/sign-out': { kind: 'empty' },
    'POST /portal/code': json(customerPortalCode, toCustomerPortalCode),
    'POST /portal/sign-in': json(customerPortalSession, toCustomerPortalSession),
    'POST /portal/link/redeem': json(customerPortalSession, toCustomerPortalSession),
    'GET /customers': json(page(customerSelfView), (p: Page<Parameters<typeof toCustomerSelf>[0]>) => pageOf(p, toCustomerSelf)),
    'GET /customers/{id}': json(customerSelfView, toCustomerSelf),
    'GET /catalog/categories': json(list(customerCategoryView), (l: { items: Parameters<typeof toCustomerCategory>[0][] }) => ({ items: l.items.map(toCustomerCategory) })),
    'GET /catalog/models': json(page(customerModelView), (p: Page<Parameters<typeof toCustomerModel>[0]>) => pageOf(p, toCustomerModel)),
    'GET /catalog/models/{id}': json(customerModelView, toCustomerModel),
    'POST /units': json(customerUnitView, toCustomerUnit),
    'GET /units': json(page(customerUnitView), (p: Page<Parameters<typeof toCustomerUnit>[0]>) => pageOf(p, toCustomerUnit)),
    'GET /units/{id}': json(customerUnitDetailView, toCustomerUnitDetail),
    'GET /units/{id}/warranty': json(customerWarrantyView, toCustomerWarranty),
    'POST /work-orders': json(customerOrderView, toCustomerOrder),
    'GET /work-orders': json(page(customerOrderView), (p: Page<Parameters<typeof toCustomerOrder>[0]>) => pageOf(p, toCustomerOrder)),
    'GET /work-orders/{id}': json(customerOrderView, toCustomerOrder),
    'POST /work-orders/{id}/confirm': json(customerOrderView, toCustomerOrder),
    // Within the portal's rules (booking.rules.ts): into a window offered, so long before the visit.
    'POST /work-orders/{id}/book': json(customerOrderView, toCustomerOrder),
    'POST /work-orders/{id}/cancel': json(customerOrderView, toCustomerOrder),
    'GET /work-orders/{id}/booking-windows': json(customerBookingWindowsView, toCustomerBookingWindows),
    'GET /work-orders/{id}/history': json(list(customerHistoryEntry), async (l: { items: Parameters<typeof toCustomerHistory>[0] }, c) => {
      const names = await technicianNames(assignedTechnicianIds(l.items));
      return { items: toCustomerHistory(l.items, (id) => names.get(id) ?? null, await orderTimeZone(c.req.param('id') ?? '')) };
    }),
    'GET /work-orders/{id}/photos': json(list(customerPhotoView), (l: { items: Parameters<typeof toCustomerPhoto>[0][] }) => ({ items: l.items.map(toCustomerPhoto) })),
    'GET /photos/{id}': { kind: 'file', contentTypes: /^image\/(jpeg|png|webp)$/ },
    'GET /work-orders/{id}/visit': json(customerVisitView, toCustomerVisit),
    'GET /work-orders/{id}/promise': json(customerPromiseView, toCustomerPromise),
    // A customer's return cases in plain words: their money, no staff names or findings.
    'GET /return-timelines': json(customerReturnCasesView, (l: { items: Parameters<typeof toCustomerReturnTimeline>[0][] }) => ({ items: l.items.map(toCustomerReturnTimeline) })),
    'GET /work-orders/{id}/fees': json(customerOrderFeesView, toCustomerOrderFees),
    'GET /fee-schedule': json(customerScheduleView, toCustomerSchedule),
    // Quotes offered to the customer, accepted or refused in the portal (or through the SMS link, open to anyone with it); the receipt.
    'GET /work-orders/{id}/quotes': json(customerQuoteListView, toCustomerQuoteList),
    'POST /work-orders/{id}/quotes/{quoteId}/accept': json(customerQuoteView, toCustomerQuote),
    'POST /work-orders/{id}/quotes/{quoteId}/refuse': json(customerQuoteView, toCustomerQuote),
    'GET /quote-links/{token}': json(linkQuoteView, (v: never) => v),
    'POST /quote-links/{token}/accept': json(customerQuoteView, toCustomerQuote),
    'POST /quote-links/{token}/refuse': json(customerQuoteView, toCustomerQuote),
    'GET /work-orders/{id}/receipt': json(customerReceiptView, toCustomerReceipt),
    'GET /receipt-links/{token}': { kind: 'file', contentTypes: /^text\/html/ },
    // Fee disputes in plain words: what was disputed, where it stands, the answer and the refund; no staff names.
    'GET /work-orders/{id}/disputable-fees': json(customerDisputableFeesView, toCustomerDisputableFees),
    'POST /work-orders/{id}/fee-disputes': json(customerDisputeView, toCustomerDispute),
    'GET /fee-disputes': json(customerDisputesView, (p: Page<Parameters<typeof toCustomerDispute>[0]>) => pageOf(p, toCustomerDispute)),
    'GET /fee-disputes/{id}': json(customerDisputeView, toCustomerDispute),
    'POST /fee-disputes/{id}/withdraw': json(customerDisputeView, toCustomerDispute),
    // The customer's own evidence: added to their open dispute, and read back as the image.
    'POST /fee-disputes/{id}/evidence': json(customerDisputeView, toCustomerDispute),
    'GET /fee-disputes/{id}/evidence/{fileId}': { kind: 'file', contentTypes: /^image\/(jpeg|png|webp)$/ },
    // The survey behind its signed link (open to anyone with it): the order's number and kind, no staff.
    'GET /survey-links/{token}': json(customerSurveyView, toCustomerSurvey),
    'POST /survey-links/{token}': json(customerSurveyView, toCustomerSurvey),
    // The open survey of their own order, with its one-time link's token: the portal opens the survey page.
    'GET /follow-ups/portal-survey/{id}': json(portalSurveyView, toPortalSurvey),
    // Complaints: the service answers a customer in their own plain shape (no staff names, levels' internals or notes); checked here.
    'POST /complaints': json(customerComplaintView, (v: never) => v),
    'GET /complaints': json(customerComplaintsView, (v: never) => v),
    'GET /complaints/{id}': json(customerComplaintView, (v: never) => v),
    'POST /complaints/{id}/answer': json(customerComplaintView, (v: never) => v),
    // Suggestions: the service builds the customer's view (their words, status, answer; no staff).
    'POST /contacts/suggestions': json(customerSuggestionView, (v: never) => v),
    'GET /contacts/suggestions': json(customerSuggestionsView, (v: never) => v),
    'GET /contacts/suggestions/{id}': json(customerSuggestionView, (v: never) => v),
    // Care: the customer's own inbox and consent switches (built for the customer by the service).
    'GET /portal/care/messages': json(customerInboxView, (v: never) => v),
    'POST /portal/care/messages/{id}/read': json(customerInboxItem, (v: never) => v),
    'GET /portal/care/consents': json(customerConsentView, (v: never) => v),
    'PUT /portal/care/consents': json(customerConsentView, (v: never) => v),
    // Its signed links, opened by whoever holds them (a signed-in customer too): what was unsubscribed, where a link leads.
    'GET /care-links/unsubscribe/{token}': json(customerUnsubscribeView, (v: never) => v),
    'POST /care-links/unsubscribe/{token}': json(customerUnsubscribeView, (v: never) => v),
    'GET /care-links/click/{token}': json(customerClickView, (v: never) => v),
    // Their unit's paid cover: dates, price, what it covers, visit days, what a cancellation owes back; no seller, no history.
    'GET /units/{id}/contracts': json(customerContractsView, (v: { items: ContractView[] }) => ({ items: v.items.map(toCustomerContract) })),
    // Their renewal: the new contract in the same view (no seller, no history).
    'POST /contracts/{id}/renew': json(customerContractView, toCustomerContract),
    // Their tier, what it gives (the dedicated line), its changes in words, their referral link; no staff, no value score.
    'GET /customers/{id}/loyalty': json(customerOwnLoyaltyView, toCustomerOwnLoyalty),
    'POST /customers/{id}/referral-code': json(customerOwnLoyaltyView, toCustomerOwnLoyalty),
  };
}

/** Not the API: the probe, the API's own description and reference. */
const notApi = /^\/(health|openapi\.json|docs)(\/|$)/;
/** The ways in act on the credentials in the body, not on whoever is signed in. */
const waysIn = new Set(defaultCsrfExempt.map((p) => `POST ${p}`));

/** The route a request reaches, as the OpenAPI document names it ("GET /work-orders/{id}"); null when none. */
export function routeKey(c: Context): string | null {
  // The first endpoint matched is the one that answers (a fixed path registered before a parameter one).
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
  if (!route) return null;
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  return `${method} ${route.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')}`;
}

const notForCustomers = () => new AppError('forbidden', 403, 'Not open to customers / 客户无此操作权限', []);

function refuse(c: Context, key: string, problem: string) {
  // The route and what did not fit, never the content: it may be someone's personal data.
  process.stderr.write(`customer view of ${key} refused: ${problem}\n`);
  return c.json({ error: { code: 'internal_error', message: 'Internal error / 服务器内部错误', details: [] } }, 500);
}

/** For a customer: only the listed routes, each answer in its customer shape. Mounted after the caller is known. */
export function customerGate(views: Record<string, CustomerView>): MiddlewareHandler {
  return async (c, next) => {
    const principal = c.get('principal') as { kind: string } | null | undefined;
    if (principal?.kind !== 'customer' || notApi.test(c.req.path)) return next();
    const key = routeKey(c);
    if (!key) return next(); // no such route: the 404 says so
    const view = views[key];
    if (!view) {
      if (waysIn.has(key)) return next();
      throw notForCustomers();
    }
    await next();
    const res = c.res;
    if (res.status < 200 || res.status >= 300) return;
    const replace = (answer: Response) => {
      // Cleared first: Hono would otherwise copy the staff answer's headers onto the new one.
      c.res = undefined;
      c.res = answer;
    };
    if (view.kind === 'empty') {
      if (res.body !== null && (await res.clone().text()) !== '') replace(refuse(c, key, 'a body where none belongs'));
      return;
    }
    if (view.kind === 'file') {
      if (!view.contentTypes.test(res.headers.get('content-type') ?? '')) replace(refuse(c, key, `content type ${res.headers.get('content-type')}`));
      return;
    }
    const shaped = await view.build((await res.json()) as never, c);
    const fit = view.schema.safeParse(shaped);
    if (!fit.success) return replace(refuse(c, key, fit.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')));
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    headers.set('content-type', 'application/json');
    replace(new Response(JSON.stringify(shaped), { status: res.status, headers }));
  };
}

import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { signatureHeader, timestampHeader } from '../notifications/index.js';
import {
  campaignRequest,
  campaignsQuery,
  campaignUpdate,
  campaignView,
  clickQuery,
  clickView,
  consentUpdate,
  consentView,
  conversionRequest,
  conversionView,
  customerConsentUpdate,
  customerConsentView,
  customerInboxItem,
  customerInboxView,
  dayQuery,
  dryRunView,
  inboundRequest,
  inboundView,
  inboxQuery,
  previewRequest,
  previewView,
  profileUpdate,
  reportView,
  runRequest,
  runView,
  settingsUpdate,
  settingsView,
  statusRequest,
  tokenParam,
  unsubscribeView,
} from './care.contract.js';
import type { CareService } from './care.service.js';

const tags = ['Care 客户关怀'];

export function careRoutes(service: CareService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'post', path: '/care/campaigns', tags, summary: 'Build a campaign (a draft): trigger, audience, template zh/en, channels, dates', request: jsonBody(campaignRequest), responses: { 201: jsonResponse(campaignView, 'Created'), ...errorResponses } }),
    async (c) => c.json(await service.create(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/care/campaigns', tags, summary: 'Campaigns, newest first', request: { query: campaignsQuery }, responses: { 200: jsonResponse(pageOf(campaignView), 'Campaigns'), ...errorResponses } }),
    async (c) => c.json(await service.list(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/care/campaigns/{id}', tags, summary: 'One campaign', request: { params: idParam }, responses: { 200: jsonResponse(campaignView, 'Campaign'), ...errorResponses } }),
    async (c) => c.json(await service.get(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/care/campaigns/{id}', tags, summary: 'Change a campaign', request: { params: idParam, ...jsonBody(campaignUpdate) }, responses: { 200: jsonResponse(campaignView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.update(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/care/campaigns/{id}/status', tags, summary: 'Activate, pause or archive a campaign (the daily run sends active ones)', request: { params: idParam, ...jsonBody(statusRequest) }, responses: { 200: jsonResponse(campaignView, 'Changed'), ...errorResponses } }),
    async (c) => c.json(await service.setStatus(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/care/campaigns/{id}/dry-run', tags, summary: "The audience's count and a sample of ten, each with its message as it would read; nothing is sent", request: { params: idParam, query: dayQuery }, responses: { 200: jsonResponse(dryRunView, 'Dry run'), ...errorResponses } }),
    async (c) => c.json(await service.dryRun(c.get('caller'), c.req.valid('param').id, c.req.valid('query').day), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/care/campaigns/{id}/run', tags, summary: 'Send an active campaign now for the day (exactly once per customer and occurrence; a re-run sends what is missing)', request: { params: idParam, ...jsonBody(runRequest) }, responses: { 200: jsonResponse(runView, 'Sent'), ...errorResponses } }),
    async (c) => c.json(await service.run(c.get('caller'), c.req.valid('param').id, c.req.valid('json').day), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/care/campaigns/{id}/report', tags, summary: 'Selected, sent, delivered, failed, clicked and converted', request: { params: idParam }, responses: { 200: jsonResponse(reportView, 'Report'), ...errorResponses } }),
    async (c) => c.json(await service.report(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/care/preview', tags, summary: 'A template with sample values in both languages, and its problems', request: jsonBody(previewRequest), responses: { 200: jsonResponse(previewView, 'Preview'), ...errorResponses } }),
    async (c) => c.json(await service.preview(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/care/settings', tags, summary: 'The frequency cap across all campaigns', responses: { 200: jsonResponse(settingsView, 'Settings'), ...errorResponses } }),
    async (c) => c.json(await service.settings(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/care/settings', tags, summary: 'Change the frequency cap (audited)', request: jsonBody(settingsUpdate), responses: { 200: jsonResponse(settingsView, 'Settings'), ...errorResponses } }),
    async (c) => c.json(await service.updateSettings(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/care/conversions', tags, summary: "A registration or purchase by a customer: attributed to the latest care message within its campaign's window", request: jsonBody(conversionRequest), responses: { 200: jsonResponse(conversionView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await service.recordConversion(c.get('caller'), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/customers/{id}/consents', tags, summary: "The customer's consent by channel and purpose, with source, evidence and history; their care profile", request: { params: idParam }, responses: { 200: jsonResponse(consentView, 'Consents'), ...errorResponses } }),
    async (c) => c.json(await service.consents(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/customers/{id}/consents', tags, summary: 'Record consent changes with their source and evidence (history kept)', request: { params: idParam, ...jsonBody(consentUpdate) }, responses: { 200: jsonResponse(consentView, 'Consents'), ...errorResponses } }),
    async (c) => c.json(await service.updateConsents(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/customers/{id}/care-profile', tags, summary: 'Birthday calendar (solar or lunar), time zone for quiet hours, WeChat openid', request: { params: idParam, ...jsonBody(profileUpdate) }, responses: { 200: jsonResponse(consentView, 'Consents'), ...errorResponses } }),
    async (c) => c.json(await service.updateProfile(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  // Open to anyone holding the signed link (no session): one click unsubscribes.
  r.openapi(
    createRoute({ method: 'get', path: '/care-links/unsubscribe/{token}', tags, summary: 'One click: stop marketing on the channel the message came by (no sign-in)', request: { params: tokenParam }, responses: { 200: jsonResponse(unsubscribeView, 'Unsubscribed'), ...errorResponses } }),
    async (c) => c.json(await service.unsubscribe(c.req.valid('param').token), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/care-links/unsubscribe/{token}', tags, summary: 'The same, for mail clients (RFC 8058 List-Unsubscribe-Post)', request: { params: tokenParam }, responses: { 200: jsonResponse(unsubscribeView, 'Unsubscribed'), ...errorResponses } }),
    async (c) => c.json(await service.unsubscribe(c.req.valid('param').token), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/care-links/click/{token}', tags, summary: "A message's link: the click is counted once, then on to the offer (no sign-in)", request: { params: tokenParam, query: clickQuery }, responses: { 200: jsonResponse(clickView, 'Where the link leads (with ?json=1)'), 302: { description: 'On to the offer' }, ...errorResponses } }),
    async (c) => {
      const { url } = await service.click(c.req.valid('param').token);
      return c.req.valid('query').json ? c.json({ url }, 200) : c.redirect(url, 302);
    },
  );
  // Open to the SMS gateway (no session): the request is signed with its shared secret, as receipts are.
  r.openapi(
    createRoute({
      method: 'post',
      path: '/care/sms-inbound',
      tags,
      summary: `A reply to an SMS from the gateway, signed: ${timestampHeader} and ${signatureHeader} (as delivery receipts); 退订/TD stops marketing by SMS`,
      request: { body: { content: { 'application/json': { schema: inboundRequest } } } },
      responses: { 200: jsonResponse(inboundView, 'Applied'), ...errorResponses },
    }),
    async (c) => c.json(await service.inboundSms(await c.req.text(), c.req.header(timestampHeader), c.req.header(signatureHeader)), 200),
  );
  // The customer's own (the portal).
  r.openapi(
    createRoute({ method: 'get', path: '/portal/care/messages', tags, summary: "The signed-in customer's messages (inbox), newest first", request: { query: inboxQuery }, responses: { 200: jsonResponse(customerInboxView, 'Inbox'), ...errorResponses } }),
    async (c) => c.json(await service.inbox(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/portal/care/messages/{id}/read', tags, summary: 'Mark a message read', request: { params: idParam }, responses: { 200: jsonResponse(customerInboxItem, 'Read'), ...errorResponses } }),
    async (c) => c.json(await service.readMessage(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/portal/care/consents', tags, summary: "The signed-in customer's consent switches", responses: { 200: jsonResponse(customerConsentView, 'Consents'), ...errorResponses } }),
    async (c) => c.json(await service.myConsents(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/portal/care/consents', tags, summary: 'Switch consent by channel and purpose (kept as evidence)', request: jsonBody(customerConsentUpdate), responses: { 200: jsonResponse(customerConsentView, 'Consents'), ...errorResponses } }),
    async (c) => c.json(await service.updateMyConsents(c.get('caller'), c.req.valid('json')), 200),
  );
  void z;
  return r;
}

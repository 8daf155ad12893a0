import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router.js';
import { errorResponses, idParam, jsonBody, jsonResponse, pageOf } from '../../http/schemas.js';
import { attributeRequest, customerLoyaltyView, inviteRequest, leadListQuery, leadRequest, leadStatusRequest, leadView, qualifyRequest, recomputeRequest, recomputeView, referralListQuery, referralView, reverseRequest, tierParam, tierRuleRequest, tierRuleView, tierRulesView } from './loyalty.contract.js';
import type { LoyaltyService } from './loyalty.service.js';

const tags = ['Loyalty 会员'];
const leadTags = ['Sales leads 销售线索'];

export function loyaltyRoutes(service: LoyaltyService) {
  const r = createRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/loyalty/tier-rules', tags, summary: 'Each tier\u2019s rule (spend, units, tenure, referrals; invitation-only) and entitlements', responses: { 200: jsonResponse(tierRulesView, 'Rules'), ...errorResponses } }),
    async (c) => c.json(await service.tierRules(c.get('caller')), 200),
  );
  r.openapi(
    createRoute({ method: 'put', path: '/loyalty/tier-rules/{tier}', tags, summary: 'Set a tier\u2019s rule and entitlements (with its version when it has one)', request: { params: tierParam, ...jsonBody(tierRuleRequest) }, responses: { 200: jsonResponse(tierRuleView, 'Set'), ...errorResponses } }),
    async (c) => c.json(await service.putTierRule(c.get('caller'), c.req.valid('param').tier, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/loyalty/recompute', tags, summary: 'Run the nightly recompute now (tiers and value; a night runs once)', request: jsonBody(recomputeRequest), responses: { 200: jsonResponse(recomputeView, 'Run'), ...errorResponses } }),
    async (c) => c.json(await service.recomputeNow(c.get('caller'), c.req.valid('json').runDay), 200),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/customers/{id}/loyalty', tags, summary: 'The customer\u2019s tier, entitlements (dedicated line), tier history, value score and referral link', request: { params: idParam }, responses: { 200: jsonResponse(customerLoyaltyView, 'Loyalty'), ...errorResponses } }),
    async (c) => c.json(await service.customerLoyalty(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/customers/{id}/tier-invitation', tags, summary: 'Give an invitation-only tier by hand (kept until withdrawn, whatever the rules)', request: { params: idParam, ...jsonBody(inviteRequest) }, responses: { 200: jsonResponse(customerLoyaltyView, 'Invited'), ...errorResponses } }),
    async (c) => c.json(await service.invite(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/customers/{id}/referral-code', tags, summary: 'The customer\u2019s referral code and link, made once', request: { params: idParam }, responses: { 200: jsonResponse(customerLoyaltyView, 'Code'), ...errorResponses } }),
    async (c) => c.json(await service.referralCode(c.get('caller'), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/referrals', tags, summary: 'Attribute a newly registered friend to a referral code (no self, existing-customer or same-household referral)', request: jsonBody(attributeRequest), responses: { 201: jsonResponse(referralView, 'Attributed'), ...errorResponses } }),
    async (c) => c.json(await service.attribute(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/referrals', tags, summary: 'Referrals, newest first', request: { query: referralListQuery }, responses: { 200: jsonResponse(pageOf(referralView), 'Referrals'), ...errorResponses } }),
    async (c) => c.json(await service.referrals(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/referrals/{id}/qualify', tags, summary: 'The friend\u2019s purchase: rewarded, or not (too small; the household\u2019s yearly cap)', request: { params: idParam, ...jsonBody(qualifyRequest) }, responses: { 200: jsonResponse(referralView, 'Decided'), ...errorResponses } }),
    async (c) => c.json(await service.qualify(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/referrals/{id}/reverse', tags, summary: 'The purchase was returned: the reward is taken back', request: { params: idParam, ...jsonBody(reverseRequest) }, responses: { 200: jsonResponse(referralView, 'Reversed'), ...errorResponses } }),
    async (c) => c.json(await service.reverse(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/sales-leads', tags: leadTags, summary: 'Record a sales lead from service (interest at follow-up, an old unit out of warranty, a trade-in)', request: jsonBody(leadRequest), responses: { 201: jsonResponse(leadView, 'Recorded'), ...errorResponses } }),
    async (c) => c.json(await service.createLead(c.get('caller'), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: '/sales-leads', tags: leadTags, summary: 'Sales leads with status, newest first', request: { query: leadListQuery }, responses: { 200: jsonResponse(pageOf(leadView), 'Leads'), ...errorResponses } }),
    async (c) => c.json(await service.leads(c.get('caller'), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/sales-leads/{id}/status', tags: leadTags, summary: 'Move a lead: contacted, won, lost', request: { params: idParam, ...jsonBody(leadStatusRequest) }, responses: { 200: jsonResponse(leadView, 'Moved'), ...errorResponses } }),
    async (c) => c.json(await service.setLeadStatus(c.get('caller'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return r;
}

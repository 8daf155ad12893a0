import { z } from '@hono/zod-openapi';
import { pageQuery } from '../../shared/paging.js';
import { rowVersion, workDay } from '../../http/schemas.js';

const fen = z.number().int().min(0).max(10_000_000_000);
const small = (max: number) => z.number().int().min(0).max(max);
const bilingual = z.object({ zh: z.string(), en: z.string() });

export const tierRuleRequest = z
  .object({
    version: rowVersion.optional().openapi({ description: 'the rule\u2019s version when changing it; absent when the tier has no rule yet' }),
    invitationOnly: z.boolean().openapi({ description: 'given by hand only, never earned' }),
    minSpendFen: fen.default(0),
    minUnits: small(1000).default(0),
    minTenureMonths: small(1200).default(0),
    minReferrals: small(1000).default(0),
    plannerBonus: small(50).nullable().default(null).openapi({ description: 'weight the day planner adds to the tier\u2019s orders; null: by rank' }),
    feeDiscountPercent: small(100).default(0),
    freeVisitsPerYear: small(24).default(0),
    dedicatedLine: z.string().trim().min(3).max(32).nullable().default(null),
  })
  .openapi('LoyaltyTierRule');
export const tierParam = z.object({ tier: z.string().trim().min(1).max(40).openapi({ param: { name: 'tier', in: 'path' } }) });

export const tierRuleView = z.object({
  tier: z.string(),
  invitationOnly: z.boolean(),
  minSpendFen: z.number().int(),
  minUnits: z.number().int(),
  minTenureMonths: z.number().int(),
  minReferrals: z.number().int(),
  plannerBonus: z.number().int().nullable(),
  feeDiscountPercent: z.number().int(),
  freeVisitsPerYear: z.number().int(),
  dedicatedLine: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export const tierRulesView = z.object({ items: z.array(tierRuleView.extend({ nameZh: z.string(), nameEn: z.string(), rank: z.number().int() })) }).openapi('LoyaltyTierRules');

export const inviteRequest = z.object({ tier: z.string().trim().min(1).max(40), reason: z.string().trim().min(1).max(500) }).openapi('LoyaltyInvite');
export const recomputeRequest = z.object({ runDay: workDay.openapi({ description: 'the night to run for (a night runs once)' }) }).openapi('LoyaltyRecompute');
export const recomputeView = z.object({ runDay: z.string(), ran: z.boolean(), customers: z.number().int(), changed: z.number().int() }).openapi('LoyaltyRun');

const change = z.object({ fromTier: z.string(), toTier: z.string(), rule: z.string(), reason: bilingual, by: z.string(), at: z.string(), runDay: z.string().nullable() });
const value = z.object({ recency: z.number().int(), frequency: z.number().int(), monetary: z.number().int(), score: z.number().int(), top: z.boolean(), recencyDays: z.number().int().nullable(), purchases: z.number().int(), monetaryFen: z.number().int(), computedOn: z.string() });
const entitlements = z.object({ dedicatedLine: z.string().nullable(), feeDiscountPercent: z.number().int(), freeVisitsPerYear: z.number().int(), plannerBonus: z.number().int().nullable() });

export const customerLoyaltyView = z
  .object({ customerId: z.string(), tier: z.string(), invitedTo: z.string().nullable(), entitlements, history: z.array(change), value: value.nullable(), referralCode: z.string().nullable(), referralLink: z.string().nullable() })
  .openapi('CustomerLoyalty');
export type CustomerLoyaltyView = z.infer<typeof customerLoyaltyView>;

/** The portal's view: their tier, what it gives, its changes in words (no staff names), their referral link. */
export const customerOwnLoyaltyView = z.strictObject({
  tier: z.string(),
  entitlements: z.strictObject({ dedicatedLine: z.string().nullable(), feeDiscountPercent: z.number().int(), freeVisitsPerYear: z.number().int() }),
  history: z.array(z.strictObject({ fromTier: z.string(), toTier: z.string(), reason: z.strictObject({ zh: z.string(), en: z.string() }), at: z.string() })),
  referralCode: z.string().nullable(),
  referralLink: z.string().nullable(),
});
export function toCustomerOwnLoyalty(v: CustomerLoyaltyView): z.infer<typeof customerOwnLoyaltyView> {
  return {
    tier: v.tier,
    entitlements: { dedicatedLine: v.entitlements.dedicatedLine, feeDiscountPercent: v.entitlements.feeDiscountPercent, freeVisitsPerYear: v.entitlements.freeVisitsPerYear },
    history: v.history.map((h) => ({ fromTier: h.fromTier, toTier: h.toTier, reason: { zh: h.reason.zh, en: h.reason.en }, at: h.at })),
    referralCode: v.referralCode,
    referralLink: v.referralLink,
  };
}

export const attributeRequest = z.object({ code: z.string().trim().toUpperCase().regex(/^[A-Z2-9]{8}$/), friendId: z.string().uuid() }).openapi('ReferralAttribute');
export const qualifyRequest = z.object({ version: rowVersion, purchaseRef: z.string().trim().min(1).max(100), purchaseFen: fen }).openapi('ReferralQualify');
export const reverseRequest = z.object({ version: rowVersion, reason: z.string().trim().min(1).max(500) }).openapi('ReferralReverse');
export const referralView = z
  .object({
    id: z.string(),
    referrerId: z.string(),
    friendId: z.string(),
    status: z.enum(['attributed', 'rewarded', 'not_rewarded', 'reversed']),
    purchaseRef: z.string().nullable(),
    purchaseFen: z.number().int().nullable(),
    rewardFen: z.number().int(),
    rule: z.string().nullable(),
    reason: bilingual.nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    rewardedAt: z.string().nullable(),
    reversedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Referral');
export const referralListQuery = pageQuery.extend({ referrerId: z.string().uuid().optional(), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) });

export const leadSources = ['follow_up_interest', 'out_of_warranty', 'trade_in'] as const;
export const leadStatuses = ['new', 'contacted', 'won', 'lost'] as const;
export const leadRequest = z.object({ customerId: z.string().uuid(), unitId: z.string().uuid().nullish(), source: z.enum(leadSources), note: z.string().trim().min(1).max(1000).nullish() }).openapi('SalesLeadCreate');
export const leadStatusRequest = z.object({ version: rowVersion, status: z.enum(leadStatuses), note: z.string().trim().min(1).max(1000).nullish() }).openapi('SalesLeadStatus');
export const leadListQuery = pageQuery.extend({ status: z.enum(leadStatuses).optional(), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) });
export const leadView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    unitId: z.string().nullable(),
    source: z.enum(leadSources),
    status: z.enum(leadStatuses),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
    history: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), note: z.string().nullable(), by: z.string(), at: z.string() })),
  })
  .openapi('SalesLead');

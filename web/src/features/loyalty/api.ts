// The loyalty module's API: each path and its types declared once, from the module's contract.
// Tier rules and entitlements, a customer's loyalty (tier, history, value, referral link), the
// invitation by hand, referrals, and the sales leads with their status.
import type { z } from 'zod';
import { get, post, put, query } from '../../shared/api';
import type { Page } from '../../shared/types';
import type { customerLoyaltyView, customerOwnLoyaltyView, inviteRequest, leadStatusRequest, leadStatuses, leadView, referralView, tierRuleRequest, tierRuleView, tierRulesView } from '../../../../src/modules/loyalty/loyalty.contract';

export type CustomerLoyalty = z.infer<typeof customerLoyaltyView>;
export type MyLoyalty = z.infer<typeof customerOwnLoyaltyView>;
export type TierRule = z.infer<typeof tierRulesView>['items'][number];
export type TierRuleInput = z.input<typeof tierRuleRequest>;
export type Referral = z.infer<typeof referralView>;
export type Lead = z.infer<typeof leadView>;
export type LeadStatus = (typeof leadStatuses)[number];

export const customerLoyalty = (customerId: string) => get<CustomerLoyalty>(`/customers/${customerId}/loyalty`);
export const makeReferralCode = (customerId: string) => post<CustomerLoyalty>(`/customers/${customerId}/referral-code`);
export const inviteToTier = (customerId: string, body: z.input<typeof inviteRequest>) => post<CustomerLoyalty>(`/customers/${customerId}/tier-invitation`, body);
export const tierRules = () => get<z.infer<typeof tierRulesView>>('/loyalty/tier-rules');
export const putTierRule = (tier: string, body: TierRuleInput) => put<z.infer<typeof tierRuleView>>(`/loyalty/tier-rules/${encodeURIComponent(tier)}`, body);
export const referrals = (offset = 0) => get<Page<Referral>>(`/referrals${query({ limit: 50, offset })}`);
export const leads = (status: LeadStatus | '', offset = 0) => get<Page<Lead>>(`/sales-leads${query({ limit: 50, offset, status: status || undefined })}`);
export const setLeadStatus = (id: string, body: z.input<typeof leadStatusRequest>) => post<Lead>(`/sales-leads/${id}/status`, body);
/** The portal: the customer's own tier and referral link (their own view: no staff, no score). */
export const myLoyalty = (customerId: string) => get<MyLoyalty>(`/customers/${customerId}/loyalty`);
export const makeMyReferralCode = (customerId: string) => post<MyLoyalty>(`/customers/${customerId}/referral-code`);

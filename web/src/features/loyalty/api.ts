// The loyalty module's API: each path and its types declared once, from the module's contract.
import type { z } from 'zod';
import { get, post } from '../../shared/api';
import type { customerLoyaltyView } from '../../../../src/modules/loyalty/loyalty.contract';

export type CustomerLoyalty = z.infer<typeof customerLoyaltyView>;

export const customerLoyalty = (customerId: string) => get<CustomerLoyalty>(`/customers/${customerId}/loyalty`);
export const makeReferralCode = (customerId: string) => post<CustomerLoyalty>(`/customers/${customerId}/referral-code`);

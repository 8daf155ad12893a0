// The loyalty area: the customer page's panel, the tier rules and referrals page, the sales leads
// page, and the portal's referral card. Other features call its client, ./api, directly.
export { LoyaltyPanel } from './LoyaltyPanel';
export { LoyaltyPage } from './LoyaltyPage';
export { LeadsPage } from './LeadsPage';
export { PortalReferral } from './PortalReferral';

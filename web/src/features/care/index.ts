// The care area's face: campaigns (builder with dry run and preview, report), a customer's consent
// panel for the customer page, and the portal's messages and consent switches.
export { CampaignsPage, CampaignPage } from './Campaigns';
export { ConsentPanel } from './ConsentPanel';
export { PortalCare } from './PortalCare';

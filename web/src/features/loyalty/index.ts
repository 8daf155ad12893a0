// The loyalty area's components other features show (the customer page). Other features call its client, ./api, directly.
export { LoyaltyPanel } from './LoyaltyPanel';

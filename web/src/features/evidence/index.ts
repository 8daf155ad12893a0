// The evidence area's face: the order page's evidence card and the managers' rules page.
// Other features call its client, ./api, directly.
export { OrderEvidence } from './OrderEvidence';
export { EvidenceRulesPage } from './EvidenceRules';

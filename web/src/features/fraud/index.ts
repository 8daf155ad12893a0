// The fraud signals area's face: the review queue with each score explained, the rules editor, the rates by provider.
export { FraudQueuePage } from './FraudQueue';
export { FraudRulesPage } from './FraudRules';
export { FraudRatesPage } from './FraudRates';

// The settlement area's face: statements (a provider's own, headquarters' all), one statement with
// every line explained and its steps, the rules editor, technician pay.
export { StatementsPage } from './StatementsPage';
export { StatementPage } from './StatementPage';
export { SettlementRulesPage } from './RulesPage';

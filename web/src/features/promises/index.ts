// The promises area's face to the app and to other features: pages and the order's clocks. Other
// features call its client, ./api, directly. The report page is not here: it draws charts and is
// loaded on its own (App.tsx), so ECharts stays out of the first load.
export { AtRiskPage } from './AtRisk';
export { PromiseSettingsPage } from './PromiseSettings';
export { CalendarPage } from './Calendar';
export { PolicyPage } from './Policy';
export { PromiseClocks } from './PromiseClocks';

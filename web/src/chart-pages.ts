// The two pages that draw charts, loaded together and only when one opens (App.tsx): ECharts stays
// out of the first load, and moving from one to the other waits for no download.
export { DashboardPage } from './features/dashboard/Dashboard';
export { PromiseReportPage } from './features/promises/PromiseReport';
export { QualityDashboardPage } from './features/quality';
export { ScorecardPage } from './features/scorecard/ScorecardPage';

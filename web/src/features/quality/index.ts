// The quality area's face: the quality engineer's dashboard (loaded with the other chart pages, see web/src/chart-pages.ts).
export { QualityDashboardPage } from './QualityDashboard';

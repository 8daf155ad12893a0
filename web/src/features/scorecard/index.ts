// The scorecard area's face: the measure admin. The scorecard page itself draws charts and is loaded
// with the other chart pages (web/src/chart-pages.ts), so ECharts stays out of the first load.
export { MeasuresPage } from './MeasuresPage';

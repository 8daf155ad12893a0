// The returns area's face: the desk's case list and case page, the managers' statistics.
export { ReturnCasesPage } from './ReturnCases';
export { ReturnCasePage } from './ReturnCase';
export { ReturnStatisticsPage } from './ReturnStatistics';
export { OrderReturnCase } from './OpenCase';

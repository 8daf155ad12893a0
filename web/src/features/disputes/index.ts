// The fee disputes area's face: the disputes card under an order's charges (portal and console),
// the desk's queue with its review form, the managers' statistics.
export { FeeDisputes } from './FeeDisputes';
export { DisputesQueuePage } from './DisputesQueue';
export { DisputeStatisticsPage } from './DisputeStatistics';

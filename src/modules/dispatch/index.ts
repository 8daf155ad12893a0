import { defineModule } from '../../kernel/module.js';
import * as tables from './dispatch.tables.js';
import { dispatchRoutes } from './dispatch.routes.js';
import { createDispatchService, createProviderMatcher, type DispatchDeps } from './dispatch.service.js';
import type { OrderFollower } from '../work-orders/index.js';
import { defaultTravel, roadDistanceMetres, travelMatrix } from './travel.js';
import { dispatchJobs } from './dispatch.jobs.js';
import type { JobQueue } from '../../jobs/queue.js';

type DispatchNeeds = Omit<DispatchDeps, 'matcher' | 'travel' | 'planBudget' | 'placeOrder' | 'enqueueMany' | 'map'> & { jobs: Pick<JobQueue, 'enqueueMany'>; options: Pick<DispatchDeps, 'travel' | 'planBudget' | 'map'>; geocoding: { placeOrder: NonNullable<DispatchDeps['placeOrder']> }; followers: OrderFollower[] };

export { createDispatchService, createProviderMatcher, type DispatchService, type MapTiles, type ProviderMatcher } from './dispatch.service.js';
export { dispatchRoutes } from './dispatch.routes.js';
export { defaultTravel, osrmTable, roadDistanceMetres, travelMatrix, type TravelSettings } from './travel.js';
export { customerVisitView, toCustomerVisit } from './dispatch.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const dispatchModule = defineModule({
  name: 'dispatch',
  tables,
  build: (d: DispatchNeeds) => {
    const providerMatcher = createProviderMatcher(d);
    const travelTimes = (points: [number, number][]) => travelMatrix(d.options.travel ?? defaultTravel, points);
    // Fees measure remote fees on the same roads plans travel.
    const roadDistance = (from: [number, number], to: [number, number]) => roadDistanceMetres(d.options.travel ?? defaultTravel, from, to);
    return { providerMatcher, travelTimes, roadDistance, dispatch: createDispatchService({ ...d, enqueueMany: d.jobs.enqueueMany, matcher: providerMatcher, travel: d.options.travel, planBudget: d.options.planBudget, map: d.options.map, placeOrder: d.geocoding.placeOrder }) };
  },
  // Work orders ask it whether a provider chosen by hand overrides the automatic choice, and how a provider fits a corrected order.
  followers: (s): OrderFollower[] => [
    {
      name: 'dispatch',
      providerOverride: s.providerMatcher.override,
      travelMatrix: s.travelTimes,
      providerVerdict: async (q, orderId, providerId) => (await s.providerMatcher.forOrder(q, orderId)).find((v) => v.providerId === providerId) ?? null,
    },
  ],
  routes: (s) => dispatchRoutes(s.dispatch),
  jobs: (s) => dispatchJobs(s.dispatch),
});

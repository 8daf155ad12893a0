import { defineModule } from '../../kernel/module.js';
import * as tables from './dispatch.tables.js';
import { dispatchRoutes } from './dispatch.routes.js';
import { createDispatchService, createProviderMatcher, type DispatchDeps } from './dispatch.service.js';

type DispatchNeeds = Omit<DispatchDeps, 'matcher' | 'travel' | 'planBudget'> & { options: Pick<DispatchDeps, 'travel' | 'planBudget'> };

export { createDispatchService, createProviderMatcher, type DispatchService, type ProviderMatcher } from './dispatch.service.js';
export { dispatchRoutes } from './dispatch.routes.js';
export { defaultTravel, osrmTable, type TravelSettings } from './travel.js';
export { customerVisitView, toCustomerVisit } from './dispatch.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const dispatchModule = defineModule({
  name: 'dispatch',
  tables,
  build: (d: DispatchNeeds) => {
    const providerMatcher = createProviderMatcher(d);
    return { providerMatcher, dispatch: createDispatchService({ ...d, matcher: providerMatcher, travel: d.options.travel, planBudget: d.options.planBudget }) };
  },
  // Work orders ask it whether a provider chosen by hand overrides the automatic choice.
  followers: (s) => [{ name: 'dispatch', providerOverride: s.providerMatcher.override }],
  routes: (s) => dispatchRoutes(s.dispatch),
});

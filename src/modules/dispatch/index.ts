import { defineModule } from '../../kernel/module.js';
import * as tables from './dispatch.tables.js';
import { dispatchRoutes } from './dispatch.routes.js';
import type { DispatchService } from './dispatch.service.js';

export { createDispatchService, createProviderMatcher, type DispatchService, type ProviderMatcher } from './dispatch.service.js';
export { dispatchRoutes } from './dispatch.routes.js';
export { defaultTravel, osrmTable, travelMatrix, type TravelSettings } from './travel.js';
export { customerVisitView, toCustomerVisit } from './dispatch.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const dispatchModule = defineModule<{ dispatch: DispatchService }>({
  name: 'dispatch',
  tables,
  routes: (s) => dispatchRoutes(s.dispatch),
});

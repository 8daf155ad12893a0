import { defineModule } from '../../kernel/module.js';
import * as tables from './network.tables.js';
import { networkRoutes } from './network.routes.js';
import type { NetworkService } from './network.service.js';

export { createNetworkService, technicianCondition, technicianVisibleSql, type NetworkService, type ProviderView, type TechnicianView } from './network.service.js';
export { networkRoutes } from './network.routes.js';
export { findTechnician, providerExists, providerNameSql, technicianNameSql } from './network.repo.js';
export * from './network.rules.js';
export type { ServiceArea, Shift } from './network.tables.js';

/** The module, as the server registers it (src/modules.ts). */
export const networkModule = defineModule<{ network: NetworkService }>({
  name: 'network',
  tables,
  routes: (s) => networkRoutes(s.network),
});

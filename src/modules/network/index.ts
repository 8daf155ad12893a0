import { defineModule } from '../../kernel/module.js';
import * as tables from './network.tables.js';
import { networkRoutes } from './network.routes.js';
import { createNetworkService } from './network.service.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';

export { createNetworkService, type NetworkService, type ProviderView, type TechnicianView } from './network.service.js';
export { networkRoutes } from './network.routes.js';
export { findTechnician, networkNames, providerExists, providerIdsByCodes, techniciansByPhones, providerTimeZone, providerZonesSql, providerNameSql, providerNameEnSql, technicianNameSql, technicianNameEnSql, type NetworkName, technicianVisibleSql } from './network.repo.js';
export * from './network.rules.js';
export type { ServiceArea, Shift } from './network.tables.js';

/** The module, as the server registers it (src/modules.ts). */
export const networkModule = defineModule({
  name: 'network',
  tables,
  build: (d: { db: Db; clock: Clock }) => ({ network: createNetworkService(d) }),
  routes: (s) => networkRoutes(s.network),
});

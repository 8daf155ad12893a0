import type { Database } from './db/database.js';
import type { Clock } from './shared/clock.js';
import { createCustomersService } from './modules/customers/index.js';
import { createCatalogService } from './modules/catalog/index.js';
import { createNetworkService } from './modules/network/index.js';
import { createUnitsService } from './modules/units/index.js';
import { createWorkOrdersService, serviceHistoryOf } from './modules/work-orders/index.js';
import { createNotificationsService } from './modules/notifications/index.js';

/** Builds every module's service once, from its dependencies. */
export function createServices(database: Database, clock: Clock) {
  const { db } = database;
  const customers = createCustomersService({ db, clock });
  const catalog = createCatalogService({ db, clock });
  const network = createNetworkService({ db, clock });
  const units = createUnitsService({ db, clock, catalog, customers, network, serviceHistory: serviceHistoryOf });
  const workOrders = createWorkOrdersService({ db, clock, customers, units, network, catalog });
  const notifications = createNotificationsService({ db });
  return { database, customers, catalog, network, units, workOrders, notifications };
}

export type Services = ReturnType<typeof createServices>;

import type { Database } from './db/database.js';
import type { Clock } from './shared/clock.js';
import { createCustomersService } from './modules/customers/index.js';
import { createCatalogService } from './modules/catalog/index.js';
import { createNetworkService } from './modules/network/index.js';
import { createTrainingService } from './modules/training/index.js';
import { createUnitsService } from './modules/units/index.js';
import { createWorkOrdersService, serviceHistoryOf, customerVisibleSql, unitVisibleSql, customersWithOpenOrderOf, orderScopeSql } from './modules/work-orders/index.js';
import { createNotificationsService } from './modules/notifications/index.js';
import { auditWith, createAccessService, type AccessDeps, type AuditFn } from './modules/access/index.js';

/** Builds every module's service once, from its dependencies. */
export type ServiceOptions = { secretKey?: string; accessLimits?: AccessDeps['limits'] };

export function createServices(database: Database, clock: Clock, options: ServiceOptions = {}) {
  const { db } = database;
  const audit = auditWith(clock) as AuditFn;
  const access = createAccessService({ db, clock, sessionSecretKey: options.secretKey, limits: options.accessLimits });
  const customers = createCustomersService({ db, clock, audit, customerVisibleSql, withOpenOrderOf: customersWithOpenOrderOf });
  const catalog = createCatalogService({ db, clock });
  const network = createNetworkService({ db, clock });
  const training = createTrainingService({ db, clock, network });
  const units = createUnitsService({ db, clock, catalog, customers, network, serviceHistory: serviceHistoryOf, unitVisibleSql, orderScopeSql });
  const workOrders = createWorkOrdersService({ db, clock, audit, customers, units, network, catalog, training });
  const notifications = createNotificationsService({ db });
  return { database, clock, audit, access, customers, catalog, network, training, units, workOrders, notifications };
}

export type Services = ReturnType<typeof createServices>;

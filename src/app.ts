import type { Database } from './db/database.js';
import type { Clock } from './shared/clock.js';
import { createCustomersService } from './modules/customers/index.js';
import { createCatalogService } from './modules/catalog/index.js';
import { createNetworkService } from './modules/network/index.js';
import { createUnitsService } from './modules/units/index.js';
import { createWorkOrdersService, serviceHistoryOf, customerVisibleSql, unitVisibleSql, customersWithOpenOrderOf, orderScopeSql } from './modules/work-orders/index.js';
import { createNotificationsService } from './modules/notifications/index.js';
import { auditLog } from './modules/access/access.tables.js';
import { actorName, type AuditFn } from './modules/access/access.scope.js';
import type { Queryable } from './db/database.js';

/** Builds every module's service once, from its dependencies. */
export function createServices(database: Database, clock: Clock) {
  const { db } = database;
  const audit: AuditFn = async (q, e) => {
    const p = e.caller.principal;
    await (q as Queryable).insert(auditLog).values({
      at: clock.now(),
      actorKind: p.kind === 'staff' ? (p.via === 'token' ? 'token' : 'staff') : p.kind,
      actorId: p.kind === 'staff' ? p.userId : p.kind === 'customer' ? p.customerId : null,
      actorName: actorName(p),
      address: e.caller.address,
      action: e.action,
      subjectKind: e.subjectKind,
      subjectId: e.subjectId,
      outcome: 'ok',
      details: e.details ?? {},
    });
  };
  const customers = createCustomersService({ db, clock, audit, customerVisibleSql, withOpenOrderOf: customersWithOpenOrderOf });
  const catalog = createCatalogService({ db, clock });
  const network = createNetworkService({ db, clock });
  const units = createUnitsService({ db, clock, catalog, customers, network, serviceHistory: serviceHistoryOf, unitVisibleSql, orderScopeSql });
  const workOrders = createWorkOrdersService({ db, clock, audit, customers, units, network, catalog });
  const notifications = createNotificationsService({ db });
  return { database, clock, audit, customers, catalog, network, units, workOrders, notifications };
}

export type Services = ReturnType<typeof createServices>;

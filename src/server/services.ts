import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { createCustomersService } from '../modules/customers/index.js';
import { createCatalogService } from '../modules/catalog/index.js';
import { createNetworkService } from '../modules/network/index.js';
import { createTrainingService } from '../modules/training/index.js';
import { createDispatchService, createProviderMatcher, type TravelSettings } from '../modules/dispatch/index.js';
import type { SolveOptions } from '../modules/dispatch/solver/types.js';
import { createUnitsService, ownsSerialSql } from '../modules/units/index.js';
import { createPhotosService, createWorkOrdersService, serviceHistoryOf, customerVisibleSql, unitVisibleSql, customersWithOpenOrderOf, orderScopeSql } from '../modules/work-orders/index.js';
import { createNotificationsService } from '../modules/notifications/index.js';
import { createPromisesService } from '../modules/promises/index.js';
import { createJobQueue, type JobDefinition, type QueueOptions } from '../jobs/queue.js';
import type { AppModule } from '../kernel/module.js';
import { createAccessService, type AccessDeps } from '../modules/access/index.js';
import { auditWith, groupedAuditWith, type AuditFn } from '../kernel/audit.js';

/** Builds every module's service once, from its dependencies. */
export type ServiceOptions = { secretKey?: string; accessLimits?: AccessDeps['limits']; queue?: QueueOptions; travel?: TravelSettings; planBudget?: SolveOptions; checkInFarMetres?: number; photoLimitBytes?: number; publicUrl?: string };

export function createServices(database: Database, clock: Clock, options: ServiceOptions = {}) {
  const { db } = database;
  const audit = auditWith(clock) as AuditFn;
  const access = createAccessService({ db, clock, sessionSecretKey: options.secretKey, limits: options.accessLimits, publicUrl: options.publicUrl });
  const customers = createCustomersService({ db, clock, audit, customerVisibleSql, withOpenOrderOf: customersWithOpenOrderOf, ownsSerialSql });
  const catalog = createCatalogService({ db, clock });
  const network = createNetworkService({ db, clock });
  const training = createTrainingService({ db, clock, network });
  const matcher = createProviderMatcher({ clock, network, training });
  const units = createUnitsService({ db, clock, catalog, customers, network, serviceHistory: serviceHistoryOf, unitVisibleSql, orderScopeSql });
  const jobs = createJobQueue(database, options.queue);
  const promises = createPromisesService({
    db,
    clock,
    audit,
    enqueue: jobs.enqueue,
    enqueueMany: jobs.enqueueMany,
    categoryOfUnit: async (q, unitId, customerId) => {
      const unit = await units.unitOfCustomer(q, unitId, customerId);
      return unit ? (await catalog.modelById(q, unit.modelId)).categoryId : null;
    },
  });
  const workOrders = createWorkOrdersService({ db, clock, audit, customers, units, network, catalog, training, followers: [promises.orderFollower], providerOverride: matcher.override, checkInFarMetres: options.checkInFarMetres });
  const photos = createPhotosService({ db, clock, workOrders, limitBytes: options.photoLimitBytes ?? 8_000_000 });
  const notifications = createNotificationsService({ db });
  const dispatch = createDispatchService({ db, clock, network, training, workOrders, matcher, travel: options.travel, planBudget: options.planBudget });
  const requestAudit = groupedAuditWith(db, clock);
  return { database, clock, audit, requestAudit, access, customers, catalog, network, training, units, workOrders, photos, dispatch, notifications, promises, jobs };
}

export type Services = ReturnType<typeof createServices>;

/** Every registered module's jobs, for the workers a server copy starts. */
export function moduleJobs(services: Services, list: AppModule<Services>[]): JobDefinition[] {
  return list.flatMap((m) => m.jobs?.(services) ?? []);
}

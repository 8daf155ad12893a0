import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { createJobQueue, type JobDefinition } from '../jobs/queue.js';
import { buildModules } from '../kernel/module.js';
import { auditWith, groupedAuditWith } from '../kernel/audit.js';
import { createAnnouncements } from '../kernel/events.js';
import type { OrderFollower } from '../modules/work-orders/index.js';
import { modules } from '../modules.js';
import { bridges, type ModuleBase, type ServiceOptions } from './base.js';

export type { ServiceOptions } from './base.js';

/** Builds every module's service once, in the order of src/modules.ts. */
export function createServices(database: Database, clock: Clock, options: ServiceOptions = {}) {
  const followers: OrderFollower[] = [];
  const base: ModuleBase = { ...bridges, database, db: database.db, clock, audit: auditWith(clock), jobs: createJobQueue(database, options.queue), options, followers, announcements: createAnnouncements() };
  return { ...buildModules(modules, base, followers), requestAudit: groupedAuditWith(database.db, clock) };
}

export type Services = ReturnType<typeof createServices>;

/** Every registered module's jobs, for the workers a server copy starts. */
export function moduleJobs(services: Services): JobDefinition[] {
  return modules.list.flatMap((m) => m.jobs?.(services) ?? []);
}

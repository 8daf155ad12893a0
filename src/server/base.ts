// What the root gives every module's `build`, besides the services of modules built before it.
import type { Database, Db } from '../db/database.js';
import type { MessagingConfig } from '../config/config.js';
import type { Clock } from '../shared/clock.js';
import type { JobQueue, QueueOptions } from '../jobs/queue.js';
import type { AuditFn } from '../kernel/audit.js';
import type { Announcements } from '../kernel/events.js';
import type { SolveOptions } from '../modules/dispatch/solver/types.js';
import type { AccessDeps } from '../modules/access/index.js';
import type { MapTiles, TravelSettings } from '../modules/dispatch/index.js';
import type { GeocoderSettings } from '../modules/geocoding/index.js';
import type { BookingRules } from '../modules/work-orders/index.js';
import { ownsSerialSql } from '../modules/units/index.js';
import { contractCoverOf } from '../modules/contracts/index.js';
import { feeDiscountPercent, freeVisitsPerYear, plannerBonuses } from '../modules/loyalty/index.js';
import { promiseDueSql, promiseStateSql } from '../modules/promises/index.js';
import { customerVisibleSql, customersWithOpenOrderOf, orderScopeSql, serviceHistoryJsonSql, serviceHistoryOf, unitVisibleSql, type OrderFollower } from '../modules/work-orders/index.js';

/** Settings of the server (config) a module's `build` reads from `options`. */
export type ServiceOptions = { secretKey?: string; accessLimits?: AccessDeps['limits']; queue?: QueueOptions; travel?: TravelSettings; planBudget?: SolveOptions; checkInFarMetres?: number; checkInToleranceMinutes?: number; checkInFarApproximateMetres?: number; geocoder?: GeocoderSettings | null; messaging?: MessagingConfig; bookingRules?: Partial<BookingRules>; publicUrl?: string; photoLimitBytes?: number; disputeReviewHours?: number; surveyWaitDays?: number; complaintRepeatDays?: number; settlementApprovalThresholdFen?: number; importBatchRows?: number; liveHeartbeatMs?: number; navApp?: 'amap' | 'baidu' | 'apple'; map?: MapTiles | null };

/**
 * Functions a module reads from one built after it, whose import would make a cycle (customers and
 * units see through work orders; customers search by a unit's serial; units' warranty answer honours
 * a paid contract; the day planner and fees honour a tier's loyalty entitlements; the order list filters by promise state): passed in from here.
 */
export const bridges = { promiseStateSql, promiseDueSql, contractCoverOf, feeDiscountPercent, freeVisitsPerYear, plannerBonuses, customerVisibleSql, customersWithOpenOrderOf, ownsSerialSql, serviceHistoryOf, serviceHistoryJsonSql, unitVisibleSql, orderScopeSql };

export type ModuleBase = typeof bridges & {
  database: Database;
  db: Db;
  clock: Clock;
  audit: AuditFn;
  jobs: JobQueue;
  options: ServiceOptions;
  /** Every module's followers of work orders, in list order; filled as the modules are built. */
  followers: OrderFollower[];
  /** Happenings announced by a module and heard by modules built after it (webhooks). */
  announcements: Announcements;
};

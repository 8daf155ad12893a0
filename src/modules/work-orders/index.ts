import { defineModule } from '../../kernel/module.js';
import * as tables from './work-orders.tables.js';
import { workOrdersRoutes } from './work-orders.routes.js';
import { createWorkOrdersService, type WorkOrdersDeps } from './work-orders.service.js';
import { createPhotosService } from './work-orders.photos.js';
import { withCorrectionRoutes } from './work-orders.corrections.routes.js';
import { createCorrections } from './work-orders.corrections.js';
import { bookingRoutes } from './booking.routes.js';
import { createOrderNotes, type OrderNotes } from './work-orders.notes.js';
import { withNoteRoutes } from './work-orders.notes.routes.js';
import type { BookingRules } from './booking.rules.js';
import { createLists } from './work-orders.lists.js';
import { listsRoutes } from './lists.routes.js';
import { createNavigation, navigationRoutes } from './work-orders.navigation.js';
import type { NavApp } from './navigation.rules.js';

export { createWorkOrdersService, type WorkOrdersService, type OrderFollower, type IntakeFollower } from './work-orders.service.js';
export type { OrderRow } from './work-orders.repo.js';
export { workOrdersRoutes } from './work-orders.routes.js';
export { orderView } from './work-orders.contract.js';
export { lastOrderAtSql, settleableOrdersSql, followUpSatisfactionIsSql, repeatRepairWithinSql } from './work-orders.repo.js';
export { findOrder, orderCountsByProvider, providerOrdersOfDay, ordersByIds, lockOrderVersions, serviceHistoryOf, serviceHistoryJsonSql, customerVisibleSql, unitVisibleSql, customersWithOpenOrderOf, orderScopeSql, orderInScopeSql, orderNumberSql, orderGistSql, orderPlaceSql, photoKindCounts, otherOrderWithPhoto, type OrderGist, bookedVisits } from './work-orders.repo.js';
export { ordersToPlace, placeOrder } from './work-orders.places.repo.js';
export { writeImportedOrders, type ImportedOrder } from './work-orders.imported.repo.js';
export { orderChannels, orderKinds, orderStatuses, priorities } from './work-orders.rules.js';
export { ordersLike, confirmOverridesByProvider, earlierWorkOnUnit, checkInRecordedAt } from './work-orders.signals.repo.js';
export { createCorrections, type Corrections } from './work-orders.corrections.js';
export type { Lists } from './work-orders.lists.js';
export { customerBookingWindowsView, toCustomerBookingWindows } from './booking.contract.js';
export { defaultBookingRules, type BookingRules } from './booking.rules.js';
export { createPhotosService, type PhotosService } from './work-orders.photos.js';
export { checkImage } from './image-check.js';
export type { EvidenceHooks } from './work-orders.evidence.js';
export type { ActionInput } from './work-orders.contract.js';
export { toCustomerHistory, assignedTechnicianIds } from './work-orders.timeline.js';
export { customerOrderView, customerHistoryEntry, customerPhotoView, customerMilestones, customerActions, toCustomerOrder, toCustomerPhoto, type CustomerOrderView, type CustomerHistoryEntry, type HistoryView, type OrderView } from './work-orders.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const workOrdersModule = defineModule({
  name: 'work-orders',
  tables,
  build: (d: Omit<WorkOrdersDeps, 'checkInFarMetres' | 'checkInFarApproximateMetres' | 'bookingRules'> & { options: { checkInFarMetres?: number; checkInFarApproximateMetres?: number; photoLimitBytes?: number; bookingRules?: Partial<BookingRules>; navApp?: NavApp } }) => {
    const workOrders = createWorkOrdersService({ ...d, checkInFarMetres: d.options.checkInFarMetres, checkInFarApproximateMetres: d.options.checkInFarApproximateMetres, bookingRules: d.options.bookingRules });
    return {
      workOrders,
      photos: createPhotosService({ db: d.db, clock: d.clock, workOrders, limitBytes: d.options.photoLimitBytes ?? 8_000_000, followers: d.followers }),
      corrections: createCorrections(d),
      orderNotes: createOrderNotes(d) as OrderNotes,
      lists: createLists({ ...d, workOrders }),
      navigation: createNavigation({ workOrders, app: d.options.navApp ?? 'amap' }),
    };
  },
  // The list's routes first: `/work-orders/export` and `/work-orders/bulk` before `/work-orders/{id}`.
  routes: (s) => withNoteRoutes(withCorrectionRoutes(listsRoutes(s.lists).route('/', workOrdersRoutes(s.workOrders, s.photos)), s.corrections), s.orderNotes).route('/', bookingRoutes(s.workOrders)).route('/', navigationRoutes(s.navigation)),
});

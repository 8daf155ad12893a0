import { defineModule } from '../../kernel/module.js';
import * as tables from './work-orders.tables.js';
import { workOrdersRoutes } from './work-orders.routes.js';
import type { WorkOrdersService } from './work-orders.service.js';
import type { PhotosService } from './work-orders.photos.js';

export { createWorkOrdersService, type WorkOrdersService, type OrderFollower, type IntakeFollower } from './work-orders.service.js';
export type { OrderRow } from './work-orders.repo.js';
export { workOrdersRoutes } from './work-orders.routes.js';
export { orderView } from './work-orders.contract.js';
export { findOrder, orderCountsByProvider, providerOrdersOfDay, ordersByIds, lockOrderVersions, serviceHistoryOf, customerVisibleSql, unitVisibleSql, customersWithOpenOrderOf, orderScopeSql, orderInScopeSql, orderNumberSql, orderGistSql, orderPlaceSql, type OrderGist } from './work-orders.repo.js';
export { toCustomerHistory, assignedTechnicianIds } from './work-orders.timeline.js';
export { createPhotosService, type PhotosService } from './work-orders.photos.js';
export { customerOrderView, customerHistoryEntry, customerPhotoView, customerMilestones, customerActions, toCustomerOrder, toCustomerPhoto, type CustomerOrderView, type CustomerHistoryEntry, type HistoryView, type OrderView } from './work-orders.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const workOrdersModule = defineModule<{ workOrders: WorkOrdersService; photos: PhotosService }>({
  name: 'work-orders',
  tables,
  routes: (s) => workOrdersRoutes(s.workOrders, s.photos),
});

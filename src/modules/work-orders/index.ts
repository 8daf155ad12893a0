export { createWorkOrdersService, type WorkOrdersService, type OrderEvents, type IntakeFollower } from './work-orders.service.js';
export type { OrderRow } from './work-orders.repo.js';
export { workOrdersRoutes } from './work-orders.routes.js';
export { serviceHistoryOf, customerVisibleSql, unitVisibleSql, customersWithOpenOrderOf, orderScopeSql } from './work-orders.repo.js';
export { createPhotosService, type PhotosService } from './work-orders.photos.js';
export { customerOrderView, customerHistoryEntry, customerPhotoView, customerMilestones, customerActions, toCustomerOrder, toCustomerHistory, toCustomerPhoto, assignedTechnicianIds, type CustomerOrderView, type CustomerHistoryEntry, type HistoryView, type OrderView } from './work-orders.contract.js';

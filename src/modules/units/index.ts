export { createUnitsService, type UnitsService } from './units.service.js';
export { unitsRoutes } from './units.routes.js';
export type { ServiceHistoryItem } from './units.contract.js';
export { unitOwnedBySql } from './units.repo.js';
export { customerUnitView, customerUnitDetailView, customerWarrantyView, toCustomerUnit, toCustomerUnitDetail, toCustomerWarranty } from './units.contract.js';

export { createUnitsService, type UnitsService } from './units.service.js';
export { unitsRoutes } from './units.routes.js';
export type { ServiceHistoryItem } from './units.contract.js';
export { unitOwnedBySql, ownsSerialSql } from './units.repo.js';

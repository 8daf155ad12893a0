import { defineModule } from '../../kernel/module.js';
import * as tables from './units.tables.js';
import { unitsRoutes } from './units.routes.js';
import { createUnitsService, type UnitsDeps } from './units.service.js';

export { createUnitsService, type UnitsService } from './units.service.js';
export { unitsRoutes } from './units.routes.js';
export type { ServiceHistoryItem } from './units.contract.js';
export { customerUnitView, customerUnitDetailView, customerWarrantyView, toCustomerUnit, toCustomerUnitDetail, toCustomerWarranty } from './units.contract.js';
export { unitOwners, careUnitsSql, unitSerialMatchSql, unitOwnedBySql, ownsSerialSql, modelsOfUnits, serialsOf, recordInstallation, takenSerials, serialHolders, recordSerialChanges, serialChangesOf, ownerPurchaseFacts } from './units.repo.js';
export { refundLessDepreciation } from './warranty.rules.js';
export { termsFromModel } from './units.rules.js';
export type { UnitView } from './units.contract.js';

/** The module, as the server registers it (src/modules.ts). */
export const unitsModule = defineModule({
  name: 'units',
  tables,
  build: (d: UnitsDeps) => ({ units: createUnitsService(d) }),
  routes: (s) => unitsRoutes(s.units),
});

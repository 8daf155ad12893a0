import { defineModule } from '../../kernel/module.js';
import * as tables from './catalog.tables.js';
import { catalogRoutes } from './catalog.routes.js';
import { createCatalogService } from './catalog.service.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';

export { createCatalogService, type CatalogService } from './catalog.service.js';
export { catalogRoutes } from './catalog.routes.js';
export type { ModelView } from './catalog.contract.js';
export { customerCategoryView, customerModelView, toCustomerCategory, toCustomerModel } from './catalog.contract.js';
export { careModelsSql, existingCategoryIds, modelViewJsonSql, modelWithCategory, productFactsOf, modelsByCodes, categoryIdsByCodes, categoryCodesByIds, modelCodesByIds, type ProductFacts } from './catalog.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const catalogModule = defineModule({
  name: 'catalog',
  tables,
  build: (d: { db: Db; clock: Clock }) => ({ catalog: createCatalogService(d) }),
  routes: (s) => catalogRoutes(s.catalog),
});

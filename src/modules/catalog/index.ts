export { createCatalogService, type CatalogService } from './catalog.service.js';
export { catalogRoutes } from './catalog.routes.js';
export type { ModelView } from './catalog.contract.js';
export { customerCategoryView, customerModelView, toCustomerCategory, toCustomerModel } from './catalog.contract.js';

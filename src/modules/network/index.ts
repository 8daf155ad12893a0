export { createNetworkService, technicianCondition, type NetworkService, type ProviderView, type TechnicianView } from './network.service.js';
export { networkRoutes } from './network.routes.js';
export * from './network.rules.js';
export type { ServiceArea, Shift } from './network.tables.js';

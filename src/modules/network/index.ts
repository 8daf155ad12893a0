export { createNetworkService, type NetworkService } from './network.service.js';
export { networkRoutes } from './network.routes.js';

export { createDispatchService, createProviderMatcher, type DispatchService, type ProviderMatcher } from './dispatch.service.js';
export { dispatchRoutes } from './dispatch.routes.js';
export { defaultTravel, osrmTable, type TravelSettings } from './travel.js';
export { customerVisitView, toCustomerVisit } from './dispatch.contract.js';

// The dispatch area's face to the app and to other features: the dispatcher's page, and the order
// page's suggestions and slot picker. Other features call its client, ./api, directly.
export { DispatchPage } from './Dispatch';
export { Suggestions } from './Suggestions';
export { ProviderChoice, TechnicianChoice } from './Choices';

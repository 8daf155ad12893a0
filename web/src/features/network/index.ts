// The network area's pages: providers and their technicians, one technician. Other features call its
// client, ./api, directly.
export { NetworkPage, ProviderPage } from './Providers';
export { TechnicianPage } from './Technician';

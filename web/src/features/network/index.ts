// The network area's pages: providers, their technicians, one technician.
export { NetworkPage, ProviderPage, TechnicianPage } from './Network';

// The service-contracts area's components other features show (the unit card, the portal). Other features call its client, ./api, directly.
export { ContractsPanel } from './ContractsPanel';
export { PortalContracts } from './PortalContracts';

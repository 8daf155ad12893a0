// The service-contracts area's components other features show (the unit card). Other features call its client, ./api, directly.
export { ContractsPanel } from './ContractsPanel';

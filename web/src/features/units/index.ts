// The units area's components other features show. Other features call its client, ./api, directly.
export { UnitCard, WarrantyLine } from './UnitCard';

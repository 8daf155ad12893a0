// The parts area's face: the catalogue (managers), stock by location with its ledger and counts,
// the requests queue, and the parts card of an order (request a part, record the parts used).
export { PartsCatalogPage } from './Catalog';
export { StockPage } from './Stock';
export { PartRequestsPage } from './Requests';
export { OrderPartsCard } from './OrderParts';

// The parts area's face: the catalogue (managers), stock by location with its ledger and counts,
// the requests queue, the parts card of an order (request a part, record the parts used), and the
// old-part returns (pack and ship; the warehouse receives and inspects; the on-time rate).
export { PartsCatalogPage } from './Catalog';
export { StockPage } from './Stock';
export { PartRequestsPage } from './Requests';
export { OrderPartsCard } from './OrderParts';
export { OldPartReturnsPage } from './Returns';

// The fees area's face: the managers' price-list editor, the order page's fees card, and the portal's
// order fees and prices. Other features call its client, ./api, directly.
export { PriceListsPage } from './PriceLists';
export { OrderFees } from './OrderFees';
export { MyOrderFees, PortalPrices } from './PortalFees';
export { OrderMoney } from './OrderMoney';
export { MyQuote, MyReceipt } from './PortalMoney';
export { fenFromYuan } from './money-input';

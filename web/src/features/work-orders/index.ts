// The work-orders area's face to the app and to other features: its pages and the order displays
// other areas show (table, list, history, the request fields the portal shares). Other features
// call its client, ./api, directly.
export { OrdersPage, statuses as orderStatuses } from './Orders';
export { OrderPage } from './Order';
export { NewOrderPage } from './NewOrder';
export { TodayPage } from './Today';
export { OrderTable } from './OrderTable';
export { Timeline } from './Timeline';
export { KindField, OrderList, UnitField, WishedWindow } from './request-fields';

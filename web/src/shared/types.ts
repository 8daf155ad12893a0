// The API's shapes every part of the console shares, taken from the server as types only: nothing of
// the server is bundled. A feature's own shapes live in its api.ts.
export type { Permission, Role } from '../../../src/kernel/permissions';
export type { OrderStatus } from '../../../src/modules/work-orders/work-orders.rules';
export type { Page } from '../../../src/shared/paging';

// The API's shapes every part of the console shares, taken from the server as types only: nothing of
// the server is bundled. A feature's own shapes live in its api.ts.
export type { Permission, Role } from '../../../src/kernel/permissions';
export type { OrderStatus } from '../../../src/modules/work-orders/work-orders.rules';
export type { Page } from '../../../src/shared/paging';
/** One piece of live news about an order (the stream's `order` event, a notification in the bell). */
export type LiveEvent = import('zod').infer<typeof import('../../../src/modules/live/live.contract').liveEventView>;

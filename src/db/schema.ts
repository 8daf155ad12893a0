// The one Drizzle schema: every module's tables, for typed queries and drizzle-kit.
export * from '../modules/customers/customers.tables.js';
export * from '../modules/catalog/catalog.tables.js';
export * from '../modules/network/network.tables.js';
export * from '../modules/units/units.tables.js';
export * from '../modules/work-orders/work-orders.tables.js';
export * from '../modules/notifications/notifications.tables.js';
export * from '../modules/access/access.tables.js';
export * from '../kernel/audit.tables.js';
export * from '../modules/promises/promises.tables.js';
export * from '../modules/training/training.tables.js';
export * from '../modules/dispatch/dispatch.tables.js';

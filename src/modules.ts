// The one registration point: every module, once. The server mounts their routes (in this order)
// and starts their job workers from this list; a test checks each module folder is on it.
// Their services are built, in dependency order, in src/server/services.ts.
import type { AppModule } from './kernel/module.js';
import type { Services } from './server/services.js';
import { customersModule } from './modules/customers/index.js';
import { catalogModule } from './modules/catalog/index.js';
import { networkModule } from './modules/network/index.js';
import { trainingModule } from './modules/training/index.js';
import { dispatchModule } from './modules/dispatch/index.js';
import { unitsModule } from './modules/units/index.js';
import { workOrdersModule } from './modules/work-orders/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { promisesModule } from './modules/promises/index.js';
import { accessModule } from './modules/access/index.js';
import { geocodingModule } from './modules/geocoding/index.js';

export const modules: AppModule<Services>[] = [
  customersModule,
  catalogModule,
  networkModule,
  trainingModule,
  dispatchModule,
  unitsModule,
  workOrdersModule,
  notificationsModule,
  promisesModule,
  accessModule,
  geocodingModule,
];

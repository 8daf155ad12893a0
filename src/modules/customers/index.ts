import { defineModule } from '../../kernel/module.js';
import * as tables from './customers.tables.js';
import { customersRoutes } from './customers.routes.js';
import type { CustomersService } from './customers.service.js';

export { createCustomersService, type CustomersService } from './customers.service.js';
export { customersRoutes } from './customers.routes.js';
export { customerSelfView, toCustomerSelf } from './customers.contract.js';
export { intakeContactsSql, customersWithPhone, customerExists, listTiers } from './customers.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const customersModule = defineModule<{ customers: CustomersService }>({
  name: 'customers',
  tables,
  routes: (s) => customersRoutes(s.customers),
});

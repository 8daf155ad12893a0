import { defineModule } from '../../kernel/module.js';
import * as tables from './customers.tables.js';
import type { Queryable } from '../../db/database.js';
import { customersRoutes } from './customers.routes.js';
import { createCustomersService, type CustomersDeps } from './customers.service.js';

export { createCustomersService, type CustomersService } from './customers.service.js';
export { customersRoutes } from './customers.routes.js';
export { customerSelfView, toCustomerSelf } from './customers.contract.js';
export { careCustomersSql, customersWithProvinceSql, intakeContactsSql, customersWithPhone, customerExists, listTiers, addressesToPlace, placeAddress, placedCentre, type AddressToPlace, noticeContact, customersAfter, setCustomerTier, phonesAndAddresses, tierExists, customerNumbers, customerIdsByNumbers, importedCustomersFromJson, type ImportedCustomerRow } from './customers.repo.js';

/** The module, as the server registers it (src/modules.ts). */
export const customersModule = defineModule({
  name: 'customers',
  tables,
  build: (d: Omit<CustomersDeps, 'addressesToPlace'> & { geocoding: { requestCustomers: (tx: Queryable, customerIds: string[]) => Promise<void> } }) =>
    ({ customers: createCustomersService({ ...d, addressesToPlace: (tx, customerIds) => d.geocoding.requestCustomers(tx, customerIds) }) }),
  routes: (s) => customersRoutes(s.customers),
});

export { createCustomersService, type CustomersService } from './customers.service.js';
export { customersRoutes } from './customers.routes.js';
export { customers, customerPhones, customerAddresses, customerTiers } from './customers.tables.js';
export { intakeContactsSql } from './customers.repo.js';
export { customerSelfView, toCustomerSelf } from './customers.contract.js';

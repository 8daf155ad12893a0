export { createPromisesService, type PromisesService } from './promises.service.js';
export { promisesRoutes } from './promises.routes.js';
export { promisesJobs } from './promises.jobs.js';
export { cnNationalCalendar, cnNationalDays, cnOfficeWeek } from './cn-national.js';
export { roundTheClock } from './calendar.rules.js';
export { customerPromiseView, toCustomerPromise } from './promises.contract.js';

import { defineModule } from '../../kernel/module.js';
import * as tables from './access.tables.js';
import { accessRoutes } from './access.routes.js';
import { accessJobs } from './access.jobs.js';
import type { AccessService } from './access.service.js';

export {
  createAccessService,
  staffPrincipal,
  customerPrincipal,
  demoPassword,
  defaultLimits,
  type AccessService,
  type AccessDeps,
  type AccessLimits,
  type SessionAuth,
} from './access.service.js';
export { addressOf, authenticate, requirePrincipal, callerOf, sessionCookie, type AccessEnv, type AuthenticateOptions } from './access.middleware.js';
export { accessRoutes } from './access.routes.js';
export { customerMeView, customerPortalSession, customerPortalCode, toCustomerMe, toCustomerPortalSession, toCustomerPortalCode } from './access.contract.js';
export { defaultCsrfExempt } from './access.middleware.js';
export { users, rolePermissions, sessions, apiTokens } from './access.tables.js';
export { accessJobs, PRUNE_EXPIRED_JOB } from './access.jobs.js';

/** The module, as the server registers it (src/modules.ts). */
export const accessModule = defineModule<{ access: AccessService }>({
  name: 'access',
  tables,
  routes: (s, settings) => accessRoutes(s.access, { secureCookies: settings.secureCookies }),
  jobs: (s) => accessJobs(s.access),
});

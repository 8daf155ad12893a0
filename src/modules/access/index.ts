import { defineModule } from '../../kernel/module.js';
import * as tables from './access.tables.js';
import { accessRoutes } from './access.routes.js';
import { accessJobs } from './access.jobs.js';
import { createAccessService } from './access.service.js';
import type { AccessDeps } from './access.kit.js';

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
export { accessJobs, PRUNE_EXPIRED_JOB } from './access.jobs.js';
export { sharedSecretKey } from './access.service.js';

/** The module, as the server registers it (src/modules.ts). */
export const accessModule = defineModule({
  name: 'access',
  tables,
  build: (d: Pick<AccessDeps, 'db' | 'clock'> & { options: { secretKey?: string; accessLimits?: AccessDeps['limits']; publicUrl?: string } }) => ({
    access: createAccessService({ db: d.db, clock: d.clock, sessionSecretKey: d.options.secretKey, limits: d.options.accessLimits, publicUrl: d.options.publicUrl }),
  }),
  routes: (s, settings) => accessRoutes(s.access, { secureCookies: settings.secureCookies }),
  jobs: (s) => accessJobs(s.access),
});

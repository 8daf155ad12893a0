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
export { users, rolePermissions, sessions, apiTokens } from './access.tables.js';

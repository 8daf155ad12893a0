export {
  createAccessService,
  auditWith,
  auditRowsSql,
  groupedAuditWith,
  staffPrincipal,
  customerPrincipal,
  demoPassword,
  defaultLimits,
  type AccessService,
  type AccessDeps,
  type AccessLimits,
  type AuditInput,
  type SessionAuth,
} from './access.service.js';
export { addressOf, authenticate, requirePrincipal, callerOf, sessionCookie, type AccessEnv, type AuthenticateOptions } from './access.middleware.js';
export { accessRoutes } from './access.routes.js';
export * from './access.rules.js';
export * from './access.scope.js';
export { users, rolePermissions, sessions, apiTokens, auditLog } from './access.tables.js';
export { customerMeView, customerPortalSession, customerPortalCode, toCustomerMe, toCustomerPortalSession, toCustomerPortalCode } from './access.contract.js';
export { defaultCsrfExempt } from './access.middleware.js';

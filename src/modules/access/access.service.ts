import { requirePermission, type Caller } from '../../kernel/scopes.js';
import * as repo from './access.repo.js';
import { createAccessKit, secret, type AccessDeps } from './access.kit.js';
import { createAccessUsers } from './access.users.js';
import { createAccessSessions } from './access.sessions.js';
import { createAccessPortal } from './access.portal.js';
import { createAccessInvitations } from './access.invitations.js';
import type { AuditQuery } from './access.contract.js';
import type { Db } from '../../db/database.js';

export {
  defaultLimits,
  staffPrincipal,
  customerPrincipal,
  userView,
  type AccessDeps,
  type AccessLimits,
  type RateRule,
  type RateDecision,
  type SessionAuth,
  type NewSession,
} from './access.kit.js';
export { demoPassword } from './access.users.js';
export { tokenMemoryMs } from './access.sessions.js';

/** The access module's service: its users, sessions and portal parts, composed on one set of deps. */
export function createAccessService(deps: AccessDeps) {
  const kit = createAccessKit(deps);
  const { db, clock, limits } = kit;
  const sessions = createAccessSessions(kit);
  const users = createAccessUsers({ ...kit, forgetTokens: sessions.forgetTokens });
  const portal = createAccessPortal({ ...kit, linkKey: deps.sessionSecretKey ?? secret() });
  const invitations = createAccessInvitations({ ...kit, publicUrl: deps.publicUrl ?? 'http://localhost:3000' });

  return {
    limits,
    audit: kit.audit,
    hitRateLimit: kit.hitRateLimit,

    /** Answers 429 (rate_limited) when the key is over its limit in the current window. */
    enforceRateLimit: kit.enforce,

    /** Drops counters, codes, link redemptions and sessions nobody can use any more; for a daily job. */
    async pruneExpired() {
      const now = clock.now();
      const longestWindow = Math.max(...Object.values(limits.rate).map((r) => r.windowSeconds), limits.lock.firstLockSeconds);
      return repo.pruneExpired(db, now, new Date(now.getTime() - 2 * longestWindow * 1000), new Date(now.getTime() - 24 * 3600 * 1000));
    },

    createUser: users.createUser,
    listUsers: users.listUsers,
    getUser: users.getUser,
    deactivateUser: users.deactivateUser,
    changePassword: users.changePassword,
    rolePermissions: users.rolePermissions,
    setRolePermissions: users.setRolePermissions,
    unlockUser: users.unlockUser,
    seedDemoUsers: users.seedDemoUsers,
    inviteTechnician: invitations.inviteTechnician,
    acceptInvitation: invitations.acceptInvitation,

    signIn: sessions.signIn,
    sessionFor: sessions.sessionFor,
    authenticateSession: sessions.authenticateSession,
    signOut: sessions.signOut,
    createToken: sessions.createToken,
    listTokens: sessions.listTokens,
    revokeToken: sessions.revokeToken,
    authenticateToken: sessions.authenticateToken,

    requestCustomerCode: portal.requestCustomerCode,
    verifyCustomerCode: portal.verifyCustomerCode,
    customerLink: portal.customerLink,
    redeemCustomerLink: portal.redeemCustomerLink,

    async searchAudit(caller: Caller, s: AuditQuery) {
      requirePermission(caller.principal, 'audit.read');
      const { rows, total } = await repo.searchAudit(db, s);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString(), details: r.details ?? {} })),
        total,
        limit: s.limit,
        offset: s.offset,
      };
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

/** The key every server copy signs links with: AFTERCARE_SECRET when set, else one kept in the database. */
export async function sharedSecretKey(db: Db, configured: string | undefined): Promise<string> {
  return configured ?? repo.installationSecretOr(db, secret(), new Date());
}

import argon2 from 'argon2';
import { newId } from '../../shared/ids.js';
import { notFound } from '../../shared/errors.js';
import type { Principal } from '../../kernel/permissions.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import { rateWindow, sessionState, shouldTouch, tokenPermissions } from './access.policy.js';
import * as repo from './access.repo.js';
import { accessFailures } from './access.errors.js';
import { customerPrincipal, secret, sha256, staffPrincipal, tokenView, userView, type AccessKit, type NewSession, type SessionAuth } from './access.kit.js';
import type { CreateTokenInput, TokenView, UserView } from './access.contract.js';

/** How long a server copy trusts what it read of an API token, its user and their role. */
export const tokenMemoryMs = 1_000;

export type AccessSessionsDeps = Pick<AccessKit, 'db' | 'clock' | 'limits' | 'audit' | 'hashOptions' | 'recordAnonymous' | 'enforce' | 'startSession'>;

/** Staff sign-in, sessions (with their CSRF tokens) of staff and customers, API tokens. */
export function createAccessSessions(deps: AccessSessionsDeps) {
  const { db, clock, limits, audit, hashOptions, recordAnonymous, enforce, startSession } = deps;

  // Verifying against a throwaway hash when the user is unknown keeps the answer time the same.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= argon2.hash(secret(), hashOptions));

  async function principalSession(secretValue: string, address: string | null): Promise<SessionAuth | null> {
    if (!secretValue || secretValue.length > 200) return null;
    const id = sha256(secretValue);
    const found = await repo.sessionWithOwner(db, id);
    if (!found) return null;
    const { session, user } = found;
    const now = clock.now();
    const life = session.userId ? limits.staffSession : limits.customerSession;
    if (sessionState(session, now, life) !== 'alive') return null;
    if (session.userId && (!user || !user.active)) return null;
    if (shouldTouch(session.lastSeenAt, now) || session.address !== address) {
      await repo.touchSession(db, id, now, address);
    }
    const principal = user ? staffPrincipal(user, found.permissions) : customerPrincipal(session.customerId!);
    return { principal, sessionId: id, csrfToken: session.csrfToken };
  }

  // Integrations send many requests a second with one token; reading it and its user for each
  // would be most of a cheap request's work. Changes made through this server forget at once;
  // another server copy sees them within tokenMemoryMs.
  const recentTokens = new Map<string, NonNullable<Awaited<ReturnType<typeof repo.tokenWithOwner>>> & { readAt: number }>();

  return {
    /** Forgets every token read a moment ago: the next request reads its token, user and role again. */
    forgetTokens: () => recentTokens.clear(),

    /**
     * 401 with one message for every wrong combination; 423 with the seconds left while locked,
     * even for the right password; 429 past the per-address or per-username rate.
     */
    async signIn(usernameRaw: string, password: string, address: string | null): Promise<NewSession & { user: UserView }> {
      const username = usernameRaw.trim().toLowerCase().slice(0, 100);
      if (address) await enforce(`signin-addr:${address}`, limits.rate.signInPerAddress);
      await enforce(`signin-user:${username}`, limits.rate.signInPerUsername);
      const now = clock.now();
      const user = await repo.userByUsername(db, username);
      // The attempt is counted before the password is checked, so guesses sent together cannot all
      // be checked before the first failure is written. An unknown name locks like a known one (by
      // a counter), or the lock would tell which names exist.
      const unknownWindow = rateWindow(now, limits.lock.firstLockSeconds);
      const lockedFor = user
        ? await repo.claimSignInAttempt(db, user.id, now, limits.lock)
        : (await repo.bumpCounter(db, `signin-unknown:${username}`, unknownWindow.start)) > limits.lock.threshold
          ? unknownWindow.retryAfterSeconds
          : 0;
      if (lockedFor > 0) {
        await recordAnonymous(db, username, address, 'sign_in_failed', 'refused', user ? { kind: 'user', id: user.id } : null, { reason: 'locked' });
        throw accessFailures.locked(lockedFor);
      }
      const ok = user ? await argon2.verify(user.passwordHash, password) : (await argon2.verify(await decoyHash(), password), false);
      if (!user || !ok || !user.active) {
        // Already counted above.
        await recordAnonymous(db, username, address, 'sign_in_failed', 'refused', user ? { kind: 'user', id: user.id } : null, {
          reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive',
        });
        throw accessFailures.signInFailed();
      }
      const rehash = argon2.needsRehash(user.passwordHash, hashOptions) ? await argon2.hash(password, hashOptions) : null;
      return db.transaction(async (tx) => {
        await repo.recordSignIn(tx, user.id, rehash, now);
        const session = await startSession(tx, { userId: user.id }, address, limits.staffSession);
        // The audit row names the actor; it does not need the permissions.
        await audit(tx, { caller: { principal: staffPrincipal(user, []), address }, action: 'sign_in', subjectKind: 'user', subjectId: user.id });
        return { ...session, user: userView({ ...user, failedSignIns: 0, lockedUntil: null }) };
      });
    },

    /** The principal behind a session cookie, with the session's CSRF token; null when expired, idle, revoked or the user is inactive. */
    sessionFor: principalSession,

    async authenticateSession(secretValue: string, address: string | null): Promise<Principal | null> {
      return (await principalSession(secretValue, address))?.principal ?? null;
    },

    async signOut(secretValue: string, address: string | null): Promise<void> {
      const auth = await principalSession(secretValue, address);
      if (!auth) return;
      await db.transaction(async (tx) => {
        await repo.revokeSession(tx, auth.sessionId, clock.now());
        const p = auth.principal;
        await audit(tx, { caller: { principal: p, address }, action: 'sign_out', subjectKind: p.kind === 'customer' ? 'customer' : 'user', subjectId: p.kind === 'staff' ? p.userId : p.kind === 'customer' ? p.customerId : '' });
      });
    },

    /** The token is in the answer once; only its sha256 is kept. Its permissions must be ones the user holds. */
    async createToken(caller: Caller, input: CreateTokenInput): Promise<TokenView & { token: string }> {
      const p = caller.principal;
      requirePermission(p, 'tokens.manage');
      if (p.kind === 'staff' && p.via === 'token') throw accessFailures.tokenViaToken();
      const userId = input.userId ?? (p.kind === 'staff' ? p.userId : undefined);
      if (!userId) throw accessFailures.badReference('userId', 'required / 必填');
      if (!(p.kind === 'staff' && p.userId === userId)) requirePermission(p, 'users.manage');
      const owner = await repo.userWithPermissions(db, userId);
      if (!owner || !owner.user.active) throw notFound('user', userId);
      const held = new Set(owner.permissions);
      const missing = input.permissions.filter((x) => !held.has(x));
      if (missing.length) throw accessFailures.permissionsNotHeld(missing);
      const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= clock.now().getTime()) throw accessFailures.badReference('expiresAt', 'must be in the future / 须晚于当前时间');
      const token = `act_${secret()}`;
      return db.transaction(async (tx) => {
        const row = await repo.insertToken(tx, { id: newId(), name: input.name, tokenHash: sha256(token), userId, permissions: [...new Set(input.permissions)], createdAt: clock.now(), expiresAt });
        await audit(tx, { caller, action: 'token_created', subjectKind: 'api_token', subjectId: row.id, details: { name: row.name, userId, permissions: row.permissions } });
        return { ...tokenView(row), token };
      });
    },

    async listTokens(caller: Caller, userId?: string): Promise<TokenView[]> {
      const p = caller.principal;
      requirePermission(p, 'tokens.manage');
      const forUser = userId ?? (p.kind === 'staff' ? p.userId : undefined);
      if (!forUser) throw accessFailures.badReference('userId', 'required / 必填');
      if (!(p.kind === 'staff' && p.userId === forUser)) requirePermission(p, 'users.manage');
      const rows = await repo.tokensOfUser(db, forUser);
      return rows.map(tokenView);
    },

    async revokeToken(caller: Caller, id: string): Promise<TokenView> {
      const p = caller.principal;
      requirePermission(p, 'tokens.manage');
      return db.transaction(async (tx) => {
        const row = await repo.tokenForUpdate(tx, id);
        if (!row) throw notFound('api_token', id);
        if (!(p.kind === 'staff' && p.userId === row.userId)) requirePermission(p, 'users.manage');
        if (row.revokedAt) return tokenView(row);
        const updated = await repo.revokeToken(tx, id, clock.now());
        recentTokens.clear();
        await audit(tx, { caller, action: 'token_revoked', subjectKind: 'api_token', subjectId: id, details: { name: row.name, userId: row.userId } });
        return tokenView(updated);
      });
    },

    /** The token's user with the intersection of the token's and the role's permissions; null if unknown, revoked, expired or the user is inactive. */
    async authenticateToken(token: string): Promise<Principal | null> {
      if (!token.startsWith('act_') || token.length > 200) return null;
      const hash = sha256(token);
      const now = clock.now();
      let found = recentTokens.get(hash);
      if (!found || found.readAt + tokenMemoryMs <= now.getTime()) {
        const row = await repo.tokenWithOwner(db, hash);
        if (!row) return null;
        if (!row.token.lastUsedAt || shouldTouch(row.token.lastUsedAt, now)) await repo.touchToken(db, row.token.id, now);
        if (recentTokens.size >= 10_000) recentTokens.clear();
        found = { ...row, readAt: now.getTime() };
        recentTokens.set(hash, found);
      }
      const { token: t, user } = found;
      if (t.revokedAt || (t.expiresAt && t.expiresAt.getTime() <= now.getTime()) || !user.active) return null;
      return staffPrincipal(user, tokenPermissions(found.permissions, t.permissions), { id: t.id });
    },

  };
}

import argon2 from 'argon2';
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { notFound } from '../../shared/errors.js';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';
import type { Page } from '../../shared/paging.js';
import { enqueueMessage } from '../notifications/index.js';
import { customerExists, customersWithPhone } from '../customers/index.js';
import { findTechnician, providerExists } from '../network/index.js';
import { customerPermissions, roles, type Permission, type Principal, type Role } from '../../kernel/permissions.js';
import { actorName, requirePermission, accessErrors, type Caller } from '../../kernel/scopes.js';
import { auditWith, insertAudit } from '../../kernel/audit.js';
import {
  defaultCustomerSession,
  defaultLockPolicy,
  defaultStaffSession,
  isPermission,
  passwordProblem,
  rateWindow,
  sessionState,
  shouldTouch,
  tokenPermissions,
  usernamePattern,
  type LockPolicy,
  type SessionLimits,
} from './access.policy.js';
import * as repo from './access.repo.js';
import { accessFailures } from './access.errors.js';
import type { AuditQuery, CreateTokenInput, CreateUserInput, TokenView, UserView } from './access.contract.js';

export type RateRule = { limit: number; windowSeconds: number };

export type AccessLimits = {
  staffSession: SessionLimits;
  customerSession: SessionLimits;
  lock: LockPolicy;
  codeTtlSeconds: number;
  /** Wrong guesses before a code stops working; six digits and five guesses give 1 in 200,000. */
  codeMaxAttempts: number;
  rate: {
    perToken: RateRule;
    perAddress: RateRule;
    signInPerAddress: RateRule;
    signInPerUsername: RateRule;
    portalPerAddress: RateRule;
    codesPerPhone: RateRule;
  };
  /** OWASP's baseline for argon2id: 19 MiB, two passes, one lane. */
  hash: { memoryCost: number; timeCost: number; parallelism: number };
};

export const defaultLimits: AccessLimits = {
  staffSession: defaultStaffSession,
  customerSession: defaultCustomerSession,
  lock: defaultLockPolicy,
  codeTtlSeconds: 10 * 60,
  codeMaxAttempts: 5,
  rate: {
    perToken: { limit: 600, windowSeconds: 60 },
    perAddress: { limit: 300, windowSeconds: 60 },
    signInPerAddress: { limit: 30, windowSeconds: 60 },
    signInPerUsername: { limit: 10, windowSeconds: 60 },
    portalPerAddress: { limit: 20, windowSeconds: 60 },
    codesPerPhone: { limit: 5, windowSeconds: 3600 },
  },
  hash: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
};

export type AccessDeps = {
  db: Db;
  clock: Clock;
  /**
   * Signs portal links. Every server copy must be given the same key (from config); without one,
   * a random key per process is used and a link works only on the copy that made it.
   */
  sessionSecretKey?: string;
  limits?: Partial<Omit<AccessLimits, 'rate'>> & { rate?: Partial<AccessLimits['rate']> };
};

export type SessionAuth = { principal: Principal; sessionId: string; csrfToken: string };
export type NewSession = { sessionSecret: string; csrfToken: string; expiresAt: string };
export type RateDecision = { allowed: boolean; count: number; retryAfterSeconds: number };

export const demoPassword = 'aftercare-demo';

/** How long a server copy trusts what it read of an API token, its user and their role. */
export const tokenMemoryMs = 1_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');
const iso = (d: Date | null) => d?.toISOString() ?? null;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function staffPrincipal(
  user: { id: string; username: string; role: string; providerId: string | null; technicianId: string | null },
  permissions: Iterable<string>,
  token: { id: string } | null = null,
): Principal {
  return {
    kind: 'staff',
    userId: user.id,
    username: user.username,
    role: user.role as Role,
    providerId: user.providerId,
    technicianId: user.technicianId,
    permissions: new Set([...permissions].filter(isPermission)),
    via: token ? 'token' : 'session',
    tokenId: token?.id ?? null,
  };
}

export function customerPrincipal(customerId: string): Principal {
  return { kind: 'customer', customerId, permissions: customerPermissions };
}

export function userView(u: repo.UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    providerId: u.providerId,
    technicianId: u.technicianId,
    active: u.active,
    lockedUntil: iso(u.lockedUntil),
    createdAt: u.createdAt.toISOString(),
  };
}

function tokenView(t: repo.TokenRow): TokenView {
  return {
    id: t.id,
    name: t.name,
    userId: t.userId,
    permissions: t.permissions,
    createdAt: t.createdAt.toISOString(),
    expiresAt: iso(t.expiresAt),
    revokedAt: iso(t.revokedAt),
    lastUsedAt: iso(t.lastUsedAt),
  };
}

export function createAccessService(deps: AccessDeps) {
  const { db, clock } = deps;
  const limits: AccessLimits = { ...defaultLimits, ...deps.limits, rate: { ...defaultLimits.rate, ...deps.limits?.rate } };
  const linkKey = deps.sessionSecretKey ?? secret();
  const hashOptions: argon2.HashOptions = { type: argon2.argon2id, ...limits.hash };
  const audit = auditWith(clock);

  // Verifying against a throwaway hash when the user is unknown keeps the answer time the same.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= argon2.hash(secret(), hashOptions));

  async function recordAnonymous(q: Queryable, name: string, address: string | null, action: string, outcome: 'ok' | 'refused', subject: { kind: string; id: string } | null, details: Record<string, unknown> = {}) {
    await insertAudit(q, [{
      at: clock.now(),
      actorKind: 'anonymous',
      actorId: null,
      actorName: name.slice(0, 100),
      address,
      action,
      subjectKind: subject?.kind ?? null,
      subjectId: subject?.id ?? null,
      outcome,
      details,
    }]);
  }

  async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const w = rateWindow(clock.now(), windowSeconds);
    const count = await repo.bumpCounter(db, `${key}|${windowSeconds}`, w.start);
    return { allowed: count <= limit, count, retryAfterSeconds: count <= limit ? 0 : w.retryAfterSeconds };
  }

  async function enforce(key: string, rule: RateRule): Promise<void> {
    const d = await hitRateLimit(key, rule.limit, rule.windowSeconds);
    if (!d.allowed) throw accessFailures.rateLimited(d.retryAfterSeconds);
  }

  async function startSession(q: Queryable, owner: { userId: string } | { customerId: string }, address: string | null, life: SessionLimits): Promise<NewSession> {
    const now = clock.now();
    const sessionSecret = secret();
    const csrfToken = secret(24);
    const expiresAt = new Date(now.getTime() + life.absoluteSeconds * 1000);
    await repo.insertSession(q, {
      id: sha256(sessionSecret),
      userId: 'userId' in owner ? owner.userId : null,
      customerId: 'customerId' in owner ? owner.customerId : null,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      address,
    });
    return { sessionSecret, csrfToken, expiresAt: expiresAt.toISOString() };
  }

  function requireStaff(caller: Caller) {
    if (caller.principal.kind !== 'staff' && caller.principal.kind !== 'system') throw accessErrors.forbidden('users.manage');
  }

  async function createUserRow(q: Queryable, input: CreateUserInput): Promise<repo.UserRow> {
    const username = input.username.trim().toLowerCase();
    if (!usernamePattern.test(username)) throw accessFailures.badUsername();
    if (!(roles as readonly string[]).includes(input.role)) throw accessFailures.badReference('role', 'unknown role');
    const problem = passwordProblem(input.password, username);
    if (problem) throw accessFailures.badPassword(problem);
    let providerId = input.providerId ?? null;
    const technicianId = input.technicianId ?? null;
    if (input.role === 'technician' && !technicianId) throw accessFailures.badReference('technicianId', 'a technician user names the technician record / 师傅账号须关联师傅档案');
    if (input.role !== 'technician' && technicianId) throw accessFailures.badReference('technicianId', 'only technician users name a technician / 仅师傅账号可关联师傅档案');
    if (input.role === 'provider_admin' && !providerId) throw accessFailures.badReference('providerId', 'a provider admin belongs to a provider / 服务商管理员须属于某服务商');
    if (technicianId) {
      const t = await findTechnician(q, technicianId);
      if (!t) throw accessFailures.badReference('technicianId', 'no such technician / 师傅不存在');
      if (providerId && providerId !== t.providerId) throw accessFailures.badReference('providerId', "not the technician's provider / 与师傅所属服务商不符");
      providerId = t.providerId;
    } else if (providerId) {
      if (!(await providerExists(q, providerId))) throw accessFailures.badReference('providerId', 'no such provider / 服务商不存在');
    }
    const passwordHash = await argon2.hash(input.password, hashOptions);
    const now = clock.now();
    const row = await repo.insertUserUnlessTaken(q, { id: newId(), username, displayName: input.displayName.trim(), passwordHash, role: input.role, providerId, technicianId, createdAt: now, updatedAt: now });
    if (!row) throw accessFailures.usernameTaken(username);
    return row;
  }

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

  function signLink(payload: string): string {
    return createHmac('sha256', linkKey).update(payload).digest('base64url');
  }

  return {
    limits,
    audit,
    hitRateLimit,

    /** Answers 429 (rate_limited) when the key is over its limit in the current window. */
    enforceRateLimit: enforce,

    /** Drops counters, codes, link redemptions and sessions nobody can use any more; for a daily job. */
    async pruneExpired() {
      const now = clock.now();
      const longestWindow = Math.max(...Object.values(limits.rate).map((r) => r.windowSeconds), limits.lock.firstLockSeconds);
      return repo.pruneExpired(db, now, new Date(now.getTime() - 2 * longestWindow * 1000), new Date(now.getTime() - 24 * 3600 * 1000));
    },

    async createUser(caller: Caller, input: CreateUserInput): Promise<UserView> {
      requirePermission(caller.principal, 'users.manage');
      return db.transaction(async (tx) => {
        const row = await createUserRow(tx, input);
        await audit(tx, { caller, action: 'user_created', subjectKind: 'user', subjectId: row.id, details: { username: row.username, role: row.role, providerId: row.providerId } });
        return userView(row);
      });
    },

    async listUsers(caller: Caller, s: { limit: number; offset: number; q?: string; role?: string }): Promise<Page<UserView>> {
      requirePermission(caller.principal, 'users.manage');
      const { rows, total } = await repo.listUsers(db, s);
      return { items: rows.map(userView), total, limit: s.limit, offset: s.offset };
    },

    async getUser(caller: Caller, id: string): Promise<UserView> {
      const own = caller.principal.kind === 'staff' && caller.principal.userId === id;
      if (!own) requirePermission(caller.principal, 'users.manage');
      const row = await repo.userById(db, id);
      if (!row) throw notFound('user', id);
      return userView(row);
    },

    /** Ends every session at once; tokens stop working too because they check the user is active. */
    async deactivateUser(caller: Caller, id: string): Promise<UserView> {
      requirePermission(caller.principal, 'users.manage');
      if (caller.principal.kind === 'staff' && caller.principal.userId === id) throw accessFailures.selfDeactivation();
      return db.transaction(async (tx) => {
        const now = clock.now();
        const row = await repo.deactivateUser(tx, id, now);
        if (!row) throw notFound('user', id);
        await repo.revokeSessionsOfUser(tx, id, now);
        recentTokens.clear();
        await audit(tx, { caller, action: 'user_deactivated', subjectKind: 'user', subjectId: id });
        return userView(row);
      });
    },

    /**
     * A signed-in user changes their own password: the current one proves it is them, and every
     * other session of theirs ends (a stolen cookie stops working).
     */
    async changePassword(caller: Caller, currentSessionSecret: string | undefined, currentPassword: string, newPassword: string): Promise<void> {
      const p = caller.principal;
      if (p.kind !== 'staff' || p.via !== 'session') throw accessFailures.sessionRequired();
      const user = await repo.userById(db, p.userId);
      if (!user || !(await argon2.verify(user.passwordHash, currentPassword))) {
        throw accessFailures.wrongCurrentPassword();
      }
      const problem = passwordProblem(newPassword, user.username);
      if (problem) throw accessFailures.badNewPassword(problem);
      const passwordHash = await argon2.hash(newPassword, hashOptions);
      const keep = currentSessionSecret ? sha256(currentSessionSecret) : '';
      await db.transaction(async (tx) => {
        const now = clock.now();
        await repo.setPasswordHash(tx, user.id, passwordHash, now);
        await repo.revokeSessionsOfUser(tx, user.id, now, keep);
        await audit(tx, { caller, action: 'password_changed', subjectKind: 'user', subjectId: user.id });
      });
    },

    /** Each role with its permissions, as stored: the defaults until an administrator changes them. */
    async rolePermissions(caller: Caller) {
      requirePermission(caller.principal, 'users.manage');
      const rows = await repo.allRolePermissions(db);
      return roles.map((role) => ({ role, permissions: rows.filter((r) => r.role === role).map((r) => r.permission).sort() }));
    },

    /** Replaces a role's permissions; takes effect on the next request of every user with it. */
    async setRolePermissions(caller: Caller, role: Role, granted: Permission[]) {
      requirePermission(caller.principal, 'users.manage');
      if (role === 'admin' && !granted.includes('users.manage')) throw accessFailures.adminKeepsUsersManage();
      const unique = [...new Set(granted)].sort();
      await db.transaction(async (tx) => {
        const before = (await repo.permissionsOfRole(tx, role)).sort();
        await repo.replaceRolePermissions(tx, role, unique);
        recentTokens.clear();
        await audit(tx, { caller, action: 'role_permissions_changed', subjectKind: 'role', subjectId: role, details: { before, after: unique } });
      });
      return { role, permissions: unique };
    },

    /** Clears a lock before it passes, e.g. after the user has called the service desk. */
    async unlockUser(caller: Caller, id: string): Promise<UserView> {
      requirePermission(caller.principal, 'users.manage');
      return db.transaction(async (tx) => {
        const row = await repo.unlockUser(tx, id, clock.now());
        if (!row) throw notFound('user', id);
        await audit(tx, { caller, action: 'user_unlocked', subjectKind: 'user', subjectId: id });
        return userView(row);
      });
    },

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

    /**
     * Sends a code by SMS (through the outbox) to each customer with this phone; the answer is the
     * same whether or not anyone has it. Each customer gets a different code, and the code names the customer.
     */
    async requestCustomerCode(phoneRaw: string, address: string | null): Promise<{ accepted: true; expiresInSeconds: number; message: string }> {
      const phone = normalizePhone(phoneRaw);
      const answer = { accepted: true as const, expiresInSeconds: limits.codeTtlSeconds, message: 'If this number is registered, a code is on its way / 如该号码已登记，验证码将以短信发送' };
      if (!isPlausiblePhone(phone)) return answer;
      if (address) await enforce(`portal-addr:${address}`, limits.rate.portalPerAddress);
      // Counted per phone whether known or not, so the 429 says nothing about the number either.
      await enforce(`portal-code:${phone}`, limits.rate.codesPerPhone);
      const owners = await customersWithPhone(db, phone);
      if (owners.length === 0) {
        await recordAnonymous(db, `phone:${phone.slice(-4)}`, address, 'portal_code_requested', 'refused', null, { reason: 'unknown_phone' });
        return answer;
      }
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + limits.codeTtlSeconds * 1000);
      const used = new Set<string>();
      await db.transaction(async (tx) => {
        // A new code replaces the ones before it: only the latest SMS works.
        await repo.lockCodesOfPhone(tx, phone);
        await repo.retireCodesOfPhone(tx, phone, now);
        for (const owner of owners) {
          let code: string;
          do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
          while (used.has(code));
          used.add(code);
          const id = newId();
          await repo.insertCode(tx, { id, customerId: owner.id, phone, codeHash: sha256(`${id}:${code}`), createdAt: now, expiresAt });
          const minutes = Math.round(limits.codeTtlSeconds / 60);
          await enqueueMessage(tx, clock, {
            channel: 'sms',
            recipient: phone,
            template: 'portal_code',
            bodyZh: `【售后服务】${owner.name}，您的登录验证码为 ${code}，${minutes} 分钟内有效。请勿告诉他人。`,
            bodyEn: `Aftercare: ${owner.name}, your sign-in code is ${code}. It is valid for ${minutes} minutes. Do not share it.`,
            subject: { kind: 'customer', id: owner.id },
          });
          await recordAnonymous(tx, `phone:${phone.slice(-4)}`, address, 'portal_code_requested', 'ok', { kind: 'customer', id: owner.id });
        }
      });
      return answer;
    },

    async verifyCustomerCode(phoneRaw: string, code: string, address: string | null): Promise<NewSession & { customerId: string }> {
      const phone = normalizePhone(phoneRaw);
      if (address) await enforce(`portal-addr:${address}`, limits.rate.portalPerAddress);
      const now = clock.now();
      // The attempt is taken before the code is compared: guesses sent together cannot all be
      // compared with a code whose count has not been written yet.
      const candidates = await repo.claimCodeAttempts(db, phone, now, limits.codeMaxAttempts);
      const match = candidates.find((c) => sameText(c.codeHash, sha256(`${c.id}:${code}`)));
      if (!match) {
        await recordAnonymous(db, `phone:${phone.slice(-4)}`, address, 'portal_sign_in_failed', 'refused', null, { reason: candidates.length ? 'wrong_code' : 'no_live_code' });
        throw accessFailures.codeInvalid();
      }
      return db.transaction(async (tx) => {
        // Only one request can consume the code, however many arrive together.
        if (!(await repo.consumeCode(tx, match.id, now))) throw accessFailures.codeInvalid();
        const session = await startSession(tx, { customerId: match.customerId }, address, limits.customerSession);
        await audit(tx, { caller: { principal: customerPrincipal(match.customerId), address }, action: 'portal_sign_in', subjectKind: 'customer', subjectId: match.customerId, details: { via: 'code' } });
        return { ...session, customerId: match.customerId };
      });
    },

    /** A signed link that signs the customer in once, e.g. sent with an appointment SMS. */
    async customerLink(caller: Caller, customerId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
      requirePermission(caller.principal, 'customers.write');
      requireStaff(caller);
      if (!(await customerExists(db, customerId))) throw notFound('customer', customerId);
      const expires = Math.floor(clock.now().getTime() / 1000) + ttlSeconds;
      const payload = Buffer.from(JSON.stringify({ c: customerId, e: expires, n: secret(9) })).toString('base64url');
      await audit(db, { caller, action: 'customer_link_created', subjectKind: 'customer', subjectId: customerId, details: { expiresAt: new Date(expires * 1000).toISOString() } });
      return { token: `${payload}.${signLink(payload)}`, expiresAt: new Date(expires * 1000).toISOString() };
    },

    async redeemCustomerLink(token: string, address: string | null): Promise<NewSession & { customerId: string }> {
      if (address) await enforce(`portal-addr:${address}`, limits.rate.portalPerAddress);
      const [payload, signature] = token.split('.');
      if (!payload || !signature || !sameText(signature, signLink(payload))) throw accessFailures.linkInvalid();
      let claim: { c: string; e: number };
      try {
        claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw accessFailures.linkInvalid();
      }
      const now = clock.now();
      if (typeof claim.e !== 'number' || claim.e * 1000 <= now.getTime() || typeof claim.c !== 'string') throw accessFailures.linkInvalid();
      return db.transaction(async (tx) => {
        const first = await repo.redeemLinkOnce(tx, { tokenHash: sha256(token), customerId: claim.c, expiresAt: new Date(claim.e * 1000), redeemedAt: now });
        if (!first) throw accessFailures.linkInvalid();
        const session = await startSession(tx, { customerId: claim.c }, address, limits.customerSession);
        await audit(tx, { caller: { principal: customerPrincipal(claim.c), address }, action: 'portal_sign_in', subjectKind: 'customer', subjectId: claim.c, details: { via: 'link' } });
        return { ...session, customerId: claim.c };
      });
    },

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

    /**
     * One user per role for the demo, all with the password `aftercare-demo`; users that already
     * exist are left as they are. provider2 is a provider admin of the second provider, to show scopes.
     */
    async seedDemoUsers(demo: { providerIds: string[]; technicianIds: { providerId: string; technicianId: string }[] }) {
      const firstProvider = demo.providerIds[0] ?? null;
      const tech = demo.technicianIds.find((t) => t.providerId === firstProvider) ?? demo.technicianIds[0];
      const plan: { username: string; displayName: string; role: Role; providerId: string | null; technicianId: string | null }[] = [
        { username: 'agent', displayName: '客服 小李 / Agent Li', role: 'agent', providerId: null, technicianId: null },
        { username: 'dispatcher', displayName: '派单员 老周 / Dispatcher Zhou', role: 'dispatcher', providerId: null, technicianId: null },
        { username: 'followup', displayName: '回访员 小陈 / Follow-up Chen', role: 'follow_up', providerId: null, technicianId: null },
        { username: 'manager', displayName: '经理 王总 / Manager Wang', role: 'manager', providerId: null, technicianId: null },
        { username: 'admin', displayName: '系统管理员 / Administrator', role: 'admin', providerId: null, technicianId: null },
      ];
      if (firstProvider) plan.push({ username: 'provider', displayName: '服务商管理员 / Provider admin', role: 'provider_admin', providerId: firstProvider, technicianId: null });
      if (demo.providerIds[1]) plan.push({ username: 'provider2', displayName: '服务商管理员二 / Provider admin 2', role: 'provider_admin', providerId: demo.providerIds[1], technicianId: null });
      if (tech) plan.push({ username: 'technician', displayName: '师傅 / Technician', role: 'technician', providerId: tech.providerId, technicianId: tech.technicianId });
      // The crew's second member holds no certification yet (the demo's training data): exams to take.
      const trainee = demo.technicianIds.filter((t) => t.providerId === firstProvider)[1];
      if (trainee) plan.push({ username: 'trainee', displayName: '学员师傅 / Trainee technician', role: 'technician', providerId: trainee.providerId, technicianId: trainee.technicianId });
      const out: (UserView & { password: string })[] = [];
      for (const u of plan) {
        const existing = await repo.userByUsername(db, u.username);
        const row = existing ?? (await createUserRow(db, { ...u, password: demoPassword }));
        out.push({ ...userView(row), password: demoPassword });
      }
      return out;
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

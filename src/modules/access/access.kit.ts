import argon2 from 'argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { customerPermissions, type Principal, type Role } from '../../kernel/permissions.js';
import { auditWith, insertAudit } from '../../kernel/audit.js';
import { defaultCustomerSession, defaultLockPolicy, defaultStaffSession, isPermission, rateWindow, type LockPolicy, type SessionLimits } from './access.policy.js';
import * as repo from './access.repo.js';
import { accessFailures } from './access.errors.js';
import type { TokenView, UserView } from './access.contract.js';

// What the users, sessions and portal parts of the access service share: limits, principals,
// views, secrets, rate limits, anonymous audit rows and starting a session.

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
  /** Where people reach the console (links in invitations); default http://localhost:3000. */
  publicUrl?: string;
  limits?: Partial<Omit<AccessLimits, 'rate'>> & { rate?: Partial<AccessLimits['rate']> };
};

export type SessionAuth = { principal: Principal; sessionId: string; csrfToken: string };
export type NewSession = { sessionSecret: string; csrfToken: string; expiresAt: string };
export type RateDecision = { allowed: boolean; count: number; retryAfterSeconds: number };

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');
const iso = (d: Date | null) => d?.toISOString() ?? null;

export function sameText(a: string, b: string): boolean {
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
    displayNameEn: u.displayNameEn,
    role: u.role as Role,
    providerId: u.providerId,
    technicianId: u.technicianId,
    active: u.active,
    lockedUntil: iso(u.lockedUntil),
    createdAt: u.createdAt.toISOString(),
  };
}

export function tokenView(t: repo.TokenRow): TokenView {
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

/** The pieces built once per service from its deps, handed to each part. */
export function createAccessKit(deps: AccessDeps) {
  const { db, clock } = deps;
  const limits: AccessLimits = { ...defaultLimits, ...deps.limits, rate: { ...defaultLimits.rate, ...deps.limits?.rate } };
  const hashOptions: argon2.HashOptions = { type: argon2.argon2id, ...limits.hash };
  const audit = auditWith(clock);

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

  return { db, clock, limits, hashOptions, audit, recordAnonymous, hitRateLimit, enforce, startSession };
}

export type AccessKit = ReturnType<typeof createAccessKit>;

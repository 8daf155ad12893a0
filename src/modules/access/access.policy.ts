// Decisions about sign-in, sessions, tokens and rate limits. Pure: `now` comes in as an argument.
import { permissions as allPermissions, type Permission } from '../../kernel/permissions.js';

export type LockPolicy = {
  /** Consecutive failures that lock the account the first time. */
  threshold: number;
  /** The first lock; each further failure after a lock doubles it. */
  firstLockSeconds: number;
  maxLockSeconds: number;
};

export const defaultLockPolicy: LockPolicy = { threshold: 5, firstLockSeconds: 15 * 60, maxLockSeconds: 24 * 60 * 60 };

/**
 * The state after one more failed sign-in. Below the threshold nothing is locked; at it the
 * account locks for the first lock, and every failure after that (once the lock has passed)
 * locks for twice as long as the one before, up to the maximum. Only a success resets it.
 */
export function afterFailedSignIn(failuresBefore: number, now: Date, policy: LockPolicy = defaultLockPolicy): { failedSignIns: number; lockedUntil: Date | null } {
  const failedSignIns = failuresBefore + 1;
  const seconds = lockSeconds(failedSignIns, policy);
  return { failedSignIns, lockedUntil: seconds === 0 ? null : new Date(now.getTime() + seconds * 1000) };
}

export function lockSeconds(failures: number, policy: LockPolicy = defaultLockPolicy): number {
  if (failures < policy.threshold) return 0;
  const doublings = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.firstLockSeconds * 2 ** doublings, policy.maxLockSeconds);
}

/** Whole seconds until the lock passes (rounded up, so a client that waits that long gets in); 0 when not locked. */
export function lockedForSeconds(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil) return 0;
  return Math.max(0, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
}

export type SessionLimits = {
  /** Hard end counted from sign-in, whatever the activity. */
  absoluteSeconds: number;
  /** End after this long without a request. */
  idleSeconds: number;
};

export const defaultStaffSession: SessionLimits = { absoluteSeconds: 8 * 60 * 60, idleSeconds: 30 * 60 };
/** A customer checks an order and leaves; a short session leaves less to steal on a shared phone. */
export const defaultCustomerSession: SessionLimits = { absoluteSeconds: 2 * 60 * 60, idleSeconds: 20 * 60 };

export type SessionState = 'alive' | 'revoked' | 'expired' | 'idle';

export function sessionState(s: { lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null }, now: Date, limits: SessionLimits): SessionState {
  if (s.revokedAt) return 'revoked';
  if (now.getTime() >= s.expiresAt.getTime()) return 'expired';
  if (now.getTime() >= s.lastSeenAt.getTime() + limits.idleSeconds * 1000) return 'idle';
  return 'alive';
}

/**
 * last_seen_at need not be written on every request: being a minute stale shortens an idle
 * timeout of half an hour by at most a minute, and saves a write per request.
 */
export function shouldTouch(lastSeenAt: Date, now: Date, everySeconds = 60): boolean {
  return now.getTime() - lastSeenAt.getTime() >= everySeconds * 1000;
}

/** Fixed windows aligned to the epoch, so every server copy counts into the same row. */
export function rateWindow(now: Date, windowSeconds: number): { start: Date; end: Date; retryAfterSeconds: number } {
  const ms = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  const end = start + ms;
  return { start: new Date(start), end: new Date(end), retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
}

/** A token can do what both its own list and its user's current role allow: demoting the user narrows the token too. */
export function tokenPermissions(userPermissions: Iterable<string>, tokenList: Iterable<string>): Set<Permission> {
  const user = new Set(userPermissions);
  const out = new Set<Permission>();
  for (const p of tokenList) if (user.has(p) && isPermission(p)) out.add(p);
  return out;
}

const known = new Set<string>(allPermissions);
export function isPermission(p: string): p is Permission {
  return known.has(p);
}

/** Why a password is refused, or null. Length is what matters; composition rules make passwords worse. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < 10) return 'at least 10 characters / 至少 10 个字符';
  if (password.length > 200) return 'at most 200 characters / 最多 200 个字符';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username / 不得包含用户名';
  return null;
}

export const usernamePattern = /^[a-z][a-z0-9._-]{1,39}$/;

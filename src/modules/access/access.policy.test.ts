import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterFailedSignIn, lockSeconds, lockedForSeconds, passwordProblem, rateWindow, sessionState, shouldTouch, tokenPermissions, usernamePattern } from './access.policy.js';
import { can, customerPermissions, defaultRolePermissions, permissions, roles } from '../../kernel/permissions.js';
import { maskPhone } from '../../shared/phone.js';

const at = (s: string) => new Date(`2026-06-01T${s}Z`);
const policy = { threshold: 5, firstLockSeconds: 900, maxLockSeconds: 86_400 };

describe('lock schedule', () => {
  it('does not lock below the threshold, locks 15 min at it, and doubles with every failure after', () => {
    expect([1, 2, 3, 4].map((n) => lockSeconds(n, policy))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => lockSeconds(n, policy))).toEqual([900, 1800, 3600, 7200]);
    expect(lockSeconds(40, policy)).toBe(86_400);
  });

  it('the lock after a failure starts now', () => {
    expect(afterFailedSignIn(3, at('10:00:00'), policy)).toEqual({ failedSignIns: 4, lockedUntil: null });
    expect(afterFailedSignIn(4, at('10:00:00'), policy)).toEqual({ failedSignIns: 5, lockedUntil: at('10:15:00') });
  });

  it('is never shorter for more failures and never over the maximum', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => lockSeconds(n + 1, policy) >= lockSeconds(n, policy) && lockSeconds(n, policy) <= policy.maxLockSeconds));
  });

  it('counts the seconds left up, and 0 once the lock has passed', () => {
    expect(lockedForSeconds(at('10:15:00'), at('10:14:59.500'))).toBe(1);
    expect(lockedForSeconds(at('10:15:00'), at('10:15:00'))).toBe(0);
    expect(lockedForSeconds(null, at('10:15:00'))).toBe(0);
  });
});

describe('session expiry', () => {
  const limits = { absoluteSeconds: 8 * 3600, idleSeconds: 30 * 60 };
  const s = { lastSeenAt: at('10:00:00'), expiresAt: at('18:00:00'), revokedAt: null };
  it('is alive until idle for the idle time', () => {
    expect(sessionState(s, at('10:29:59'), limits)).toBe('alive');
    expect(sessionState(s, at('10:30:00'), limits)).toBe('idle');
  });
  it('ends at the absolute time however recent the last request', () => {
    expect(sessionState({ ...s, lastSeenAt: at('17:59:00') }, at('17:59:59'), limits)).toBe('alive');
    expect(sessionState({ ...s, lastSeenAt: at('17:59:00') }, at('18:00:00'), limits)).toBe('expired');
  });
  it('a revoked session is over at once', () => {
    expect(sessionState({ ...s, revokedAt: at('10:01:00') }, at('10:02:00'), limits)).toBe('revoked');
  });
  it('touches at most once a minute', () => {
    expect(shouldTouch(at('10:00:00'), at('10:00:59'))).toBe(false);
    expect(shouldTouch(at('10:00:00'), at('10:01:00'))).toBe(true);
  });
});

describe('rate windows', () => {
  it('aligns windows to the epoch and says how long until the next', () => {
    const w = rateWindow(at('10:00:45'), 60);
    expect(w.start).toEqual(at('10:00:00'));
    expect(w.end).toEqual(at('10:01:00'));
    expect(w.retryAfterSeconds).toBe(15);
  });
  it('every instant lies in its window, and retry-after reaches the next one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 86_400 }), (ms, seconds) => {
        const now = new Date(ms);
        const w = rateWindow(now, seconds);
        return w.start.getTime() <= ms && ms < w.end.getTime() && ms + w.retryAfterSeconds * 1000 >= w.end.getTime() && w.retryAfterSeconds >= 1;
      }),
    );
  });
});

describe('token permissions', () => {
  it('are what both the token and the user hold', () => {
    expect([...tokenPermissions(['customers.read', 'orders.read'], ['orders.read', 'audit.read'])]).toEqual(['orders.read']);
  });
  it('drop names that are not permissions', () => {
    expect([...tokenPermissions(['customers.read', 'root'], ['root', 'customers.read'])]).toEqual(['customers.read']);
  });
  it('never exceed either side', () => {
    fc.assert(
      fc.property(fc.subarray([...permissions]), fc.subarray([...permissions]), (user, token) => {
        const got = tokenPermissions(user, token);
        return [...got].every((p) => user.includes(p) && token.includes(p)) && user.filter((p) => token.includes(p)).every((p) => got.has(p));
      }),
    );
  });
});

describe('credentials', () => {
  it('wants passwords of 10 characters that do not contain the username', () => {
    expect(passwordProblem('short', 'agent')).toMatch(/10/);
    expect(passwordProblem('my-agent-password', 'agent')).toMatch(/username/);
    expect(passwordProblem('aftercare-demo', 'agent')).toBeNull();
    expect(passwordProblem('售后服务系统的演示密码', 'agent')).toBeNull();
  });
  it('usernames are lowercase words', () => {
    expect(['agent', 'provider2', 'li.na', 'zhang_wei-2'].every((u) => usernamePattern.test(u))).toBe(true);
    expect(['Agent', '2agent', 'a', 'li na', ''].some((u) => usernamePattern.test(u))).toBe(false);
  });
});

describe('roles and masking', () => {
  it('every default permission is a known permission, and admin holds them all', () => {
    for (const r of roles) for (const p of defaultRolePermissions[r]) expect(permissions).toContain(p);
    expect(new Set(defaultRolePermissions.admin)).toEqual(new Set(permissions));
  });
  it('the system may do anything; a customer only what the portal allows', () => {
    expect(can({ kind: 'system', name: 'cli' }, 'users.manage')).toBe(true);
    expect(can({ kind: 'customer', customerId: 'c', permissions: customerPermissions }, 'orders.read')).toBe(true);
    expect(can({ kind: 'customer', customerId: 'c', permissions: customerPermissions }, 'customers.write')).toBe(false);
  });
  it('masks the middle of a phone number, keeping the last four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('02155556666')).toBe('021****6666');
    expect(maskPhone('123456')).toBe('**3456');
    expect(maskPhone('123')).toBe('***');
  });
});

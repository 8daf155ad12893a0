import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { delivered, newSecret, nextAttemptAt, retryDelaysMs, secretsInForce, shouldDisable, signature, verify } from './webhooks.rules.js';

describe('Standard Webhooks signing', () => {
  // The example of the Standard Webhooks specification (its reference libraries' test vector).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const body = '{"test": 2432232314}';
  it('signs id.timestamp.body with HMAC-SHA256 of the base64 key, as the specification', () => {
    expect(signature([secret], id, 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
  it('verifies its own signature within the tolerance, and refuses a changed body, an old timestamp or another secret', () => {
    const now = 1_700_000_000;
    const sig = signature([secret], id, now, body);
    expect(verify(secret, { id, timestamp: String(now), signature: sig }, body, now + 10)).toBe(true);
    expect(verify(secret, { id, timestamp: String(now), signature: sig }, `${body} `, now)).toBe(false);
    expect(verify(secret, { id, timestamp: String(now), signature: sig }, body, now + 301)).toBe(false);
    expect(verify(newSecret(), { id, timestamp: String(now), signature: sig }, body, now)).toBe(false);
  });
  it('signs with both secrets during a rotation, so either verifies', () => {
    const old = newSecret();
    const fresh = newSecret();
    const now = new Date('2026-06-01T00:00:00Z');
    const both = secretsInForce({ secret: fresh, previousSecret: old, previousSecretUntil: new Date(now.getTime() + 1000) }, now);
    expect(both).toEqual([fresh, old]);
    const sig = signature(both, id, 1, body);
    expect(sig.split(' ')).toHaveLength(2);
    expect(verify(old, { id, timestamp: '1', signature: sig }, body, 1)).toBe(true);
    expect(verify(fresh, { id, timestamp: '1', signature: sig }, body, 1)).toBe(true);
    expect(secretsInForce({ secret: fresh, previousSecret: old, previousSecretUntil: now }, now)).toEqual([fresh]);
  });
  it('new secrets are whsec_ and 32 bytes', () => {
    const s = newSecret();
    expect(s).toMatch(/^whsec_/);
    expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(32);
    expect(createHmac('sha256', Buffer.from(s.slice(6), 'base64')).update('x').digest()).toHaveLength(32);
  });
});

describe('retries and disabling', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it.each([
    [1, 5_000],
    [2, 300_000],
    [7, 36_000_000],
  ])('after %i failed attempts, waits %i ms', (attempts, wait) => {
    expect(nextAttemptAt(attempts, now)!.getTime() - now.getTime()).toBe(wait);
  });
  it('gives up after eight attempts, about a day after the first', () => {
    expect(nextAttemptAt(8, now)).toBeNull();
    const hours = retryDelaysMs.reduce((a, b) => a + b, 0) / 3600_000;
    expect(hours).toBeGreaterThan(24);
    expect(hours).toBeLessThan(30);
  });
  it('disables an endpoint failing for five days without a success', () => {
    expect(shouldDisable(null, now)).toBe(false);
    expect(shouldDisable(new Date(now.getTime() - 4 * 86400_000), now)).toBe(false);
    expect(shouldDisable(new Date(now.getTime() - 5 * 86400_000), now)).toBe(true);
  });
  it('only a 2xx is delivered', () => {
    expect([200, 204, 299, 301, 400, 500, null].map(delivered)).toEqual([true, true, true, false, false, false, false]);
  });
});

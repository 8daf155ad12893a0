// Pure rules of webhooks: Standard Webhooks signing, the retry schedule, when an endpoint is disabled.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The event types a subscription may name (payload schemas in webhooks.contract.ts). */
export { eventTypes, eventNames, type EventType } from './webhooks.events.js';

/** A new secret: `whsec_` and 32 random bytes in base64 (what Standard Webhooks libraries read). */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret in force, space-separated. */
export function signature(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  return secrets.map((s) => `v1,${createHmac('sha256', keyOf(s)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`).join(' ');
}

/** What a receiver does: any v1 signature that matches, and a timestamp within the tolerance (5 minutes). */
export function verify(secret: string, headers: { id: string; timestamp: string; signature: string }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signature([secret], headers.id, ts, body).slice(3), 'base64');
  return headers.signature.split(' ').some((part) => {
    const [v, sig] = part.split(',');
    if (v !== 'v1' || !sig) return false;
    const given = Buffer.from(sig, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The secrets to sign with: the current one, and the previous one while it is still honoured. */
export function secretsInForce(e: { secret: string; previousSecret: string | null; previousSecretUntil: Date | null }, now: Date): string[] {
  return e.previousSecret && e.previousSecretUntil && e.previousSecretUntil > now ? [e.secret, e.previousSecret] : [e.secret];
}

/** How long the old secret stays valid after a rotation: a day, for receivers to switch. */
export const rotationOverlapMs = 24 * 3600_000;

/**
 * Waits before each retry (after attempt n, the nth entry): Standard Webhooks' suggested schedule,
 * 5 s … 10 h, about 27.5 hours in all; after the last, the delivery has failed.
 */
export const retryDelaysMs = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** When to try again after `attempts` failed attempts, or null: give up. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  const wait = retryDelaysMs[attempts - 1];
  return wait === undefined ? null : new Date(now.getTime() + wait);
}

/** An endpoint failing without a success for this long is disabled and its owner told. */
export const disableAfterMs = 5 * 24 * 3600_000;

export function shouldDisable(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterMs;
}

/** A 2xx answer is a delivery; anything else (or no answer) is a failure to retry. */
export const delivered = (status: number | null) => status !== null && status >= 200 && status < 300;

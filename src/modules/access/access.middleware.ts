import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Actor } from '../../http/router.js';
import type { Principal } from '../../kernel/permissions.js';
import { forwardedClient, plainAddress } from './client-address.js';
import { accessErrors, type Caller } from '../../kernel/scopes.js';
import { accessFailures } from './access.errors.js';
import type { AccessService, RateRule } from './access.service.js';

export const sessionCookie = 'aftercare_session';

/** What this module reads and writes on the context; AppEnv is a superset of it. */
export type AccessEnv = { Variables: { principal: Principal | null; actor: Actor; clientAddress: string | null } };

export type AuthenticateOptions = {
  /** true: always mark the cookie Secure; 'auto' (default): when the request came over https. */
  secureCookies?: boolean | 'auto';
  /** Defaults from the service's limits; null turns the limit off (e.g. a benchmark from one address). */
  perToken?: RateRule | null;
  perAddress?: RateRule | null;
  /**
   * Writes that need no CSRF token even with a cookie: the ways in act on credentials in the
   * body, not on the session, and a leftover cookie must not stop anyone signing in again.
   */
  csrfExempt?: string[];
  /**
   * Addresses of reverse proxies in front of the server. Only a request from one of them has its
   * client taken from X-Forwarded-For (the nearest entry that is not itself a trusted proxy);
   * anyone else's header is ignored, so nobody can pick the address their limits count against.
   */
  trustedProxies?: string[];
};

export const defaultCsrfExempt = ['/auth/sign-in', '/auth/invitation/accept', '/portal/code', '/portal/sign-in', '/portal/link/redeem'];

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The client's address: the actor's, when a middleware before set it, else the socket's.
 * Typed loosely so AppEnv and AccessEnv contexts both pass.
 */
export function addressOf(c: Context): string | null {
  const actor = c.get('actor') as Actor | undefined;
  if (actor) return actor.address;
  const seen = c.get('clientAddress') as string | null | undefined;
  return seen === undefined ? socketAddress(c) : seen;
}

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

function tooMany(c: Context, retryAfterSeconds: number) {
  const e = accessFailures.rateLimited(retryAfterSeconds);
  return c.json({ error: { code: e.code, message: e.message, details: e.details } }, 429, { 'Retry-After': String(retryAfterSeconds) });
}

function deny(c: Context, e: { code: string; message: string; details: unknown; status: number }) {
  return c.json({ error: { code: e.code, message: e.message, details: e.details } }, e.status as 401 | 403);
}

/**
 * Finds who is calling: a bearer API token (`Authorization: Bearer act_…`) or the session cookie.
 * Sets `principal` (null for nobody). A bearer token that does not work answers 401 at once, since
 * its sender meant to be someone; a stale cookie only makes the request anonymous (and is cleared).
 * Writes made with the cookie must carry the session's CSRF token in `x-csrf-token`; bearer
 * requests cannot be forged by another site's page, so they need none. Needs `actor` (for the
 * address) set before it.
 */
// Returned with Hono's open Env so it mounts on AppEnv routers as well as on AccessEnv ones.
export function authenticate(access: AccessService, options: AuthenticateOptions = {}): MiddlewareHandler {
  const perToken = options.perToken === undefined ? access.limits.rate.perToken : options.perToken;
  const perAddress = options.perAddress === undefined ? access.limits.rate.perAddress : options.perAddress;
  const exempt = new Set(options.csrfExempt ?? defaultCsrfExempt);
  const trusted = new Set((options.trustedProxies ?? []).map(plainAddress));
  return async (c, next) => {
    if (trusted.size && !c.get('actor')) c.set('clientAddress', forwardedClient(socketAddress(c), c.req.header('x-forwarded-for'), trusted));
    const address = addressOf(c);
    if (address && perAddress) {
      const d = await access.hitRateLimit(`addr:${address}`, perAddress.limit, perAddress.windowSeconds);
      if (!d.allowed) return tooMany(c, d.retryAfterSeconds);
    }
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      const principal = match ? await access.authenticateToken(match[1]) : null;
      if (!principal || principal.kind !== 'staff') return deny(c, accessFailures.badCredential());
      if (perToken) {
        const d = await access.hitRateLimit(`token:${principal.tokenId}`, perToken.limit, perToken.windowSeconds);
        if (!d.allowed) return tooMany(c, d.retryAfterSeconds);
      }
      c.set('principal', principal);
      return next();
    }
    const cookie = getCookie(c, sessionCookie);
    if (cookie) {
      const auth = await access.sessionFor(cookie, address);
      if (!auth) {
        deleteCookie(c, sessionCookie, { path: '/' });
        c.set('principal', null);
        return next();
      }
      if (!safeMethods.has(c.req.method) && !exempt.has(c.req.path)) {
        const sent = c.req.header('x-csrf-token') ?? '';
        if (!sameText(sent, auth.csrfToken)) return deny(c, accessFailures.csrf());
      }
      c.set('principal', auth.principal);
      return next();
    }
    c.set('principal', null);
    return next();
  };
}

/** Answers 401 before the handler when nobody is signed in. */
export function requirePrincipal(): MiddlewareHandler {
  return async (c, next) => {
    if (!c.get('principal')) return deny(c, accessErrors.unauthenticated());
    return next();
  };
}

/** The caller for a service call; throws 401 when nobody is signed in. */
export function callerOf(c: Context): Caller {
  const principal = c.get('principal') as Principal | null | undefined;
  if (!principal) throw accessErrors.unauthenticated();
  return { principal, address: addressOf(c) };
}

export function setSessionCookie(c: Context, secretValue: string, maxAgeSeconds: number, secure: boolean | 'auto' = 'auto') {
  const https = secure === true || (secure === 'auto' && (new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'));
  setCookie(c, sessionCookie, secretValue, { httpOnly: true, secure: https, sameSite: 'Lax', path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, sessionCookie, { path: '/' });
}

export function sessionSecretOf(c: Context): string | undefined {
  return getCookie(c, sessionCookie);
}

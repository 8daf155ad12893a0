import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * What every answer tells the browser (the console, /docs, photos, the API alike): run only this
 * server's own scripts, never inside another site's frame, never guess a type, send no referrer.
 * A header a route set itself wins (a photo's stricter policy, for one).
 *
 * Styles allow 'unsafe-inline': the charts' tooltips (ECharts) are markup with style attributes.
 * Scripts do not, so injected markup still cannot run (test/browser/csp.e2e.test.ts checks /docs
 * and the console in chromium).
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The origins a tile template fetches from: one, or with `{s}` in its host one per subdomain
 * (https://{s}.tile.example with a, b, c: https://a.tile.example, https://b.tile.example, https://c.tile.example).
 */
export function tileOrigins(tiles: string, subdomains: readonly string[] = []): string[] {
  const hosts = tiles.includes('{s}') ? subdomains.map((s) => tiles.replaceAll('{s}', s)) : [tiles];
  return [...new Set(hosts.map((u) => new URL(u.replace(/\{[a-z]+\}/gi, '0')).origin))];
}

/**
 * The policy with the board's tile servers let in: their origins for images (the tiles) and
 * connections (a vector map's fetches), nothing else of them. No tile server: the policy as it is.
 */
export function policyWithTiles(tiles: string | null | undefined, subdomains: readonly string[] = []) {
  if (!tiles) return contentSecurityPolicy;
  const origins = tileOrigins(tiles, subdomains);
  return { ...contentSecurityPolicy, imgSrc: [...contentSecurityPolicy.imgSrc, ...origins], connectSrc: [...contentSecurityPolicy.connectSrc, ...origins] };
}

/** `tiles`: the board's map tile URL template (AFTERCARE_MAP_TILES), when one is set, and what its `{s}` stands for. */
export function securityHeaders(tiles?: string | null, subdomains: readonly string[] = []): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: policyWithTiles(tiles, subdomains),
    xFrameOptions: 'DENY',
    xContentTypeOptions: true,
    referrerPolicy: 'no-referrer',
    // Ignored by browsers over plain http; over https it keeps them there. Subdomains are the company's own business.
    strictTransportSecurity: 'max-age=15552000',
    overwrite: false,
  });
}

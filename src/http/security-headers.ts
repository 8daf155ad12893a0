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

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy,
    xFrameOptions: 'DENY',
    xContentTypeOptions: true,
    referrerPolicy: 'no-referrer',
    // Ignored by browsers over plain http; over https it keeps them there. Subdomains are the company's own business.
    strictTransportSecurity: 'max-age=15552000',
    overwrite: false,
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, systemCaller, testApp, type TestApp } from './harness.js';
import { realPng } from './images.js';

// Every answer carries the browser headers: the console's pages, the API reference, the API's
// JSON (answers and errors alike) and the photos.
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  t = await testApp();
  w = await seedWorld(t);
});
afterAll(() => t.close());

function expectBrowserHeaders(res: Response, what: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe/);
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
}

describe(`browser security headers on ${engine}`, () => {
  it('sends them on the console, /docs, the API description and the API', async () => {
    for (const path of ['/', '/my', '/app/search', '/docs', '/docs/init.js', '/openapi.json', '/health']) {
      const res = await t.app.request(path);
      expectBrowserHeaders(res, path);
    }
    expectBrowserHeaders(await t.app.request('/customers', { headers: t.admin.headers }), 'an API answer');
    expectBrowserHeaders(await t.app.request('/work-orders'), 'a 401');
    expectBrowserHeaders(await t.app.request('/work-orders/nothing-here/at-all', { headers: t.admin.headers }), 'a 404');
    const bad = await t.app.request('/customers', { method: 'POST', headers: { ...t.admin.headers, 'content-type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(400);
    expectBrowserHeaders(bad, 'a 400');
  });

  it('serves a photo as an inline image that is never sniffed nor run', async () => {
    let o = (await t.services.workOrders.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await t.services.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
    const photo = await t.services.photos.add(systemCaller, o.id, 'site', 'image/png', realPng);
    const res = await t.app.request(`/photos/${photo.id}`, { headers: t.admin.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="photo-${photo.id}.png"`);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; img-src 'self'; sandbox");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

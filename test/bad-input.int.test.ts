import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, testApp, type TestApp } from './harness.js';

// Walks every route the API publishes, so a new route is covered the day it appears.
let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;
let spec: { paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { in: string; name: string; required?: boolean }[] }>> };

beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
  spec = (await t.get('/openapi.json')).body;
});
afterAll(() => t.close());

const withId = (path: string, id: string) => path.replace('{id}', id);

async function snapshot() {
  const counts: number[] = [];
  for (const p of ['/customers?limit=1', '/units?limit=1', '/work-orders?limit=1', '/technicians?limit=1']) counts.push((await t.get(p)).body.total);
  return counts;
}

describe(`bad input on every route, ${engine}`, () => {
  it('answers a body of the wrong shape with 400 naming a field, and writes nothing', async () => {
    const before = await snapshot();
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op.requestBody) continue;
        const url = withId(path, world.unit.id);
        for (const body of [{}, { version: 'one', name: 42, kind: 7, phones: 'x', providerId: 'nope' }, []]) {
          const res = await t.call(method.toUpperCase(), url, body);
          expect(res.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(400);
          expect(res.body.error.code).toBe('validation_failed');
          expect(res.body.error.details.length).toBeGreaterThan(0);
          expect(typeof res.body.error.details[0].path).toBe('string');
          expect(res.body.error.details[0].message.length).toBeGreaterThan(0);
        }
        const malformed = await t.call(method.toUpperCase(), url, '{"version": 1,');
        expect(malformed.status, `${method} ${path} malformed`).toBe(400);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(await snapshot()).toEqual(before);
  });

  it('says what is wrong with a field in Chinese and English', async () => {
    const res = await t.post('/customers', { name: 42 });
    expect(res.status).toBe(400);
    const name = res.body.error.details.find((d: { path: string }) => d.path === 'name');
    expect(name.message).toMatch(/expected string.* \/ .*无效输入/);
  });

  it('answers a malformed id with 400 and an unknown one with 404 on every route that takes one', async () => {
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (!path.includes('{id}')) continue;
      for (const [method, op] of Object.entries(methods)) {
        // A delete that names the version it read gets one, so the id is what is wrong.
        const takesVersion = op.parameters?.some((p) => p.in === 'query' && p.name === 'version');
        const bad = await t.call(method.toUpperCase(), withId(path, 'not-a-uuid') + (takesVersion ? '?version=1' : ''), method === 'get' ? undefined : {});
        expect(bad.status, `${method} ${path}`).toBe(400);
        expect(bad.body.error.details.some((d: { path: string }) => d.path === 'id'), `${method} ${path}`).toBe(true);
        if (method === 'get') {
          // Any other id in the path (a file of the record) is unknown too.
          const missing = await t.get(withId(path, '00000000-0000-4000-8000-000000000000').replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000001'));
          expect(missing.status, `${method} ${path}`).toBe(404);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('answers bad query parameters with 400 naming the parameter', async () => {
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      const op = methods.get;
      if (!op || path.includes('{id}')) continue;
      const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      if (names.includes('limit')) {
        // A route with required parameters (a period) names them too: the bad one must be among them.
        const named = (r: { body: { error: { details: { path: string }[] } } }) => r.body.error.details.map((d) => d.path);
        const res = await t.get(`${path}?limit=100000`);
        expect(res.status, path).toBe(400);
        expect(named(res), path).toContain('limit');
        const neg = await t.get(`${path}?offset=-1`);
        expect(neg.status, path).toBe(400);
        expect(named(neg), path).toContain('offset');
        checked += 1;
      }
      if (names.includes('sort')) {
        const res = await t.get(`${path}?sort=password`);
        expect([res.status, res.body.error.details[0].path], path).toEqual([400, 'sort']);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

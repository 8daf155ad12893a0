import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { engine, testApp, type TestApp } from './harness.js';
import { createHttpApp } from '../src/server/http.js';

// Over a real socket from 127.0.0.1: a server that trusts that address as its proxy records the
// client named in X-Forwarded-For; one that does not records the socket's address.
let t: TestApp;
const servers: ServerType[] = [];

async function listen(trustedProxies: string[]): Promise<string> {
  const app = createHttpApp(t.services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null, trustedProxies } });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  servers.push(server);
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function failedSignInFrom(base: string, username: string) {
  const res = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '1.2.3.4, 203.0.113.7' }, body: JSON.stringify({ username, password: 'not-the-password' }) });
  expect(res.status).toBe(401);
  const audit = await t.get(`/audit?action=sign_in_failed&limit=100`);
  return audit.body.items.find((e: any) => e.actorName === username)?.address;
}

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  for (const s of servers) s.close();
  await t.close();
});

describe(`client address on ${engine}`, () => {
  it('takes the forwarded client only from a trusted proxy', async () => {
    expect(await failedSignInFrom(await listen(['127.0.0.1', '::1']), 'behind-proxy')).toBe('203.0.113.7');
    expect(await failedSignInFrom(await listen([]), 'direct')).toBe('127.0.0.1');
  });
});

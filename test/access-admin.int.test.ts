import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, systemCaller, testApp, tokenFor, type TestApp } from './harness.js';
import { defaultRolePermissions } from '../src/kernel/permissions.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function signIn(username: string, password: string) {
  const res = await t.app.request('/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) return { status: res.status, cookie: '', csrf: '' };
  return { status: 200, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function as(s: { cookie: string; csrf: string }, method: string, path: string, body?: unknown) {
  return t.app.request(path, { method, headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe(`passwords and role permissions, ${engine}`, () => {
  it('changes a password with the current one, ending the other sessions', async () => {
    await t.services.access.createUser(systemCaller, { username: 'pw-user', displayName: 'pw', password: 'first-password-1', role: 'agent' });
    const here = await signIn('pw-user', 'first-password-1');
    const elsewhere = await signIn('pw-user', 'first-password-1');
    const wrong = await as(here, 'POST', '/auth/password', { currentPassword: 'nope-nope-nope', newPassword: 'second-password-2' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).error.details[0].path).toBe('currentPassword');
    const ok = await as(here, 'POST', '/auth/password', { currentPassword: 'first-password-1', newPassword: 'second-password-2' });
    expect(ok.status).toBe(204);
    expect((await as(here, 'GET', '/auth/me')).status).toBe(200);
    expect((await as(elsewhere, 'GET', '/auth/me')).status).toBe(401);
    expect((await signIn('pw-user', 'first-password-1')).status).toBe(401);
    expect((await signIn('pw-user', 'second-password-2')).status).toBe(200);
    const audit = await t.services.access.searchAudit(systemCaller, { action: 'password_changed', limit: 5, offset: 0 } as never);
    expect(audit.total).toBe(1);
  });

  it('lets an administrator change what a role may do, effective at once, and keeps the record', async () => {
    await t.services.access.createUser(systemCaller, { username: 'rp-disp', displayName: 'd', password: 'dispatch-password-1', role: 'dispatcher' });
    const dispatcher = await signIn('rp-disp', 'dispatch-password-1');
    expect((await as(dispatcher, 'GET', '/outbox')).status).toBe(403);
    const roles = await t.get('/roles');
    expect(roles.body.items.find((r: any) => r.role === 'dispatcher').permissions).toEqual([...defaultRolePermissions.dispatcher].sort());
    const changed = await t.call('PUT', '/roles/dispatcher/permissions', { permissions: [...defaultRolePermissions.dispatcher, 'outbox.read'] });
    expect(changed.status).toBe(200);
    expect((await as(dispatcher, 'GET', '/outbox')).status).toBe(200);
    const audit = await t.services.access.searchAudit(systemCaller, { action: 'role_permissions_changed', limit: 5, offset: 0 } as never);
    expect(audit.items[0].details).toMatchObject({ after: expect.arrayContaining(['outbox.read']) });
    await t.call('PUT', '/roles/dispatcher/permissions', { permissions: [...defaultRolePermissions.dispatcher] });
    expect((await as(dispatcher, 'GET', '/outbox')).status).toBe(403);
  });

  it("a permission taken from a role stops working through that role's API tokens at once", async () => {
    const { headers } = await tokenFor(t.services, 'dispatcher', 'rp-token-disp');
    const orders = () => t.app.request('/work-orders?limit=1', { headers });
    expect((await orders()).status).toBe(200);
    const without = defaultRolePermissions.dispatcher.filter((p) => p !== 'orders.read');
    expect((await t.call('PUT', '/roles/dispatcher/permissions', { permissions: without })).status).toBe(200);
    expect((await orders()).status).toBe(403);
    await t.call('PUT', '/roles/dispatcher/permissions', { permissions: [...defaultRolePermissions.dispatcher] });
    expect((await orders()).status).toBe(200);
  });

  it('refuses to take user management from the admin role, and unknown roles or permissions', async () => {
    const res = await t.call('PUT', '/roles/admin/permissions', { permissions: ['orders.read'] });
    expect([res.status, res.body.error.details[0].path]).toEqual([400, 'permissions']);
    expect((await t.call('PUT', '/roles/king/permissions', { permissions: [] })).status).toBe(400);
    const bad = await t.call('PUT', '/roles/agent/permissions', { permissions: ['fly'] });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, 'permissions.0']);
  });
});

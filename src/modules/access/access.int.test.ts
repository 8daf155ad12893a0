import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { engine, manualClock, testDatabase, uniquePhone } from '../../../test/harness.js';
import type { Database } from '../../db/database.js';
import { createRouter } from '../../http/router.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { customers, customerPhones } from '../customers/customers.tables.js';
import { providers, technicians } from '../network/network.tables.js';
import { outboxMessages } from '../notifications/notifications.tables.js';
import { defaultRolePermissions, type Principal } from '../../kernel/permissions.js';
import { createAccessService, demoPassword, tokenMemoryMs, type AccessService } from './access.service.js';
import { groupedAuditWith } from '../../kernel/audit.js';
import { auditLog } from '../../kernel/audit.tables.js';
import { authenticate, callerOf } from './access.middleware.js';
import { accessRoutes } from './access.routes.js';
import { rateLimitCounters, rolePermissions, users } from './access.tables.js';

const password = 'correct horse battery';
const system = { principal: { kind: 'system', name: 'test' } as Principal, address: null };

let database: Database;
let drop: () => Promise<void>;
let access: AccessService;
const clock = manualClock();
let app: ReturnType<typeof buildApp>;
let providerId: string;
let otherProviderId: string;
let technicianId: string;

function buildApp(service: AccessService, options: Parameters<typeof authenticate>[1] = {}) {
  const a = createRouter();
  // Tests name the client address, so each test has its own rate-limit budget.
  a.use('*', async (c, next) => {
    c.set('actor', { id: 'test', address: c.req.header('x-test-address') ?? '10.0.0.1' });
    await next();
  });
  a.use('*', authenticate(service, options));
  a.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status);
    throw err;
  });
  a.route('/', accessRoutes(service));
  a.post('/probe', (c) => {
    const p = callerOf(c).principal;
    return c.json({ kind: p.kind, permissions: p.kind === 'system' ? [] : [...p.permissions].sort() });
  });
  return a;
}

let addressCounter = 0;
/** A client with its own address and cookie jar, like one browser. */
function client(a = app) {
  const address = `10.1.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;
  let cookie: string | undefined;
  let csrf: string | undefined;
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await a.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-test-address': address,
        ...(cookie ? { cookie } : {}),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = /aftercare_session=([^;]*)/.exec(setCookie)?.[1];
      cookie = value ? `aftercare_session=${value}` : undefined;
    }
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (json?.csrfToken) csrf = json.csrfToken;
    return { status: res.status, body: json, headers: res.headers, text };
  }
  return {
    address,
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) => call('POST', path, body, headers),
    signIn: (username: string, pw = password) => call('POST', '/auth/sign-in', { username, password: pw }),
    dropCsrf: () => (csrf = undefined),
    get cookie() {
      return cookie;
    },
  };
}

let userCounter = 0;
async function user(role: Parameters<AccessService['createUser']>[1]['role'], extra: { providerId?: string; technicianId?: string } = {}) {
  const username = `u${++userCounter}${role.replace('_', '')}`;
  return access.createUser(system, { username, displayName: `测试 ${username}`, password, role, ...extra });
}

async function customerWithPhone(phone = uniquePhone()) {
  const id = newId();
  const now = clock.now();
  await database.db.insert(customers).values({ id, number: `C${Date.now()}${userCounter++}`, kind: 'person', name: '刘洋', tier: 'ordinary', preferredLanguage: 'zh', preferredChannel: 'sms', consentToContact: true, createdAt: now, updatedAt: now });
  await database.db.insert(customerPhones).values({ id: newId(), customerId: id, phone, label: 'mobile', isPrimary: true });
  return { id, phone };
}

async function auditRows(action: string, subjectId?: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(subjectId ? and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)) : eq(auditLog.action, action));
}

async function latestCode(phone: string): Promise<string> {
  const rows = await database.db.select().from(outboxMessages).where(and(eq(outboxMessages.recipient, phone), eq(outboxMessages.template, 'portal_code'))).orderBy(sql`${outboxMessages.createdAt} desc`);
  return /(\d{6})/.exec(rows[0].bodyEn)![1];
}

beforeAll(async () => {
  ({ database, drop } = await testDatabase());
  access = createAccessService({ db: database.db, clock, sessionSecretKey: 'test-key' });
  app = buildApp(access);
  const now = clock.now();
  providerId = newId();
  otherProviderId = newId();
  technicianId = newId();
  await database.db.insert(providers).values([
    { id: providerId, code: 'PA', name: '天河网点', kind: 'contractor', contactName: '李', contactPhone: '02000000000', createdAt: now },
    { id: otherProviderId, code: 'PB', name: '海珠网点', kind: 'contractor', contactName: '王', contactPhone: '02000000001', createdAt: now },
  ]);
  await database.db.insert(technicians).values({ id: technicianId, providerId, name: '王师傅', phone: '13900000001', createdAt: now });
});
afterAll(() => drop());

describe(`access on ${engine}`, () => {
  it('seeds role_permissions exactly as defaultRolePermissions', async () => {
    const rows = await database.db.select().from(rolePermissions);
    const seeded = new Set(rows.map((r) => `${r.role}:${r.permission}`));
    const expected = new Set(Object.entries(defaultRolePermissions).flatMap(([r, ps]) => ps.map((p) => `${r}:${p}`)));
    expect(seeded).toEqual(expected);
  });

  it('stores argon2id hashes and never returns them', async () => {
    const admin = await user('admin');
    const [row] = await database.db.select().from(users).where(eq(users.id, admin.id));
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    const c = client();
    const answers = [await c.signIn(admin.username), await c.get('/auth/me'), await c.get('/users?limit=200'), await c.get(`/users/${admin.id}`)];
    answers.push(await c.post('/users', { username: `new${userCounter}`, displayName: '新人', password, role: 'agent' }));
    for (const a of answers) {
      expect(a.status).toBeLessThan(300);
      expect(a.text).not.toContain('$argon2');
      expect(a.text).not.toMatch(/passwordHash|password_hash/);
    }
  });

  it('signs in with a session cookie that is http-only, SameSite=Lax and path /', async () => {
    const agent = await user('agent');
    const c = client();
    const res = await c.signIn(agent.username);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: agent.id, role: 'agent' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const me = await c.get('/auth/me');
    expect(me.body).toMatchObject({ kind: 'staff', via: 'session', csrfToken: res.body.csrfToken });
    expect(me.body.permissions).toEqual([...defaultRolePermissions.agent].sort());
  });

  it('marks the cookie Secure over https', async () => {
    const agent = await user('agent');
    const res = await app.request('https://aftercare.example/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: agent.username, password }) });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('answers every failed sign-in alike: unknown user, wrong password, deactivated user', async () => {
    const agent = await user('agent');
    const gone = await user('agent');
    await access.deactivateUser(system, gone.id);
    const c = client();
    const answers = [await c.signIn('nobody-here'), await c.signIn(agent.username, 'wrong password!'), await c.signIn(gone.username)];
    for (const a of answers) expect([a.status, a.body]).toEqual([401, { error: { code: 'sign_in_failed', message: 'Wrong username or password / 用户名或密码错误', details: [] } }]);
    expect(c.cookie).toBeUndefined();
  });

  it('locks after five failures even for the right password, until the lock passes; then locks twice as long', async () => {
    const agent = await user('agent');
    const c = client();
    for (let i = 0; i < 5; i++) expect((await c.signIn(agent.username, 'wrong password!')).status).toBe(401);
    const locked = await c.signIn(agent.username);
    expect([locked.status, locked.body.error.code, locked.headers.get('retry-after')]).toEqual([423, 'account_locked', '900']);
    clock.advance(899_000);
    expect((await c.signIn(agent.username)).status).toBe(423);
    clock.advance(1_000);
    expect((await c.signIn(agent.username, 'wrong password!')).status).toBe(401);
    const again = await c.signIn(agent.username);
    expect([again.status, again.headers.get('retry-after')]).toEqual([423, '1800']);
    clock.advance(1_800_000);
    expect((await c.signIn(agent.username)).status).toBe(200);
    const [row] = await database.db.select().from(users).where(eq(users.id, agent.id));
    expect([row.failedSignIns, row.lockedUntil]).toEqual([0, null]);
  });

  it('an unknown username locks after as many failures as a real one, so the lock does not reveal it', async () => {
    const c = client();
    for (let i = 0; i < 5; i++) expect((await c.signIn('ghost-user', 'wrong password!')).status).toBe(401);
    expect((await c.signIn('ghost-user', 'wrong password!')).status).toBe(423);
  });

  it('rate-limits sign-in per username across addresses', async () => {
    const limited = createAccessService({ db: database.db, clock, limits: { rate: { ...access.limits.rate, signInPerUsername: { limit: 2, windowSeconds: 60 } } } });
    const a = buildApp(limited);
    const res = [];
    for (let i = 0; i < 3; i++) res.push(await client(a).signIn('sprayed', 'wrong password!'));
    expect(res.map((r) => r.status)).toEqual([401, 401, 429]);
    expect(Number(res[2].headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ends a session after 30 idle minutes', async () => {
    const agent = await user('agent');
    const c = client();
    await c.signIn(agent.username);
    clock.advance(29 * 60_000);
    expect((await c.get('/auth/me')).status).toBe(200);
    clock.advance(29 * 60_000);
    expect((await c.get('/auth/me')).status).toBe(200);
    clock.advance(30 * 60_000);
    const me = await c.get('/auth/me');
    expect([me.status, me.body.error.code]).toEqual([401, 'unauthenticated']);
  });

  it('ends a busy session 8 hours after sign-in', async () => {
    const agent = await user('agent');
    const c = client();
    await c.signIn(agent.username);
    for (let i = 0; i < 23; i++) {
      clock.advance(20 * 60_000);
      expect((await c.get('/auth/me')).status).toBe(200);
    }
    clock.advance(20 * 60_000);
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('signs out: the cookie stops working and the audit log has it', async () => {
    const agent = await user('agent');
    const c = client();
    await c.signIn(agent.username);
    const stolen = c.cookie!;
    expect((await c.post('/auth/sign-out')).status).toBe(204);
    expect((await app.request('/auth/me', { headers: { cookie: stolen } })).status).toBe(401);
    expect(await auditRows('sign_out', agent.id)).toHaveLength(1);
  });

  it('requires the CSRF header for cookie writes, not for reads or bearer tokens', async () => {
    const admin = await user('admin');
    const c = client();
    await c.signIn(admin.username);
    c.dropCsrf();
    const refused = await c.post('/probe');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'csrf_failed']);
    expect((await c.post('/probe', {}, { 'x-csrf-token': 'guessed' })).status).toBe(403);
    expect((await c.get('/auth/me')).status).toBe(200);
    const csrf = (await c.get('/auth/me')).body.csrfToken;
    expect((await c.post('/probe', {}, { 'x-csrf-token': csrf })).status).toBe(200);
    const token = (await c.post('/auth/tokens', { name: 'crm', permissions: ['customers.write'] }, { 'x-csrf-token': csrf })).body.token;
    const customer = await customerWithPhone();
    const viaToken = await app.request('/portal/link', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ customerId: customer.id }) });
    expect(viaToken.status).toBe(201);
  });

  it('signing in again with a leftover cookie needs no CSRF token', async () => {
    const first = await user('agent');
    const second = await user('dispatcher');
    const c = client();
    await c.signIn(first.username);
    c.dropCsrf();
    const again = await c.signIn(second.username);
    expect([again.status, again.body.user.id]).toEqual([200, second.id]);
    expect((await c.get('/auth/me')).body.user.id).toBe(second.id);
  });

  it('publishes every route in the OpenAPI document', async () => {
    const a = buildApp(access);
    a.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'test', version: '0' } });
    const doc = await (await a.request('/openapi.json')).json();
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/audit', '/auth/me', '/auth/invitation/accept', '/auth/password', '/technicians/{id}/invitation', '/roles', '/roles/{role}/permissions', '/auth/sign-in', '/auth/sign-out', '/auth/tokens', '/auth/tokens/{id}/revoke', '/portal/code', '/portal/link', '/portal/link/redeem', '/portal/sign-in', '/users', '/users/{id}', '/users/{id}/deactivate', '/users/{id}/unlock'].sort(),
    );
    expect(Object.keys(doc.paths['/auth/sign-in'].post.responses)).toEqual(expect.arrayContaining(['200', '401', '423', '429']));
  });

  it('tokens: shown once, act_ format, listed without secrets, audited, and a revoked token answers 401', async () => {
    const admin = await user('admin');
    const c = client();
    await c.signIn(admin.username);
    const created = await c.post('/auth/tokens', { name: 'ERP 集成', permissions: ['orders.read', 'customers.read'] });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^act_[A-Za-z0-9_-]{40,}$/);
    const list = await c.get('/auth/tokens');
    expect(list.body.items.map((t: any) => t.id)).toEqual([created.body.id]);
    expect(list.text).not.toContain(created.body.token);
    const bearer = (path: string, method = 'GET') => app.request(path, { method, headers: { authorization: `Bearer ${created.body.token}`, 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
    const me = await (await bearer('/auth/me')).json();
    expect(me).toMatchObject({ kind: 'staff', via: 'token', permissions: ['customers.read', 'orders.read'], csrfToken: null });
    expect((await c.post(`/auth/tokens/${created.body.id}/revoke`)).body.revokedAt).not.toBeNull();
    const after = await bearer('/auth/me');
    expect([after.status, (await after.json()).error.code]).toEqual([401, 'unauthenticated']);
    expect((await bearer('/probe', 'POST')).status).toBe(401);
    expect((await app.request('/auth/me', { headers: { authorization: 'Bearer act_madeup' } })).status).toBe(401);
    expect(await auditRows('token_created', created.body.id)).toHaveLength(1);
    expect(await auditRows('token_revoked', created.body.id)).toHaveLength(1);
  });

  it("a token's permissions are the intersection of its list and the user's role, now", async () => {
    const admin = await user('admin');
    const agent = await user('agent');
    const c = client();
    await c.signIn(admin.username);
    const tooMuch = await c.post('/auth/tokens', { userId: agent.id, name: 'x', permissions: ['customers.read', 'users.manage'] });
    expect([tooMuch.status, tooMuch.body.error.details]).toEqual([400, [{ path: 'permissions', message: 'not held: users.manage' }]]);
    const created = await c.post('/auth/tokens', { userId: agent.id, name: 'agent tool', permissions: ['customers.read', 'network.read'] });
    expect(created.status).toBe(201);
    const perms = async () => (await (await app.request('/auth/me', { headers: { authorization: `Bearer ${created.body.token}` } })).json()).permissions;
    expect(await perms()).toEqual(['customers.read', 'network.read']);
    // Technicians do not hold network.read: a user demoted behind this server's back (another
    // copy, or SQL) loses it through the token within tokenMemoryMs, without the token being touched.
    await database.db.update(users).set({ role: 'technician' }).where(eq(users.id, agent.id));
    clock.advance(tokenMemoryMs);
    expect(await perms()).toEqual(['customers.read']);
  });

  it('an expired token answers 401; a user without tokens.manage cannot make tokens', async () => {
    const admin = await user('admin');
    const c = client();
    await c.signIn(admin.username);
    const created = await c.post('/auth/tokens', { name: 'short', permissions: ['orders.read'], expiresAt: new Date(clock.now().getTime() + 60_000).toISOString() });
    const me = () => app.request('/auth/me', { headers: { authorization: `Bearer ${created.body.token}` } });
    expect((await me()).status).toBe(200);
    clock.advance(60_000);
    expect((await me()).status).toBe(401);
    const agent = client();
    await agent.signIn((await user('agent')).username);
    const refused = await agent.post('/auth/tokens', { name: 'mine', permissions: ['orders.read'] });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('records sign-ins and failures in the audit log, which refuses UPDATE and DELETE', async () => {
    const agent = await user('agent');
    const c = client();
    await c.signIn(agent.username, 'wrong password!');
    await c.signIn(agent.username);
    const [failed] = await auditRows('sign_in_failed', agent.id);
    expect(failed).toMatchObject({ actorKind: 'anonymous', actorName: agent.username, address: c.address, outcome: 'refused', details: { reason: 'wrong_password' } });
    const [ok] = await auditRows('sign_in', agent.id);
    expect(ok).toMatchObject({ actorKind: 'staff', actorId: agent.id, address: c.address, outcome: 'ok' });
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const e: any = await database.db.execute(statement).then(() => null, (err) => err);
      return String(e?.cause?.message ?? e?.message);
    };
    expect(await refusal(sql`update audit_log set outcome = 'ok' where id = ${failed.id}`)).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(sql`delete from audit_log where id = ${ok.id}`)).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await auditRows('sign_in', agent.id)).toHaveLength(1);
  });

  it('audit() writes in the caller transaction: it rolls back with the caller', async () => {
    const subjectId = newId();
    await database.db.transaction(async (tx) => {
      await access.audit(tx, { caller: system, action: 'phone_revealed', subjectKind: 'customer', subjectId });
    });
    await expect(
      database.db.transaction(async (tx) => {
        await access.audit(tx, { caller: system, action: 'phone_revealed', subjectKind: 'customer', subjectId, details: { rolled: 'back' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await auditRows('phone_revealed', subjectId);
    expect(rows.map((r) => [r.actorKind, r.actorName, r.details])).toEqual([['system', 'system:test', {}]]);
  });

  it('grouped audit: every row of concurrent requests is committed when its promise settles; a failed insert rejects its group only', async () => {
    const audit = groupedAuditWith(database.db, clock);
    const subjectId = newId();
    const entries = Array.from({ length: 40 }, (_, i) => ({ caller: system, action: 'POST /work-orders', subjectKind: 'work-orders', subjectId, details: { i } }));
    await Promise.all(entries.map((e) => audit(e)));
    const rows = await auditRows('POST /work-orders', subjectId);
    expect(rows.map((r) => (r.details as { i: number }).i).sort((a, b) => a - b)).toEqual(entries.map((_, i) => i));

    // A row the database refuses (no action) goes alone when nothing else is waiting.
    await expect(audit({ caller: system, action: null as unknown as string, subjectKind: 'x', subjectId })).rejects.toThrow();
    await audit({ caller: system, action: 'after_failure', subjectKind: 'x', subjectId });
    expect(await auditRows('after_failure', subjectId)).toHaveLength(1);
  });

  it('managers search the audit log by actor, action, subject and time; others may not', async () => {
    const manager = await user('manager');
    const agent = await user('agent');
    const m = client();
    await m.signIn(manager.username);
    const from = clock.now().toISOString();
    clock.advance(1000);
    const a = client();
    await a.signIn(agent.username);
    const byActor = await m.get(`/audit?actorId=${agent.id}&action=sign_in&from=${encodeURIComponent(from)}`);
    expect(byActor.status).toBe(200);
    expect(byActor.body.items.map((r: any) => [r.action, r.subjectId])).toEqual([['sign_in', agent.id]]);
    const bySubject = await m.get(`/audit?subjectKind=user&subjectId=${agent.id}`);
    expect(bySubject.body.items.map((r: any) => r.action)).toEqual(['sign_in', 'user_created']);
    const before = await m.get(`/audit?actorId=${agent.id}&to=${encodeURIComponent(from)}`);
    expect(before.body.total).toBe(0);
    const refused = await a.get('/audit');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    const nobody = await client().get('/audit');
    expect([nobody.status, nobody.body.error.code]).toEqual([401, 'unauthenticated']);
  });

  it('customer codes: sent through the outbox, sign in once, the same answer for unknown numbers', async () => {
    const { id, phone } = await customerWithPhone();
    const c = client();
    const known = await c.post('/portal/code', { phone: `+86 ${phone}` });
    const unknownPhone = uniquePhone();
    const unknown = await c.post('/portal/code', { phone: unknownPhone });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
    expect(known.status).toBe(202);
    expect(await database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, unknownPhone))).toEqual([]);
    const [message] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, phone));
    expect(message).toMatchObject({ channel: 'sms', template: 'portal_code', subject: { kind: 'customer', id } });
    expect(message.bodyZh).toMatch(/验证码为 \d{6}/);
    const code = await latestCode(phone);
    const signedIn = await c.post('/portal/sign-in', { phone, code });
    expect([signedIn.status, signedIn.body.customerId]).toEqual([200, id]);
    expect((await c.get('/auth/me')).body).toMatchObject({ kind: 'customer', customerId: id, user: null });
    const reused = await client().post('/portal/sign-in', { phone, code });
    expect([reused.status, reused.body.error.code]).toEqual([401, 'code_invalid']);
  });

  it('customer codes expire after 10 minutes and stop after 5 wrong guesses', async () => {
    const { phone } = await customerWithPhone();
    const c = client();
    await c.post('/portal/code', { phone });
    const stale = await latestCode(phone);
    clock.advance(10 * 60_000);
    expect((await c.post('/portal/sign-in', { phone, code: stale })).status).toBe(401);
    clock.advance(1000);
    await c.post('/portal/code', { phone });
    const code = await latestCode(phone);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await c.post('/portal/sign-in', { phone, code: wrong })).status).toBe(401);
    expect((await c.post('/portal/sign-in', { phone, code })).status).toBe(401);
    clock.advance(1000);
    await c.post('/portal/code', { phone });
    expect((await c.post('/portal/sign-in', { phone, code: await latestCode(phone) })).status).toBe(200);
  });

  it('signed links sign a customer in once; tampered or expired links do not; making one needs customers.write', async () => {
    const { id } = await customerWithPhone();
    const agent = client();
    await agent.signIn((await user('agent')).username);
    const link = await agent.post('/portal/link', { customerId: id, ttlSeconds: 3600 });
    expect(link.status).toBe(201);
    const c = client();
    const redeemed = await c.post('/portal/link/redeem', { token: link.body.token });
    expect([redeemed.status, redeemed.body.customerId]).toEqual([200, id]);
    expect((await c.get('/auth/me')).body.kind).toBe('customer');
    expect((await client().post('/portal/link/redeem', { token: link.body.token })).body.error.code).toBe('link_invalid');
    const [payload, sig] = link.body.token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), c: newId() })).toString('base64url');
    expect((await client().post('/portal/link/redeem', { token: `${forged}.${sig}` })).status).toBe(401);
    const short = await agent.post('/portal/link', { customerId: id, ttlSeconds: 60 });
    clock.advance(60_000);
    expect((await client().post('/portal/link/redeem', { token: short.body.token })).status).toBe(401);
    const dispatcher = client();
    await dispatcher.signIn((await user('dispatcher')).username);
    expect((await dispatcher.post('/portal/link', { customerId: id })).body.error.code).toBe('forbidden');
    expect((await client().post('/portal/link', { customerId: id })).status).toBe(401);
  });

  it('a customer session ends after 20 idle minutes, sooner than a staff one', async () => {
    const { id } = await customerWithPhone();
    const agent = client();
    await agent.signIn((await user('agent')).username);
    const c = client();
    await c.post('/portal/link/redeem', { token: (await agent.post('/portal/link', { customerId: id })).body.token });
    clock.advance(19 * 60_000);
    expect((await c.get('/auth/me')).status).toBe(200);
    clock.advance(20 * 60_000);
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('rate limits count in the database: 429 past the limit, allowed again in the next window', async () => {
    const key = `test-${newId()}`;
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await access.hitRateLimit(key, 3, 60));
    expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false]);
    expect(hits[3].retryAfterSeconds).toBeGreaterThan(0);
    clock.advance(hits[3].retryAfterSeconds * 1000);
    expect((await access.hitRateLimit(key, 3, 60)).allowed).toBe(true);

    const a = buildApp(access, { perAddress: { limit: 3, windowSeconds: 60 } });
    const c = client(a);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.get('/auth/me')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const last = await c.get('/auth/me');
    expect([last.status, last.body.error.code]).toEqual([429, 'rate_limited']);
    clock.advance(Number(last.headers.get('retry-after')) * 1000);
    expect((await c.get('/auth/me')).status).toBe(401);

    const strict = createAccessService({ db: database.db, clock, limits: { rate: { ...access.limits.rate, perAddress: { limit: 2, windowSeconds: 60 } } } });
    const byDefault = client(buildApp(strict));
    expect([(await byDefault.get('/auth/me')).status, (await byDefault.get('/auth/me')).status, (await byDefault.get('/auth/me')).status]).toEqual([401, 401, 429]);
    const unlimited = client(buildApp(strict, { perAddress: null }));
    for (let i = 0; i < 5; i++) expect((await unlimited.get('/auth/me')).status).toBe(401);
  });

  it('rate-limits each API token', async () => {
    const admin = await user('admin');
    const c = client();
    await c.signIn(admin.username);
    const token = (await c.post('/auth/tokens', { name: 'busy', permissions: ['orders.read'] })).body.token;
    const a = buildApp(access, { perToken: { limit: 2, windowSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await a.request('/auth/me', { headers: { authorization: `Bearer ${token}`, 'x-test-address': `10.9.0.${i}` } })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('prunes counters of windows long past', async () => {
    await access.hitRateLimit(`old-${newId()}`, 10, 60);
    clock.advance(24 * 3600_000);
    const pruned = await access.pruneExpired();
    expect(pruned.rateWindows).toBeGreaterThan(0);
    const left = await database.db.select().from(rateLimitCounters).where(sql`${rateLimitCounters.windowStart} < ${new Date(clock.now().getTime() - 3600_000)}`);
    expect(left).toEqual([]);
  });

  it('users: admins create and deactivate; scoped users name their provider or technician', async () => {
    const admin = client();
    await admin.signIn((await user('admin')).username);
    const tech = await admin.post('/users', { username: `tech${userCounter++}`, displayName: '王师傅', password, role: 'technician', technicianId });
    expect([tech.status, tech.body.providerId, tech.body.technicianId]).toEqual([201, providerId, technicianId]);
    const noTech = await admin.post('/users', { username: `tech${userCounter++}`, displayName: '师傅', password, role: 'technician' });
    expect([noTech.status, noTech.body.error.details[0].path]).toEqual([400, 'technicianId']);
    const wrongProvider = await admin.post('/users', { username: `tech${userCounter++}`, displayName: '师傅', password, role: 'technician', technicianId, providerId: otherProviderId });
    expect(wrongProvider.status).toBe(400);
    const weak = await admin.post('/users', { username: `weak${userCounter++}`, displayName: '弱', password: 'short', role: 'agent' });
    expect([weak.status, weak.body.error.details[0].path]).toEqual([400, 'password']);
    const dup = await admin.post('/users', { username: tech.body.username, displayName: '重名', password, role: 'agent' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'username_taken']);

    const t = client();
    expect((await t.signIn(tech.body.username)).status).toBe(200);
    expect((await admin.post(`/users/${tech.body.id}/deactivate`)).body.active).toBe(false);
    expect((await t.get('/auth/me')).status).toBe(401);
    expect((await t.signIn(tech.body.username)).status).toBe(401);
    const agent = client();
    await agent.signIn((await user('agent')).username);
    expect((await agent.get('/users')).status).toBe(403);
  });

  it('seeds one demo user per role (twice is harmless) who can sign in with the demo password', async () => {
    const demo = { providerIds: [providerId, otherProviderId], technicianIds: [{ providerId, technicianId }] };
    const seeded = await access.seedDemoUsers(demo);
    expect(seeded.map((u) => [u.username, u.role]).sort()).toEqual(
      [['admin', 'admin'], ['agent', 'agent'], ['dispatcher', 'dispatcher'], ['followup', 'follow_up'], ['manager', 'manager'], ['provider', 'provider_admin'], ['provider2', 'provider_admin'], ['technician', 'technician']].sort(),
    );
    expect(seeded.find((u) => u.username === 'provider2')!.providerId).toBe(otherProviderId);
    expect(seeded.find((u) => u.username === 'technician')).toMatchObject({ providerId, technicianId });
    expect((await access.seedDemoUsers(demo)).map((u) => u.id)).toEqual(seeded.map((u) => u.id));
    const c = client();
    expect((await c.signIn('provider2', demoPassword)).body.user).toMatchObject({ role: 'provider_admin', providerId: otherProviderId });
  });
});

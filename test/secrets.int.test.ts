// Every counter that guards a secret, under a burst of guesses sent at once (issue 14, defect 1).
// The attempt must be claimed before the guess is compared: PGlite answers one query at a time and
// hides a read-compare-increment race; PostgreSQL (TEST_DATABASE_URL) shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { engine, manualClock, seedWorld, testDatabase, tokenFor, type TestApp } from './harness.js';
import { takeStep } from './steps.js';
import { createServices, type Services } from '../src/server/services.js';
import { createHttpApp } from '../src/server/http.js';
import type { Database } from '../src/db/database.js';
import { customerAccessCodes, sessions, users } from '../src/modules/access/access.tables.js';
import { auditLog } from '../src/kernel/audit.tables.js';
import { defaultLimits, type RateRule } from '../src/modules/access/access.service.js';
import { outboxMessages } from '../src/modules/notifications/notifications.tables.js';
import { workOrderHistory, workOrders } from '../src/modules/work-orders/work-orders.tables.js';

/** Wrong guesses sent together with the right one. */
const burst = 60;
const codeLimit = defaultLimits.codeMaxAttempts;
const lockThreshold = defaultLimits.lock.threshold;
const acceptanceLimit = 5;

let database: Database;
let drop: () => Promise<void>;
let services: Services;
let app: ReturnType<typeof createHttpApp>;
let t: Pick<TestApp, 'get' | 'post' | 'call'>;
const clock = manualClock();

/**
 * The real app on a fresh database. The per-username sign-in rate is lifted so the lockout is what
 * stops the burst (the rate is its own defence, tested in access.int.test.ts); requests made with
 * app.request() have no socket address, so the per-address limits do not apply either.
 */
beforeAll(async () => {
  ({ database, drop } = await testDatabase());
  services = createServices(database, clock, { accessLimits: { rate: { ...defaultLimits.rate, signInPerUsername: { limit: 10_000, windowSeconds: 60 } } } });
  app = createHttpApp(services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null } });
  const admin = await tokenFor(services, 'admin', 'secrets-admin');
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = admin.headers) {
    const res = await app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  t = { call, get: (path, headers) => call('GET', path, undefined, headers), post: (path, body, headers) => call('POST', path, body ?? {}, headers) };
});
afterAll(() => drop());

const anonymous = {};
/** The right guess among `burst` wrong ones, all sent at once (the right one in the middle). */
function guesses<T>(wrong: (i: number) => T, right: T): T[] {
  const all = Array.from({ length: burst }, (_, i) => wrong(i));
  all.splice(burst / 2, 0, right);
  return all;
}
const wrongDigits = (right: string) => (i: number) => {
  const g = String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
  return g;
};

async function latestPortalCode(phone: string): Promise<string> {
  const rows = await database.db.select().from(outboxMessages).where(and(eq(outboxMessages.recipient, phone), eq(outboxMessages.template, 'portal_code'))).orderBy(sql`${outboxMessages.createdAt} desc`);
  return /code is (\d{6})/.exec(rows[0].bodyEn)![1];
}

async function customerWithPhone(phone: string) {
  const res = await t.post('/customers', { name: '客户', phones: [{ phone }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '路 1 号', isDefault: true }] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

describe(`counters that guard a secret, ${burst} wrong guesses and the right one at once, on ${engine}`, () => {
  it('portal sign-in code: attempts never pass the limit, and once they reach it the right code fails too', async () => {
    const phone = '13712340001';
    const customer = await customerWithPhone(phone);
    expect((await t.post('/portal/code', { phone }, anonymous)).status).toBe(202);
    const code = await latestPortalCode(phone);
    const answers = await Promise.all(guesses(wrongDigits(code), code).map((g) => t.post('/portal/sign-in', { phone, code: g }, anonymous)));
    expect(answers.filter((a) => a.status !== 200 && a.status !== 401), JSON.stringify(answers.find((a) => a.status !== 200 && a.status !== 401))).toEqual([]);
    const won = answers.filter((a) => a.status === 200).length;
    const [row] = await database.db.select().from(customerAccessCodes).where(eq(customerAccessCodes.phone, phone));
    expect(row.attempts).toBeLessThanOrEqual(codeLimit);
    // Guesses that were compared with the code (wrong ones are audited with their reason).
    const compared = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'portal_sign_in_failed'), sql`${auditLog.details}->>'reason' = 'wrong_code'`));
    expect(compared.length + won).toBeLessThanOrEqual(codeLimit);
    expect(won).toBeLessThanOrEqual(1);
    const signedIn = await database.db.select().from(sessions).where(eq(sessions.customerId, customer.id));
    expect(signedIn).toHaveLength(won);
    // The right code alone, afterwards: spent (it won) or locked (the wrong ones used every attempt).
    expect((await t.post('/portal/sign-in', { phone, code }, anonymous)).status).toBe(401);
    if (!won) expect(row.attempts).toBe(codeLimit);
  });

  it('staff password: no more than the lock threshold of guesses is checked; the rest are locked out, the right password too', async () => {
    const user = await services.access.createUser({ principal: { kind: 'system', name: 'test' }, address: null }, { username: 'burst-agent', displayName: 'Burst', password: 'the-right-password', role: 'agent' });
    const answers = await Promise.all(guesses((i) => `wrong-password-${i}`, 'the-right-password').map((password) => t.post('/auth/sign-in', { username: user.username, password }, anonymous)));
    expect(answers.filter((a) => ![200, 401, 423].includes(a.status)), JSON.stringify(answers.find((a) => ![200, 401, 423].includes(a.status)))).toEqual([]);
    const won = answers.filter((a) => a.status === 200).length;
    const checked = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'sign_in_failed'), eq(auditLog.subjectId, user.id), sql`${auditLog.details}->>'reason' = 'wrong_password'`));
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    if (won) {
      // The right password was among the first guesses; its success reset the count, and the
      // guesses after it had a fresh count (a sign-in that works ends the lock).
      expect(checked.length).toBeLessThanOrEqual(2 * lockThreshold - 1);
    } else {
      expect(checked.length).toBeLessThanOrEqual(lockThreshold);
      expect(row.failedSignIns).toBe(lockThreshold);
      const after = await t.post('/auth/sign-in', { username: user.username, password: 'the-right-password' }, anonymous);
      expect([after.status, after.body.error.code]).toEqual([423, 'account_locked']);
    }
    expect(won).toBeLessThanOrEqual(1);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(won ? 2 * lockThreshold - 1 : lockThreshold);
  });

  it('an unknown username answers a burst exactly as a known one does: the lock does not reveal which names exist', async () => {
    const answers = await Promise.all(Array.from({ length: burst + 1 }, (_, i) => t.post('/auth/sign-in', { username: 'no-such-user', password: `wrong-password-${i}` }, anonymous)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(lockThreshold);
    expect(statuses.filter((s) => s === 423)).toHaveLength(burst + 1 - lockThreshold);
  });

  it('acceptance code: attempts never pass the limit; a wrong code leaves the version alone, so no guess answers 409 while the order is unchanged', async () => {
    const tt = t as unknown as TestApp;
    const world = await seedWorld(tt);
    const open = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '漏水', accept: true });
    let o = open.body;
    for (const [action, body] of [
      ['dispatch', { providerId: world.provider.id }],
      ['assign', { technicianId: world.technicians[0].id }],
      ['book', { from: '2026-06-02T01:00:00Z', to: '2026-06-02T03:00:00Z' }],
      ['check-in', { lat: 23.13, lng: 113.32 }],
      ['complete', { symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' }],
      ['send-acceptance-code', {}],
    ] as const) o = await takeStep(tt, o, action, body);
    const [sms] = await database.db.select().from(outboxMessages).where(and(eq(outboxMessages.template, 'acceptance_code'), sql`${outboxMessages.subject}->>'id' = ${o.id}`));
    const code = /code is (\d{6})/.exec(sms.bodyEn)![1];

    // One wrong code first, sequentially: the retry with the same version must not be a conflict.
    const first = await t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code: wrongDigits(code)(burst) });
    expect([first.status, first.body.error.code]).toEqual([422, 'wrong_acceptance_code']);
    expect((await t.get(`/work-orders/${o.id}`)).body.version).toBe(o.version);

    const answers = await Promise.all(guesses(wrongDigits(code), code).map((g) => t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code: g })));
    const codes = answers.map((a) => (a.status === 200 ? 'confirmed' : a.body.error.code));
    const confirmed = codes.filter((c) => c === 'confirmed').length;
    expect(confirmed).toBeLessThanOrEqual(1);
    // Once the order is confirmed the others find it changed (409); before that, never.
    expect(codes.filter((c) => !['confirmed', 'wrong_acceptance_code', 'acceptance_code_locked', ...(confirmed ? ['version_conflict'] : [])].includes(c))).toEqual([]);
    const [row] = await database.db.select().from(workOrders).where(eq(workOrders.id, o.id));
    expect(row.acceptanceCodeAttempts).toBeLessThanOrEqual(acceptanceLimit);
    const refused = await database.db.select().from(workOrderHistory).where(and(eq(workOrderHistory.orderId, o.id), eq(workOrderHistory.action, 'confirm_refused')));
    expect(refused.length + confirmed).toBeLessThanOrEqual(acceptanceLimit);
    expect(codes.filter((c) => c === 'wrong_acceptance_code')).toHaveLength(refused.length - 1);
    if (!confirmed) {
      expect(row.acceptanceCodeAttempts).toBe(acceptanceLimit);
      const after = await t.post(`/work-orders/${o.id}/confirm`, { version: o.version, code });
      expect(after.body.error.code).toBe('acceptance_code_locked');
      expect(row.status).toBe('work_done');
    } else expect(row.status).toBe('confirmed');
  });

  it('portal codes asked for at once: only one stays live, so a burst of requests does not multiply the guesses', async () => {
    const phone = '13712340003';
    await customerWithPhone(phone);
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.post('/portal/code', { phone }, anonymous)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    const live = await database.db.select().from(customerAccessCodes).where(and(eq(customerAccessCodes.phone, phone), sql`${customerAccessCodes.consumedAt} is null`));
    expect(live).toHaveLength(1);
  });

  it('one-time portal link: redeemed exactly once however many arrive together', async () => {
    const customer = await customerWithPhone('13712340002');
    const agent = await tokenFor(services, 'agent', 'link-agent');
    const link = await t.post('/portal/link', { customerId: customer.id, ttlSeconds: 3600 }, agent.headers);
    expect(link.status).toBe(201);
    const answers = await Promise.all(Array.from({ length: burst + 1 }, () => t.post('/portal/link/redeem', { token: link.body.token }, anonymous)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 401 && a.body.error.code === 'link_invalid')).toHaveLength(burst);
    expect(await database.db.select().from(sessions).where(eq(sessions.customerId, customer.id))).toHaveLength(1);
    const signIns = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'portal_sign_in'), eq(auditLog.subjectId, customer.id)));
    expect(signIns).toHaveLength(1);
  });

  it("API token: the per-token rate counter lets exactly its limit through (tokens themselves are 256 random bits, with nothing to count)", async () => {
    const perToken: RateRule = { limit: 10, windowSeconds: 60 };
    const limited = createHttpApp(services, { bodyLimitBytes: 200_000, access: { perToken, perAddress: null } });
    const caller = await tokenFor(services, 'agent', 'rate-agent');
    const answers = await Promise.all(Array.from({ length: burst + 1 }, () => limited.request('/auth/me', { headers: caller.headers })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(perToken.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(burst + 1 - perToken.limit);
    // A wrong token is refused without touching any counter of the real one.
    expect((await limited.request('/auth/me', { headers: { authorization: `Bearer ${caller.token}x` } })).status).toBe(401);
  });
});

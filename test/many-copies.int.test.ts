// Three copies of the real server (`aftercare start`, each its own process) on one PostgreSQL, as
// behind any load balancer: what one copy knows, the others know (sessions, sign-in failures, the
// key that signs links), an order sent to all three at once is made once, and the overnight
// planning of 30 providers spreads over the copies with each provider's day planned once; live news
// made on one copy reaches the consoles streaming from the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, systemCaller, testApp, uniquePhone } from './harness.js';
import { openLiveStream } from './live-stream.js';
import { freePort, startServerProcess, stopServerProcess, type ServerProcess } from './server-process.js';
import { sql } from 'drizzle-orm';
import { systemClock } from '../src/shared/clock.js';
import { addDays, localDate } from '../src/shared/zoned.js';

const PROVIDERS = 30;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

type Reply = { status: number; body: any; cookie: string };

async function send(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${base}${path}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

// PGlite is one process's embedded database: only PostgreSQL can have several servers on it.
describe.skipIf(engine !== 'postgres')('three server copies on one PostgreSQL', () => {
  let t: Awaited<ReturnType<typeof testApp<typeof systemClock>>>;
  let w: Awaited<ReturnType<typeof seedWorld>>;
  let copies: ServerProcess[] = [];
  const providerIds: string[] = [];
  const bases = () => copies.map((c) => c.base);

  beforeAll(async () => {
    t = await testApp({ clock: systemClock });
    w = await seedWorld(t);
    const ok = async (r: Promise<{ status: number; body: any }>) => {
      const res = await r;
      if (res.status >= 300) throw new Error(`seed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const shifts = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
    // Thirty providers, each a certified technician and two orders waiting to be planned.
    for (let i = 0; i < PROVIDERS; i++) {
      const provider = await ok(t.post('/providers', { code: `MC${i}`, name: `网点 ${i}`, kind: 'contractor', contactName: '经理', contactPhone: '02088880000', categoryIds: [w.category.id] }));
      const tech = await ok(t.post('/technicians', { providerId: provider.id, name: `师傅 ${i}`, phone: uniquePhone(), shifts, skills: [w.category.code], homeLat: 23.12, homeLng: 113.3 }));
      await ok(t.post('/certifications', { technicianId: tech.id, courseId: w.course.id, reason: '厂家认证 / certified' }));
      for (let k = 0; k < 2; k++) {
        const customer = await ok(t.post('/customers', { name: `客户 ${i}-${k}`, phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: `路 ${i}-${k} 号`, lat: 23.13 + k * 0.01, lng: 113.32 + i * 0.001, isDefault: true }] }));
        const order = await ok(t.post('/work-orders', { kind: 'repair', customerId: customer.id, symptom: '不制冷', accept: true }));
        await ok(t.post(`/work-orders/${order.id}/dispatch`, { version: order.version, providerId: provider.id, reason: '测试 / test' }));
      }
      providerIds.push(provider.id);
    }
    for (const username of ['mc-agent', 'mc-locked']) await t.services.access.createUser(systemCaller, { username, displayName: username, password: 'copies-password-1', role: 'agent' });
    // No AFTERCARE_SECRET (the test environment has none): the copies must agree on the signing key by themselves. A one-second plan each.
    const ports = [await freePort(), await freePort(), await freePort()];
    copies = await Promise.all(ports.map((port) => startServerProcess({ DATABASE_URL: t.url!, AFTERCARE_PLAN_SECONDS: '1' }, port)));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(copies.map((c) => stopServerProcess(c)));
    await t?.close();
  });

  it('knows a session signed in on one copy on the others, and ends it on all when it signs out on one', async () => {
    const [a, b, c] = bases();
    const signedIn = await send(a, 'POST', '/auth/sign-in', { username: 'mc-agent', password: 'copies-password-1' });
    expect(signedIn.status).toBe(200);
    const session = { cookie: signedIn.cookie, 'x-csrf-token': signedIn.body.csrfToken };
    for (const base of [b, c]) expect((await send(base, 'GET', '/auth/me', undefined, session)).body.user?.username).toBe('mc-agent');
    expect((await send(c, 'POST', '/auth/sign-out', {}, session)).status).toBeLessThan(300);
    for (const base of [a, b, c]) expect((await send(base, 'GET', '/auth/me', undefined, session)).status).toBe(401);
  });

  it('counts wrong passwords sent to different copies together: locked after five, as with one copy', async () => {
    const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => send(bases()[i % 3], 'POST', '/auth/sign-in', { username: 'mc-locked', password: `wrong-${i}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 401, 423, 423]);
    const right = await send(bases()[1], 'POST', '/auth/sign-in', { username: 'mc-locked', password: 'copies-password-1' });
    expect([right.status, right.body.error.code]).toEqual([423, 'account_locked']);
  });

  it('makes one order of one request sent to all three copies at once', async () => {
    const ref = `MC-${Date.now()}`;
    const answers = await Promise.all(bases().flatMap((base) => [0, 1].map(() => send(base, 'POST', '/work-orders', { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '三份同时', externalRef: ref }, t.admin.headers))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 200)).toEqual([]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it('opens on every copy a portal link another copy signed (the signing key is kept in the database)', async () => {
    const [a, b] = bases();
    const link = await send(a, 'POST', '/portal/link', { customerId: w.customer.id, ttlSeconds: 600 }, t.admin.headers);
    expect(link.status).toBe(201);
    const redeemed = await send(b, 'POST', '/portal/link/redeem', { token: link.body.token });
    expect([redeemed.status, redeemed.body.customerId]).toEqual([200, w.customer.id]);
  });

  it('brings an event made by one copy to a console streaming from another (LISTEN/NOTIFY across processes)', async () => {
    const [a, b, c] = bases();
    // The order waits for dispatch; copy b dispatches it while a console listens on copy a and one on c.
    const opened = await send(b, 'POST', '/work-orders', { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '两个进程 / two processes', accept: true }, t.admin.headers);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const listeners = await Promise.all([a, c].map((base) => openLiveStream((path, init) => fetch(`${base}${path}`, init), t.admin.headers)));
    for (const l of listeners) await l.until(() => l.events.some((e) => e.event === 'ready'), 30_000);
    const dispatched = await send(b, 'POST', `/work-orders/${opened.body.id}/dispatch`, { version: opened.body.version, providerId: providerIds[0], reason: '测试 / test' }, t.admin.headers);
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    for (const l of listeners) await l.until(() => l.orders().some((e) => e.orderId === opened.body.id && e.kind === 'dispatched'), 30_000);
    for (const l of listeners) expect(l.orders().filter((e) => e.orderId === opened.body.id && e.kind === 'dispatched')).toHaveLength(1);
    for (const l of listeners) await l.close();
  }, 120_000);

  it("shares 30 providers' overnight plans among the copies, each provider's next day planned once", async () => {
    const queued = await t.services.dispatch.queueOvernightPlans();
    expect(queued).toBeGreaterThanOrEqual(PROVIDERS);
    const tomorrow = addDays(localDate(new Date(), 'Asia/Shanghai'), 1);
    const made = () => copies.map((c) => (c.output().match(/day plan made overnight: provider [0-9a-f-]+/g) ?? []).map((line) => line.slice(-36)));
    for (let waited = 0; made().flat().length < PROVIDERS && waited < 240_000; waited += 1000) await sleep(1000);
    const byCopy = made();
    const all = byCopy.flat();
    expect(all.filter((id) => providerIds.includes(id)).sort()).toEqual([...providerIds].sort());
    expect(new Set(all).size).toBe(all.length);
    // The jobs spread: no copy made them all.
    expect(byCopy.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
    const result = await t.database.db.execute(sql`select provider_id, date::text as date, status, count(*) over (partition by provider_id, date)::int as n from day_plans where created_by = 'system:overnight'`);
    const plans = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { provider_id: string; date: string; status: string; n: number }[];
    const ours = plans.filter((p) => providerIds.includes(p.provider_id));
    expect(ours).toHaveLength(PROVIDERS);
    expect(ours.every((p) => p.n === 1 && p.date === tomorrow && p.status === 'preview')).toBe(true);
  }, 300_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { openLiveStream } from '../../../test/live-stream.js';
import { openDatabase } from '../../db/database.js';
import { createServices } from '../../server/services.js';
import { createHttpApp } from '../../server/http.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof seedWorld>>;
let b: Awaited<ReturnType<typeof seedWorld>>;
let users: Record<'agent' | 'providerA' | 'providerB' | 'techA' | 'techA2' | 'techB', Awaited<ReturnType<typeof tokenFor>>>;

beforeAll(async () => {
  t = await testApp({ services: { liveHeartbeatMs: 100 } });
  a = await seedWorld(t);
  b = await seedWorld(t);
  users = {
    agent: await tokenFor(t.services, 'agent', 'live-agent'),
    providerA: await tokenFor(t.services, 'provider_admin', 'live-pa', { providerId: a.provider.id }),
    providerB: await tokenFor(t.services, 'provider_admin', 'live-pb', { providerId: b.provider.id }),
    techA: await tokenFor(t.services, 'technician', 'live-ta', { providerId: a.provider.id, technicianId: a.technicians[0].id }),
    techA2: await tokenFor(t.services, 'technician', 'live-ta2', { providerId: a.provider.id, technicianId: a.technicians[1].id }),
    techB: await tokenFor(t.services, 'technician', 'live-tb', { providerId: b.provider.id, technicianId: b.technicians[0].id }),
  };
}, 120_000);

afterAll(async () => {
  await t.services.live.stop();
  await t.close();
});

const stream = (who: keyof typeof users, lastEventId?: number) => openLiveStream((path, init) => t.app.request(path, init), users[who].headers, lastEventId);

async function assignedOrder(w: typeof a, technician = 0) {
  const s = t.services.workOrders;
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水 / leaks', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  return s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[technician].id });
}

describe('live news of orders', () => {
  it('reaches each staff member within their scope, and nobody else', async () => {
    const open = { agent: await stream('agent'), providerA: await stream('providerA'), providerB: await stream('providerB'), techA: await stream('techA'), techA2: await stream('techA2'), techB: await stream('techB') };
    for (const s of Object.values(open)) await s.until(() => s.events.some((e) => e.event === 'ready'));
    const order = await assignedOrder(a);
    await open.techA.until(() => open.techA.orders().some((e) => e.orderId === order.id && e.kind === 'assigned'));
    await open.providerA.until(() => open.providerA.orders().filter((e) => e.orderId === order.id).length === 2);
    await open.agent.until(() => open.agent.orders().filter((e) => e.orderId === order.id).length === 2);
    expect(open.providerA.orders().map((e) => e.kind)).toEqual(['dispatched', 'assigned']);
    // The technician hears of the order once it is theirs; never a name, phone or address.
    expect(open.techA.orders().map((e) => e.kind)).toEqual(['assigned']);
    expect(Object.keys(open.techA.orders()[0]).sort()).toEqual(['detail', 'kind', 'occurredAt', 'orderId', 'orderNumber', 'read', 'seq', 'status']);
    expect(open.techA.orders()[0]).toMatchObject({ orderNumber: order.number, status: 'assigned', read: false });
    // Provider B's staff and technician, and A's other technician, hear nothing of it: B's news reaches B.
    const orderB = await assignedOrder(b);
    await open.techB.until(() => open.techB.orders().some((e) => e.orderId === orderB.id));
    await open.providerB.until(() => open.providerB.orders().length === 2);
    await open.agent.until(() => open.agent.orders().length === 4);
    expect(open.providerB.orders().every((e) => e.orderId === orderB.id)).toBe(true);
    expect(open.techB.orders().every((e) => e.orderId === orderB.id)).toBe(true);
    expect(open.techA2.orders()).toEqual([]);
    expect(open.providerA.orders().every((e) => e.orderId === order.id)).toBe(true);
    // Heartbeats keep the connection open through proxies.
    await open.techA2.until(() => open.techA2.comments() >= 1, 2000);
    for (const s of Object.values(open)) await s.close();
  });

  it('replays what a reconnecting console missed (Last-Event-ID), within its scope', async () => {
    const first = await stream('providerA');
    await first.until(() => first.events.some((e) => e.event === 'ready'));
    const o1 = await assignedOrder(a);
    await first.until(() => first.orders().filter((e) => e.orderId === o1.id).length === 2);
    const last = Number(first.events.at(-1)!.id);
    await first.close();
    // While it is away: one order of A, one of B, then A's booking of the first.
    const o2 = await assignedOrder(a, 1);
    await assignedOrder(b);
    const again = await stream('providerA', last);
    await again.until(() => again.orders().filter((e) => e.orderId === o2.id).length === 2);
    expect(again.orders().map((e) => [e.orderId, e.kind])).toEqual([
      [o2.id, 'dispatched'],
      [o2.id, 'assigned'],
    ]);
    expect(again.events.filter((e) => e.event === 'order').every((e) => Number(e.id) > last)).toBe(true);
    await again.close();
    // A forged Last-Event-ID of 0 replays only what the scope hears.
    const fromStart = await stream('providerB', 0);
    await fromStart.until(() => fromStart.orders().length >= 4);
    expect(fromStart.orders().every((e) => e.status === 'assigned' || e.status === 'dispatched')).toBe(true);
    const bOrders = await t.get(`/work-orders?limit=100`, users.providerB.headers);
    const ids = new Set(bOrders.body.items.map((o: { id: string }) => o.id));
    expect(fromStart.orders().every((e) => ids.has(e.orderId))).toBe(true);
    await fromStart.close();
  });

  it('keeps notifications per user: unread count, mark read, mark all read; no other scope\u2019s', async () => {
    const list = await t.get('/live/notifications?limit=100', users.techA.headers);
    expect(list.status).toBe(200);
    const mine = list.body.items as { seq: number; orderId: string; read: boolean }[];
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(list.body.unread).toBe(mine.filter((n) => !n.read).length);
    const b0 = await t.get('/live/notifications?limit=100', users.providerB.headers);
    const bSeqs = new Set((b0.body.items as { seq: number }[]).map((n) => n.seq));
    expect(mine.some((n) => bSeqs.has(n.seq))).toBe(false);
    // Marking another scope's notification read marks nothing.
    const foreign = await t.post('/live/notifications/read', { seqs: [...bSeqs].slice(0, 1) }, users.techA.headers);
    expect(foreign.body).toMatchObject({ marked: 0, unread: list.body.unread });
    const one = await t.post('/live/notifications/read', { seqs: [mine[0].seq, mine[0].seq] }, users.techA.headers);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ marked: 1, unread: list.body.unread - 1 });
    const after = await t.get('/live/notifications?limit=100', users.techA.headers);
    expect(after.body.items.find((n: { seq: number }) => n.seq === mine[0].seq).read).toBe(true);
    // Another user's bell is their own.
    const agentBefore = await t.get('/live/notifications', users.agent.headers);
    const all = await t.post('/live/notifications/read-all', {}, users.techA.headers);
    expect(all.body).toMatchObject({ unread: 0 });
    expect((await t.get('/live/notifications', users.techA.headers)).body.unread).toBe(0);
    expect((await t.get('/live/notifications', users.agent.headers)).body.unread).toBe(agentBefore.body.unread);
    // New news after "all read" is unread again.
    await assignedOrder(a);
    expect((await t.get('/live/notifications', users.techA.headers)).body.unread).toBe(1);
  });

  it('answers bad input with 400 naming the field, and customers 403', async () => {
    const bad = await t.call('GET', '/live/stream', undefined, { ...users.agent.headers, 'last-event-id': 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('Last-Event-ID');
    const empty = await t.post('/live/notifications/read', { seqs: [] }, users.agent.headers);
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('seqs');
    const text = await t.post('/live/notifications/read', { seqs: ['x'] }, users.agent.headers);
    expect(text.status).toBe(400);
    expect((await t.get('/live/notifications?limit=0', users.agent.headers)).status).toBe(400);
    await expect(t.services.live.notifications({ principal: { kind: 'customer', customerId: a.customer.id } as never, address: null }, { limit: 5 })).rejects.toMatchObject({ status: 403, code: 'live_staff_only' });
  });

  it('ends every stream when the server stops', async () => {
    const s = await stream('agent');
    await s.until(() => s.events.some((e) => e.event === 'ready'));
    expect(t.services.live.hub.size()).toBe(1);
    await t.services.live.stop();
    await s.until(() => s.closed());
    expect(t.services.live.hub.size()).toBe(0);
  });
});

describe.runIf(engine === 'postgres')('two server copies on one PostgreSQL', () => {
  it('an event made on one copy reaches the consoles connected to the other, in scope', async () => {
    const database = await openDatabase({ engine: 'postgres', url: t.url! });
    const services = createServices(database, t.clock, {});
    const other = createHttpApp(services, { bodyLimitBytes: 200_000, access: { perToken: null, perAddress: null } });
    try {
      const onOther = { techA: await openLiveStream((p, i) => other.request(p, i), users.techA.headers), providerB: await openLiveStream((p, i) => other.request(p, i), users.providerB.headers) };
      for (const s of Object.values(onOther)) await s.until(() => s.events.some((e) => e.event === 'ready'));
      // Made through the first copy's HTTP app.
      let o = (await t.services.workOrders.intake(systemCaller, { kind: 'repair', customerId: a.customer.id, unitId: a.unit.id, symptom: 'x', accept: true, priority: 'normal', channel: 'phone' })).order;
      o = (await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: a.provider.id })).body;
      const assigned = await t.post(`/work-orders/${o.id}/assign`, { version: o.version, technicianId: a.technicians[0].id });
      expect(assigned.status).toBe(200);
      await onOther.techA.until(() => onOther.techA.orders().some((e) => e.orderId === o.id && e.kind === 'assigned'));
      expect(onOther.providerB.orders()).toEqual([]);
      for (const s of Object.values(onOther)) await s.close();
    } finally {
      await services.live.stop();
      await database.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { engine, seedWorld, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { takeStep } from '../../../test/steps.js';

// Webhooks against a real HTTP receiver that checks every Standard Webhooks signature with its own
// HMAC (not the module's code): delivery, retries with backoff, give-up, disabling, replay, rotation.
type Received = { id: string; timestamp: string; signature: string; body: string; status: number };
let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;
let server: Server;
let base = '';
const received: Received[] = [];
/** What the receiver answers, by path. */
const answers = new Map<string, number>();

/** The receiver's own check: some v1 signature equals HMAC-SHA256(key, "id.timestamp.body"). */
function verifies(secret: string, r: Received) {
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${r.id}.${r.timestamp}.${r.body}`).digest();
  return r.signature.split(' ').some((s) => s.startsWith('v1,') && Buffer.from(s.slice(3), 'base64').length === 32 && timingSafeEqual(Buffer.from(s.slice(3), 'base64'), expected));
}

beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = answers.get(req.url ?? '') ?? 200;
      received.push({ id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), signature: String(req.headers['webhook-signature']), body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await t.close();
});

const subscribe = async (path: string, eventTypes: string[]) => {
  const res = await t.post('/webhooks', { url: `${base}${path}`, eventTypes, contactEmail: 'ops@example.com', description: '订单同步 / ERP' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; version: number };
};
const deliveries = async (id: string) => (await t.get(`/webhooks/${id}/deliveries`)).body.items as { id: string; eventId: string; eventType: string; status: string; attempts: number; nextAttemptAt: string | null; log: { action: string; statusCode: number | null }[] }[];
const newOrder = async () => {
  const res = await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '漏水' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; version: number };
};

describe(`webhooks, ${engine}`, () => {
  let ok: { id: string; secret: string; version: number };

  it('an order created and its status changes reach the subscriber, signed, with the same webhook-id on every attempt; each delivery is one job', async () => {
    ok = await subscribe('/ok', ['order.created', 'order.status_changed']);
    expect(ok.secret).toMatch(/^whsec_/);
    const order = await newOrder();
    await takeStep(t, order, 'accept');
    // Both made at the same instant (the test's clock): put the order's creation first.
    const items = (await deliveries(ok.id)).sort((a) => (a.eventType === 'order.created' ? 1 : -1));
    expect(items.map((d) => [d.eventType, d.status])).toEqual([
      ['order.status_changed', 'pending'],
      ['order.created', 'pending'],
    ]);
    const jobs = await t.database.db.execute(sql`select data->>'deliveryId' as id from pgboss.job where name = 'webhooks.deliver'`);
    expect(((Array.isArray(jobs) ? jobs : (jobs as any).rows) as { id: string }[]).map((j) => j.id).sort()).toEqual(items.map((d) => d.id).sort());

    // Two workers take the same job at once: the lease lets one send.
    await Promise.all([t.services.webhooks.deliver(items[1].id), t.services.webhooks.deliver(items[1].id)]);
    await t.services.webhooks.deliver(items[0].id);
    expect(received).toHaveLength(2);
    for (const r of received) expect(verifies(ok.secret, r)).toBe(true);
    const created = JSON.parse(received[0].body);
    expect(created).toMatchObject({ type: 'order.created', data: { id: order.id, number: order.number, kind: 'repair' } });
    expect(received[0].id).toBe(items[1].eventId);
    expect(JSON.parse(received[1].body).data).toMatchObject({ id: order.id, fromStatus: 'intake', action: 'accept' });
    expect((await deliveries(ok.id)).map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    // Done: another run of its job sends nothing.
    await t.services.webhooks.deliver(items[1].id);
    expect(received).toHaveLength(2);
  });

  it('a failing endpoint is retried with backoff over about a day, then the delivery fails; replay sends it again once fixed', async () => {
    const failing = await subscribe('/down', ['order.created']);
    answers.set('/down', 503);
    await newOrder();
    const [d] = await deliveries(failing.id);
    const start = t.clock.now().getTime();
    let sent = 0;
    for (;;) {
      await t.services.webhooks.deliver(d.id);
      sent += 1;
      const [now] = await deliveries(failing.id);
      if (now.status !== 'pending') break;
      expect(now.attempts).toBe(sent);
      // Not due yet: nothing is sent.
      await t.services.webhooks.deliver(d.id);
      t.clock.set(new Date(now.nextAttemptAt!));
    }
    expect(sent).toBe(8);
    const hours = (t.clock.now().getTime() - start) / 3600_000;
    expect(hours).toBeGreaterThan(24);
    const [gaveUp] = await deliveries(failing.id);
    expect(gaveUp.status).toBe('failed');
    expect(gaveUp.log.map((l) => l.action)).toEqual([...Array(8).fill('attempt'), 'gave_up']);
    expect(gaveUp.log[0].statusCode).toBe(503);
    const down = received.filter((r) => r.status === 503);
    expect(new Set(down.map((r) => r.id)).size).toBe(1);
    for (const r of down) expect(verifies(failing.secret, r)).toBe(true);
    expect((await t.get(`/webhooks/${failing.id}`)).body.failingSince).not.toBeNull();

    answers.set('/down', 204);
    expect((await t.post(`/webhooks/${failing.id}/deliveries/${d.id}/replay`)).status).toBe(200);
    await t.services.webhooks.deliver(d.id);
    const [replayed] = await deliveries(failing.id);
    expect(replayed.status).toBe('succeeded');
    expect(replayed.log.map((l) => l.action).slice(-2)).toEqual(['replay', 'attempt']);
    expect((await t.get(`/webhooks/${failing.id}`)).body.failingSince).toBeNull();
    expect((await t.post(`/webhooks/${failing.id}/deliveries/${d.id}/replay`)).status).toBe(200);
    expect((await t.post(`/webhooks/${failing.id}/deliveries/${ok.id}/replay`)).status).toBe(404);
  });

  it('an endpoint failing for five days is disabled and its owner told by email', async () => {
    const dead = await subscribe('/dead', ['order.created']);
    answers.set('/dead', 500);
    await newOrder();
    const [first] = await deliveries(dead.id);
    await t.services.webhooks.deliver(first.id);
    t.clock.advance(5 * 24 * 3600_000);
    await newOrder();
    const [second] = await deliveries(dead.id);
    await t.services.webhooks.deliver(second.id);
    const endpoint = (await t.get(`/webhooks/${dead.id}`)).body;
    expect(endpoint.status).toBe('disabled');
    const told = await t.database.db.execute(sql`select recipient, template from outbox_messages where subject->>'id' = ${dead.id}`);
    expect((Array.isArray(told) ? told : (told as any).rows)[0]).toEqual({ recipient: 'ops@example.com', template: 'webhook_disabled' });
    // Disabled: new orders make no deliveries for it; its pending one gives up at its next attempt.
    await newOrder();
    expect((await deliveries(dead.id)).length).toBe(2);
    const again = await t.patch(`/webhooks/${dead.id}`, { version: endpoint.version, enabled: true });
    expect(again.body.status).toBe('active');
  });

  it('a rotated secret signs beside the old one for a day, then alone', async () => {
    const before = received.length;
    const rotated = await t.post(`/webhooks/${ok.id}/rotate-secret`, { version: (await t.get(`/webhooks/${ok.id}`)).body.version });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(ok.secret);
    await newOrder();
    const [d] = await deliveries(ok.id);
    await t.services.webhooks.deliver(d.id);
    const r = received[before];
    expect(r.signature.split(' ')).toHaveLength(2);
    expect(verifies(ok.secret, r) && verifies(rotated.body.secret, r)).toBe(true);
    t.clock.advance(25 * 3600_000);
    await newOrder();
    const [later] = await deliveries(ok.id);
    await t.services.webhooks.deliver(later.id);
    const last = received.at(-1)!;
    expect(verifies(rotated.body.secret, last)).toBe(true);
    expect(verifies(ok.secret, last)).toBe(false);
  });

  it('a broken promise, an escalated complaint and an approved statement reach their subscriber once each, signed, in the shape the OpenAPI document gives', async () => {
    const ops = await subscribe('/ops', ['promise.broken', 'complaint.escalated', 'statement.approved']);
    const before = received.length;
    // A promise: first response within an hour, round the clock; the order is left alone for two.
    const allDay = await t.post('/calendars', { code: 'HOOK-24H', nameZh: '全天', nameEn: 'Round the clock', timeZone: 'Asia/Shanghai', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) });
    expect(allDay.status, JSON.stringify(allDay.body)).toBe(201);
    const policy = await t.post('/promise-policies', { code: 'HOOK-INSPECT', nameZh: '巡检', nameEn: 'Inspections', orderKind: 'inspection', calendarId: allDay.body.id, targets: { first_response: { customerMinutes: 60 } } });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const inspection = await t.post('/work-orders', { kind: 'inspection', customerId: world.customer.id, unitId: world.unit.id, symptom: '年检' });
    expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
    t.clock.advance(2 * 3600_000);
    expect(await t.services.promises.deliverDue(inspection.body.id)).toBeGreaterThan(0);
    // Its job run again: the alert is on record, nothing is announced twice.
    await t.services.promises.deliverDue(inspection.body.id);

    // A complaint on that order, escalated on the customer's request.
    const filed = await t.post('/complaints', { source: 'phone', category: 'timeliness', severity: 'normal', orderIds: [inspection.body.id], text: '一直没人联系' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const up = await t.post(`/complaints/${filed.body.id}/escalate`, { version: filed.body.version, cause: 'customer_request', reason: '顾客要求找主管' });
    expect(up.status, JSON.stringify(up.body)).toBe(200);

    // A statement for last month: generated and sent by a manager, agreed by the provider, approved by another person.
    const manager = (await tokenFor(t.services, 'manager', 'hook-manager')).headers;
    const providerAdmin = (await tokenFor(t.services, 'provider_admin', 'hook-provider', { providerId: world.provider.id })).headers;
    const period = t.clock.now().toISOString().slice(0, 7) === '2026-06' ? '2026-05' : '2026-06';
    let st = await t.post('/settlement-statements/generate', { providerId: world.provider.id, period }, manager);
    expect(st.status, JSON.stringify(st.body)).toBe(200);
    st = await t.post(`/settlement-statements/${st.body.id}/send`, { version: st.body.version }, manager);
    st = await t.post(`/settlement-statements/${st.body.id}/agree`, { version: st.body.version }, providerAdmin);
    st = await t.post(`/settlement-statements/${st.body.id}/approve`, { version: st.body.version });
    expect([st.status, st.body.status], JSON.stringify(st.body)).toEqual([200, 'approved']);

    const items = await deliveries(ops.id);
    expect(items.map((d) => d.eventType).sort()).toEqual(['complaint.escalated', 'promise.broken', 'statement.approved']);
    for (const d of items) await t.services.webhooks.deliver(d.id);
    const got = received.slice(before);
    expect(got).toHaveLength(3);
    for (const r of got) expect(verifies(ops.secret, r)).toBe(true);
    const spec = (await t.get('/openapi.json')).body;
    const byType = new Map(got.map((r) => [JSON.parse(r.body).type as string, JSON.parse(r.body)]));
    expect(byType.get('promise.broken')).toMatchObject({ data: { orderId: inspection.body.id, orderNumber: inspection.body.number, milestone: 'first_response', cycle: 1 } });
    expect(byType.get('complaint.escalated')).toMatchObject({ data: { id: filed.body.id, fromLevel: filed.body.level, toLevel: up.body.level, cause: 'customer_request', orderIds: [inspection.body.id] } });
    expect(byType.get('statement.approved')).toMatchObject({ data: { id: st.body.id, providerId: world.provider.id, period, total: { amountFen: st.body.totalFen, currency: 'CNY' } } });
    // No person's name or the complaint's words go out.
    expect(got.map((r) => r.body).join('')).not.toMatch(/一直没人联系|hook-manager|顾客要求/);
    // Every field sent is one the document describes.
    for (const [type, body] of byType) {
      const schemaName = { 'promise.broken': 'WebhookPromiseBroken', 'complaint.escalated': 'WebhookComplaintEscalated', 'statement.approved': 'WebhookStatementApproved' }[type]!;
      const schema = spec.components.schemas[schemaName];
      expect(Object.keys(body.data).sort()).toEqual(Object.keys(schema.properties.data.properties).sort());
    }
  });

  it('refuses bad subscriptions naming the field, and lists the payload schemas in the OpenAPI document', async () => {
    const bad = await t.post('/webhooks', { url: 'ftp://example.com/x', eventTypes: ['order.created'], contactEmail: 'ops@example.com' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('url');
    expect((await t.post('/webhooks', { url: `${base}/x`, eventTypes: ['order.eaten'], contactEmail: 'ops@example.com' })).status).toBe(400);
    const spec = (await t.get('/openapi.json')).body;
    expect(Object.keys(spec.webhooks)).toEqual(expect.arrayContaining(['/order.created', '/order.status_changed', '/promise.broken', '/complaint.escalated', '/statement.approved']));
  });
});

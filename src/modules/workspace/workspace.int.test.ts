import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// The agent's workspace through the API with real users: the queue holds the orders the agent took
// in while they still need the desk (and drops one once it is dispatched), and the complaints they
// filed; another agent's queue does not hold them. Recent customers are kept per user, newest first,
// and a provider cannot add a customer its orders do not serve. Internal notes on an order: a thread
// staff read and add to, with a `note` history row each, that no customer answer ever carries.
// Symptom templates: a manager keeps them per category (fault code checked against the category's
// symptom codes); an agent only reads them; two edits at one version make one on PostgreSQL.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let agent: Record<string, string>;
let agent2: Record<string, string>;
let manager: Record<string, string>;
let providerAdmin: Record<string, string>;
let otherAdmin: Record<string, string>;
let customer: Record<string, string>;

const intake = async (headers: Record<string, string>, symptom: string) => {
  const res = await t.post('/work-orders', { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom, accept: true, priority: 'normal', channel: 'phone' }, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; version: number; status: string };
};
const patch = (path: string, body: unknown, headers: Record<string, string>) => t.call('PATCH', path, body, headers);

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  agent = (await tokenFor(t.services, 'agent', 'ws-agent')).headers;
  agent2 = (await tokenFor(t.services, 'agent', 'ws-agent-2')).headers;
  manager = (await tokenFor(t.services, 'manager', 'ws-manager')).headers;
  providerAdmin = (await tokenFor(t.services, 'provider_admin', 'ws-provider', { providerId: w.provider.id })).headers;
  const other = await t.post('/providers', { code: 'WS-OTHER', name: '别家网点', kind: 'contractor', contactName: '别家', contactPhone: '02099998877' });
  otherAdmin = (await tokenFor(t.services, 'provider_admin', 'ws-other', { providerId: other.body.id })).headers;
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  expect(res.status).toBe(200);
  customer = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}, 120_000);
afterAll(() => t?.close());

describe(`the agent's workspace (${engine})`, () => {
  it('my queue: orders I took in that still need the desk, complaints I filed; not another agent’s', async () => {
    const waiting = await intake(agent, '不制冷 / not cooling');
    clock.advance(60_000);
    const moved = await intake(agent, '噪音大 / noisy');
    const theirs = await intake(agent2, '漏水 / leaks');
    const dispatched = await t.post(`/work-orders/${moved.id}/dispatch`, { version: moved.version, providerId: w.provider.id });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    const filed = await t.post('/complaints', { category: 'timeliness', orderIds: [waiting.id], text: '一直没人联系 / nobody called' }, agent);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);

    const q = await t.get('/workspace/queue', agent);
    expect(q.status, JSON.stringify(q.body)).toBe(200);
    const ids = q.body.orders.map((o: { id: string }) => o.id);
    expect(ids).toContain(waiting.id);
    expect(ids).not.toContain(moved.id);
    expect(ids).not.toContain(theirs.id);
    expect(q.body.orders.find((o: { id: string }) => o.id === waiting.id)).toMatchObject({ number: waiting.number, why: 'awaiting_dispatch', whyText: { zh: '尚未派单', en: 'Not dispatched yet' }, customerName: w.customer.name });
    expect(q.body.complaints.map((k: { id: string }) => k.id)).toEqual([filed.body.id]);
    // An agent holds no follow-up calls; the other agent's queue is their own.
    expect(q.body.followUps).toEqual([]);
    const q2 = await t.get('/workspace/queue', agent2);
    expect(q2.body.orders.map((o: { id: string }) => o.id)).toEqual([theirs.id]);
    expect(q2.body.complaints).toEqual([]);
    // A customer has no workspace.
    expect((await t.get('/workspace/queue', customer)).status).toBe(403);
  });

  it('recent customers: per user, newest first; out of scope is a 400 naming customerId', async () => {
    const second = await t.post('/customers', { kind: 'person', name: '周女士', phones: [{ phone: '13800000077', kind: 'mobile', isPrimary: true }] });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect((await t.post('/workspace/recent-customers', { customerId: w.customer.id }, agent)).status).toBe(200);
    clock.advance(1000);
    const after = await t.post('/workspace/recent-customers', { customerId: second.body.id }, agent);
    expect(after.body.items.map((c: { customerId: string }) => c.customerId)).toEqual([second.body.id, w.customer.id]);
    clock.advance(1000);
    const again = await t.post('/workspace/recent-customers', { customerId: w.customer.id }, agent);
    expect(again.body.items.map((c: { customerId: string }) => c.customerId)).toEqual([w.customer.id, second.body.id]);
    expect((await t.get('/workspace/recent-customers', agent2)).body.items).toEqual([]);
    const refused = await t.post('/workspace/recent-customers', { customerId: w.customer.id }, otherAdmin);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('customerId');
    const bad = await t.post('/workspace/recent-customers', { customerId: 'nope' }, agent);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('customerId');
  });

  it('keeps only the newest twelve', async () => {
    for (let i = 0; i < 13; i += 1) {
      const c = await t.post('/customers', { kind: 'person', name: `客户${i}`, phones: [{ phone: `1370000${String(i).padStart(4, '0')}`, kind: 'mobile', isPrimary: true }] });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      clock.advance(1000);
      await t.post('/workspace/recent-customers', { customerId: c.body.id }, agent2);
    }
    const list = await t.get('/workspace/recent-customers', agent2);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(Array.from({ length: 12 }, (_, i) => `客户${12 - i}`));
    const stored = await t.database.db.execute(sql`select count(*)::int as n from recent_customers r join users u on u.id = r.user_id where u.username = 'ws-agent-2'`);
    expect((stored as unknown as { rows: { n: number }[] }).rows[0].n).toBe(12);
  });

  it('internal notes: a thread with a history row each, never in a customer answer', async () => {
    const order = await intake(agent, '显示 E4 / shows E4');
    const secret = '内部备注：客户脾气急，先打电话 / INTERNAL call first';
    const added = await t.post(`/work-orders/${order.id}/notes`, { text: secret }, agent);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ orderId: order.id, text: secret, author: expect.stringContaining('ws-agent') });
    clock.advance(60_000);
    expect((await t.post(`/work-orders/${order.id}/notes`, { text: '已回电 / called back' }, manager)).status).toBe(201);
    const thread = await t.get(`/work-orders/${order.id}/notes`, agent);
    expect(thread.body.items.map((n: { text: string }) => n.text)).toEqual([secret, '已回电 / called back']);
    const history = await t.get(`/work-orders/${order.id}/history`, agent);
    const notes = history.body.items.filter((h: { action: string }) => h.action === 'note');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ fromStatus: 'awaiting_dispatch', toStatus: 'awaiting_dispatch', version: order.version, changes: {}, actor: expect.stringContaining('ws-agent') });
    // The order's version did not move: a note makes nobody's edit stale.
    expect((await t.get(`/work-orders/${order.id}`, agent)).body.version).toBe(order.version);
    // Bad input names the field; an order out of scope is not found; a customer is refused.
    const empty = await t.post(`/work-orders/${order.id}/notes`, { text: '   ' }, agent);
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('text');
    expect((await t.post(`/work-orders/${order.id}/notes`, { text: 'x'.repeat(4001) }, agent)).status).toBe(400);
    expect((await t.get(`/work-orders/${order.id}/notes`, otherAdmin)).status).toBe(404);
    expect((await t.post(`/work-orders/${order.id}/notes`, { text: 'x' }, otherAdmin)).status).toBe(404);
    expect((await t.get(`/work-orders/${order.id}/notes`, customer)).status).toBe(403);
    expect((await t.post(`/work-orders/${order.id}/notes`, { text: 'x' }, customer)).status).toBe(403);
    // Everything the customer can read about the order carries none of it.
    for (const path of [`/work-orders/${order.id}`, `/work-orders/${order.id}/history`, '/work-orders', `/customers/${w.customer.id}`]) {
      const res = await t.get(path, customer);
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(res.body), path).not.toContain('INTERNAL');
      expect(JSON.stringify(res.body), path).not.toContain(added.body.id);
    }
    // Audited with the change.
    const audit = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'work-orders.note' and subject_id = ${order.id}`);
    expect((audit as unknown as { rows: { n: number }[] }).rows[0].n).toBe(2);
  });

  it('symptom templates: a manager keeps them per category, the fault code checked; an agent reads them', async () => {
    const made = await t.post('/symptom-templates', { categoryId: w.category.id, titleZh: '漏水', titleEn: 'Leaking', symptom: '室内机漏水 / indoor unit leaks', faultCode: 'S01' }, manager);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ categoryCode: w.category.code, faultCode: 'S01', active: true, version: 1 });
    const plain = await t.post('/symptom-templates', { categoryId: w.category.id, titleZh: '不制冷', titleEn: 'Not cooling', symptom: '空调不制冷 / not cooling' }, manager);
    expect(plain.status).toBe(201);
    for (const [body, field] of [
      [{ categoryId: w.category.id, titleZh: '原因', titleEn: 'Cause', symptom: 'x', faultCode: 'C01' }, 'faultCode'],
      [{ categoryId: '00000000-0000-4000-8000-000000000000', titleZh: 'a', titleEn: 'a', symptom: 'x' }, 'categoryId'],
      [{ categoryId: w.category.id, titleZh: '', titleEn: 'a', symptom: 'x' }, 'titleZh'],
      [{ categoryId: w.category.id, titleZh: 'a', titleEn: 'a' }, 'symptom'],
    ] as const) {
      const res = await t.post('/symptom-templates', body, manager);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain(field);
    }
    expect((await t.post('/symptom-templates', { categoryId: w.category.id, titleZh: 'a', titleEn: 'a', symptom: 'x' }, agent)).status).toBe(403);
    const listed = await t.get(`/symptom-templates?categoryId=${w.category.id}`, agent);
    expect(listed.body.items.map((x: { titleEn: string }) => x.titleEn)).toEqual(['Leaking', 'Not cooling']);
    // Edit at the version; a stale one is a 409; archive hides it from the desk.
    const edited = await patch(`/symptom-templates/${plain.body.id}`, { version: 1, titleEn: 'No cooling' }, manager);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ titleEn: 'No cooling', version: 2 });
    expect((await patch(`/symptom-templates/${plain.body.id}`, { version: 1, titleEn: 'Again' }, manager)).status).toBe(409);
    expect((await patch(`/symptom-templates/${plain.body.id}`, { version: 2, faultCode: 'R01' }, manager)).status).toBe(400);
    expect((await patch(`/symptom-templates/${plain.body.id}`, { version: 2, active: false }, agent)).status).toBe(403);
    expect((await patch(`/symptom-templates/${plain.body.id}`, { version: 2, active: false }, manager)).status).toBe(200);
    expect((await t.get(`/symptom-templates?categoryId=${w.category.id}`, agent)).body.items.map((x: { titleEn: string }) => x.titleEn)).toEqual(['Leaking']);
    expect((await t.get(`/symptom-templates?categoryId=${w.category.id}&includeArchived=true`, manager)).body.items).toHaveLength(2);
    expect((await patch(`/symptom-templates/00000000-0000-4000-8000-000000000000`, { version: 1 }, manager)).status).toBe(404);
    const audit = await t.database.db.execute(sql`select action from audit_log where subject_id = ${plain.body.id} and action like 'workspace.%' order by id`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['workspace.template.create', 'workspace.template.update', 'workspace.template.archive']);
  });

  it.runIf(engine === 'postgres')('two edits of one template at the same version: one wins', async () => {
    const made = await t.post('/symptom-templates', { categoryId: w.category.id, titleZh: '异响', titleEn: 'Noise', symptom: '异响 / noise' }, manager);
    const results = await Promise.all(['A', 'B'].map((x) => patch(`/symptom-templates/${made.body.id}`, { version: 1, titleEn: `Noise ${x}` }, manager)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await t.get(`/symptom-templates?categoryId=${w.category.id}`, agent)).body.items.find((x: { id: string }) => x.id === made.body.id).version).toBe(2);
  });
});

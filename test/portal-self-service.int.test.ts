import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, seedWorld, systemCaller, testApp, uniquePhone, type TestApp } from './harness.js';

// A customer in the portal registers their own unit, asks for service and confirms the finished
// job with the code they were sent, all by their cookie session, and nothing on anyone else's account.
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let session: { cookie: string; csrf: string };

async function asCustomer(method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  t = await testApp();
  w = await seedWorld(t);
  const link = await t.services.access.customerLink(systemCaller, w.customer.id, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  expect(res.status).toBe(200);
  session = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
});
afterAll(() => t?.close());

describe(`portal self-service (${engine})`, () => {
  it('registers a unit for the customer only', async () => {
    const unit = { modelId: w.model.id, serials: [{ serial: `SELF-${Date.now()}` }], purchaseDate: '2026-05-20', channel: 'online', priceFen: 199900 };
    const own = await asCustomer('POST', '/units', { ...unit, ownerId: w.customer.id });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ warranty: { wholeUnit: { inWarranty: true } } });
    expect((await t.get(`/units/${own.body.id}`)).body.ownerId).toBe(w.customer.id);

    const other = await t.post('/customers', { name: '别人', phones: [{ phone: uniquePhone() }] });
    const foreign = await asCustomer('POST', '/units', { ...unit, serials: [{ serial: `FOREIGN-${Date.now()}` }], ownerId: other.body.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([{ path: 'ownerId', message: 'no such customer', zh: '客户不存在' }]);
    expect((await t.get(`/units?ownerId=${other.body.id}`)).body.total).toBe(0);
  });

  it('asks for service as a web request the desk still has to accept, whatever it asks for', async () => {
    const made = await asCustomer('POST', '/work-orders', { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '不制冷', priority: 'urgent', channel: 'phone', accept: true, wishedFrom: '2026-06-03T01:00:00Z', wishedTo: '2026-06-03T05:00:00Z' });
    expect(made.status).toBe(201);
    // The customer may withdraw the request (cancel); nothing else is theirs to do yet.
    expect(made.body).toMatchObject({ status: 'intake', wishedFrom: '2026-06-03T01:00:00.000Z', allowedActions: ['cancel'] });
    expect((await t.get(`/work-orders/${made.body.id}`)).body).toMatchObject({ channel: 'web', priority: 'normal' });

    // The same reference twice is one request; another account's reference is not this account's.
    const again = await asCustomer('POST', '/work-orders', { kind: 'repair', customerId: w.customer.id, symptom: '不制冷', externalRef: 'MY-1' });
    expect((await asCustomer('POST', '/work-orders', { kind: 'repair', customerId: w.customer.id, symptom: '不制冷', externalRef: 'MY-1' })).body.id).toBe(again.body.id);
    const staffRef = await t.post('/work-orders', { kind: 'repair', customerId: (await t.post('/customers', { name: '第三人', phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '海珠区', street: '江南大道 2 号', isDefault: true }] })).body.id, symptom: '别人的', externalRef: 'CALL-77' });
    expect(staffRef.status).toBe(201);
    const guessed = await asCustomer('POST', '/work-orders', { kind: 'repair', customerId: w.customer.id, symptom: '猜别人的单号', externalRef: 'CALL-77' });
    expect(guessed.status).toBe(201);
    expect(guessed.body.id).not.toBe(staffRef.body.id);
    expect((await t.get(`/work-orders/${guessed.body.id}`)).body.customerId).toBe(w.customer.id);

    const other = await t.post('/customers', { name: '别人二', phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '越秀区', street: '北京路 1 号', isDefault: true }] });
    const foreign = await asCustomer('POST', '/work-orders', { kind: 'repair', customerId: other.body.id, symptom: '冒充' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('customerId');
    expect((await t.get(`/work-orders?customerId=${other.body.id}`)).body.total).toBe(0);
  });

  it('confirms a finished order with the code, never by override', async () => {
    const s = t.services;
    let o = (await s.workOrders.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水', accept: true, priority: 'normal', channel: 'phone' })).order;
    o = await s.workOrders.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
    o = await s.workOrders.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
    o = await s.workOrders.perform(systemCaller, o.id, 'book', { version: o.version, from: '2026-06-02T01:00:00Z', to: '2026-06-02T03:00:00Z' });
    o = await s.workOrders.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
    o = await s.workOrders.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' });
    o = await s.workOrders.perform(systemCaller, o.id, 'send_acceptance_code', { version: o.version });

    const seen = await asCustomer('GET', `/work-orders/${o.id}`);
    expect(seen.body.allowedActions).toEqual(['confirm']);
    const override = await asCustomer('POST', `/work-orders/${o.id}/confirm`, { version: o.version, overrideReason: '我说完成了' });
    expect(override.status).toBe(403);

    const sms = (await t.get('/outbox?limit=50&reveal=true')).body.items.find((m: any) => m.template === 'acceptance_code' && m.subject?.id === o.id);
    const code = /code is (\d{6})/.exec(sms.bodyEn)![1];
    const confirmed = await asCustomer('POST', `/work-orders/${o.id}/confirm`, { version: o.version, code });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed' });
    const history = await asCustomer('GET', `/work-orders/${o.id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ milestone: 'confirmed', status: 'confirmed' });
    expect((await t.get(`/work-orders/${o.id}`)).body.confirmedBy).toBe('customer_code');
    expect((await t.get(`/work-orders/${o.id}/history`)).body.items.at(-1)).toMatchObject({ action: 'confirm', actor: `customer:${w.customer.id}`, toStatus: 'confirmed' });
  });
});

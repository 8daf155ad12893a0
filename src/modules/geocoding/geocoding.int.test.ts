import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, testApp, uniquePhone, type TestApp } from '../../../test/harness.js';

// Monday 10:00 in Shanghai; the plans are for Tuesday.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
const D = '2026-06-02';
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
const tianhe = { province: '广东省', city: '广州市', district: '天河区' };

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A Nominatim look-alike on a local port: a building for 体育西路, nothing for 无名路, a failure for 故障路. */
function fakeNominatim() {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams.get('q') ?? '';
    asked.push(q);
    if (url.pathname !== '/search' || url.searchParams.get('format') !== 'jsonv2' || !req.headers['user-agent']) return void res.writeHead(400).end();
    if (q.includes('故障路')) return void res.writeHead(503).end('overloaded');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(q.includes('体育西路') ? [{ lat: '23.1353', lon: '113.3241', place_rank: 30 }] : []));
  });
  return { server, asked };
}

async function world(t: TestApp) {
  const cat = await ok(await t.post('/catalog/categories', { code: `G${uniquePhone().slice(-5)}`, nameZh: '空调', nameEn: 'AC' }));
  const model = await ok(await t.post('/catalog/models', { categoryId: cat.id, code: `GM-${uniquePhone().slice(-5)}`, nameZh: '空调', nameEn: 'AC', wholeUnitMonths: 12, mainPartsMonths: 36, dailyDepreciationRate: 0.0005, standardMinutes: { repair: 60 } }));
  const provider = await ok(await t.post('/providers', { code: `GP${uniquePhone().slice(-5)}`, name: '天河网点', kind: 'contractor', contactName: '经理', contactPhone: '02088880001', categoryIds: [cat.id], serviceArea: { regions: [tianhe] }, capacity: 100 }));
  const tech = await ok(await t.post('/technicians', { providerId: provider.id, name: '王师傅', phone: uniquePhone(), skills: [cat.code], homeLat: 23.12, homeLng: 113.3, shifts: everyDay, maxJobsPerDay: 12 }));
  // Two customers already placed at their doors in Tianhe: the district's centre is between them.
  for (const [lat, lng] of [[23.13, 113.32], [23.15, 113.36]]) {
    await ok(await t.post('/customers', { name: '老客户', phones: [{ phone: uniquePhone() }], addresses: [{ ...tianhe, street: '天河路 1 号', lat, lng, isDefault: true }] }));
  }
  return { modelId: model.id, providerId: provider.id, technicianId: tech.id };
}

async function textOnlyOrder(t: TestApp, w: { modelId: string; providerId: string }, street: string) {
  const c = await ok(await t.post('/customers', { name: '新客户', phones: [{ phone: uniquePhone() }], addresses: [{ ...tianhe, street, isDefault: true }] }));
  const unit = await ok(await t.post('/units', { modelId: w.modelId, ownerId: c.id, serials: [{ role: 'indoor', serial: `GEO${uniquePhone()}` }], purchaseDate: '2026-05-01', channel: 'store', priceFen: 300000 }));
  const o = await ok(await t.post('/work-orders', { kind: 'repair', customerId: c.id, unitId: unit.id, symptom: '不制冷', accept: true, wishedFrom: `${D}T09:00:00+08:00`, wishedTo: `${D}T12:00:00+08:00` }));
  const dispatched = await ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.providerId }), 200);
  return { customerId: c.id, order: dispatched };
}

async function placeJobs(t: TestApp, key: 'customerId' | 'orderId', id: string): Promise<number> {
  const r = await t.database.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'geocoding.place' and data->>${key} = ${id}`);
  return (r as unknown as { rows: { n: number }[] }).rows[0].n;
}

describe(`addresses that place themselves, offline (${engine})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    t = await testApp({ clock });
    w = await world(t);
  });
  afterAll(() => t.close());

  it('suggests technicians and plans the day for an order whose address was typed as text, saying the position is approximate', async () => {
    const { customerId, order } = await textOnlyOrder(t, w, '体育东路 9 号');
    expect(order.address).toMatchObject({ lat: null, lng: null });
    // The customer's new address and the dispatched order were put on the queue to be placed.
    expect(await placeJobs(t, 'customerId', customerId)).toBe(1);
    expect(await placeJobs(t, 'orderId', order.id)).toBe(1);

    // Before: 409 no_coordinates. Now the order is placed when suggestions need it: at the district's centre.
    const res = await t.get(`/work-orders/${order.id}/technician-suggestions?date=${D}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ranked.map((r: any) => r.technicianId)).toEqual([w.technicianId]);
    expect(res.body.approximateLocation).toMatchObject({ code: 'approximate_location', zh: expect.stringContaining('估算'), en: expect.stringContaining('estimate') });
    const placed = await ok(await t.get(`/work-orders/${order.id}`), 200);
    expect(placed.address).toMatchObject({ lat: 23.14, lng: 113.34, approximate: true });
    expect(placed.version).toBe(order.version);
    const history = (await ok(await t.get(`/work-orders/${order.id}/history`), 200)).items;
    expect(history.at(-1)).toMatchObject({ action: 'address_placed', reason: expect.stringContaining('同区县'), changes: { coordinatesApproximate: { from: false, to: true } } });

    // The queued job places the customer's address the same way; run again, it changes nothing.
    expect(await t.services.geocoding.handle({ customerId })).toEqual({ addresses: 1, orders: 0 });
    expect(await t.services.geocoding.handle({ customerId })).toEqual({ addresses: 0, orders: 0 });
    const customer = await ok(await t.get(`/customers/${customerId}`), 200);
    expect(customer.addresses[0]).toMatchObject({ lat: 23.14, lng: 113.34, approximate: true, placedBy: 'district' });

    const plan = await ok(await t.post('/dispatch/plans', { providerId: w.providerId, date: D }));
    expect(plan.stops.map((s: any) => s.orderId)).toContain(order.id);
    expect(plan.unplanned).toEqual([]);
    expect(plan.approximate).toEqual([expect.objectContaining({ orderId: order.id, code: 'approximate_location' })]);
    const board = await ok(await t.get(`/dispatch/board?providerId=${w.providerId}&date=${D}`), 200);
    expect(board.orders.find((o: any) => o.id === order.id)).toMatchObject({ approximate: true, location: [113.34, 23.14] });
  });

  it('does not flag a check-in 1.5 km from an approximate position as far, and says the distance is from an estimate', async () => {
    const { order } = await textOnlyOrder(t, w, '天河北路 8 号');
    await t.services.geocoding.placeOrder(order.id);
    let o = await ok(await t.post(`/work-orders/${order.id}/assign`, { version: (await ok(await t.get(`/work-orders/${order.id}`), 200)).version, technicianId: w.technicianId }), 200);
    o = await ok(await t.post(`/work-orders/${o.id}/book`, { version: o.version, from: `${D}T09:00:00+08:00`, to: `${D}T11:00:00+08:00` }), 200);
    clock.set(new Date(`${D}T01:30:00Z`));
    const arrived = await ok(await t.post(`/work-orders/${o.id}/check-in`, { version: o.version, lat: 23.1535, lng: 113.34 }), 200);
    expect(arrived.checkInDistanceM).toBeGreaterThan(1500);
    expect(arrived.checkInFar).toBe(false);
    expect((await ok(await t.get(`/work-orders/${o.id}/history`), 200)).items.at(-1).reason).toContain('approximate');
    clock.set(new Date('2026-06-01T02:00:00Z'));
  });

  it('answers no_coordinates in both languages only when nothing in the district is placed either', async () => {
    const c = await ok(await t.post('/customers', { name: '远方客户', phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '从化区', street: '某村', isDefault: true }] }));
    const o = await ok(await t.post('/work-orders', { kind: 'repair', customerId: c.id, symptom: '不制冷', accept: true }));
    const d = await ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId: w.providerId, reason: '客户指定' }), 200);
    const res = await t.get(`/work-orders/${d.id}/technician-suggestions?date=${D}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'no_coordinates', message: expect.stringContaining('无法估算') });
  });
});

describe(`addresses placed by an HTTP geocoding service (${engine})`, () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof world>>;
  const geo = fakeNominatim();
  beforeAll(async () => {
    await new Promise<void>((done) => geo.server.listen(0, '127.0.0.1', done));
    const port = (geo.server.address() as AddressInfo).port;
    t = await testApp({ clock, services: { geocoder: { style: 'nominatim', url: `http://127.0.0.1:${port}`, timeoutMs: 2000 } } });
    w = await world(t);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((done) => (geo.server as Server).close(done));
  });

  it("places a customer's address and their open order at the door, once", async () => {
    const { customerId, order } = await textOnlyOrder(t, w, '体育西路 101 号');
    const asked = geo.asked.length;
    expect(await t.services.geocoding.handle({ customerId })).toEqual({ addresses: 1, orders: 1 });
    // The order's address is the customer's: one question to the service for both.
    expect(geo.asked.slice(asked)).toEqual(['广东省广州市天河区体育西路 101 号']);
    const customer = await ok(await t.get(`/customers/${customerId}`), 200);
    expect(customer.addresses[0]).toMatchObject({ lat: 23.1353, lng: 113.3241, approximate: false, placedBy: 'geocoder' });
    expect((await ok(await t.get(`/work-orders/${order.id}`), 200)).address).toMatchObject({ lat: 23.1353, lng: 113.3241, approximate: false });
    expect(await t.services.geocoding.handle({ customerId })).toEqual({ addresses: 0, orders: 0 });
    expect(geo.asked.length).toBe(asked + 1);
    const res = await t.get(`/work-orders/${order.id}/technician-suggestions?date=${D}`);
    expect(res.status).toBe(200);
    expect(res.body.approximateLocation).toBeNull();
  });

  it('falls back to the district centre when the service fails or knows no such street, and keeps a given position', async () => {
    const down = await textOnlyOrder(t, w, '故障路 1 号');
    expect(await t.services.geocoding.handle({ customerId: down.customerId })).toEqual({ addresses: 1, orders: 1 });
    expect((await ok(await t.get(`/customers/${down.customerId}`), 200)).addresses[0]).toMatchObject({ approximate: true, placedBy: 'district' });
    const unknown = await textOnlyOrder(t, w, '无名路 2 号');
    await t.services.geocoding.handle({ customerId: unknown.customerId });
    expect((await ok(await t.get(`/work-orders/${unknown.order.id}`), 200)).address).toMatchObject({ approximate: true });

    // The backfill asks the service again for rough positions; a position a person gave is never touched.
    const given = await ok(await t.post('/customers', { name: '给了坐标', phones: [{ phone: uniquePhone() }], addresses: [{ ...tianhe, street: '体育西路 1 号', lat: 23.2, lng: 113.2, isDefault: true }] }));
    await t.services.geocoding.backfill();
    expect((await ok(await t.get(`/customers/${given.id}`), 200)).addresses[0]).toMatchObject({ lat: 23.2, lng: 113.2, approximate: false, placedBy: null });
    expect((await ok(await t.get(`/customers/${down.customerId}`), 200)).addresses[0]).toMatchObject({ approximate: true });
  });
});

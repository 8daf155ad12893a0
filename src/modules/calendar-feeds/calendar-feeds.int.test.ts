import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import { engine, seedWorld, testApp, tokenFor, type TestApp } from '../../../test/harness.js';
import { takeStep } from '../../../test/steps.js';

// Calendar feeds, parsed back with node-ical: stable UIDs, SEQUENCE and LAST-MODIFIED moving on a
// change, REFRESH-INTERVAL, an unguessable address that stops working once revoked.
let t: TestApp;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  t = await testApp();
  world = await seedWorld(t);
});
afterAll(() => t.close());

const day = (n: number) => new Date(t.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
async function bookedOrder(technicianId: string, n: number) {
  let o = (await t.post('/work-orders', { kind: 'repair', customerId: world.customer.id, unitId: world.unit.id, symptom: '漏水' })).body;
  o = await takeStep(t, o, 'accept');
  o = await takeStep(t, o, 'dispatch', { providerId: world.provider.id });
  o = await takeStep(t, o, 'assign', { technicianId });
  return takeStep(t, o, 'book', { from: `${day(n)}T01:00:00Z`, to: `${day(n)}T03:00:00Z` });
}
const read = async (url: string) => {
  const res = await t.app.request(url);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];

describe(`calendar feeds, ${engine}`, () => {
  it("gives a technician's booked visits as iCalendar, with stable UIDs and SEQUENCE and LAST-MODIFIED bumped on a change", async () => {
    const tech = world.technicians[0];
    let order = await bookedOrder(tech.id, 1);
    await bookedOrder(world.technicians[1].id, 1);
    const made = await t.post('/calendar-feeds', { technicianId: tech.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const path = new URL(made.body.url, 'http://x').pathname;
    expect(path).toMatch(/^\/calendar-feeds\/[A-Za-z0-9_-]{32}\.ics$/);

    const first = await read(path);
    expect(first.status).toBe(200);
    expect(first.type).toContain('text/calendar');
    expect(first.text).toMatch(/REFRESH-INTERVAL;VALUE=DURATION:PT15M/);
    const [visit] = events(first.text);
    expect(events(first.text)).toHaveLength(1);
    expect(visit.uid).toBe(`${order.id}@aftercare`);
    expect(visit.start.toISOString()).toBe(`${day(1)}T01:00:00.000Z`);
    expect(visit.summary).toContain(order.number);
    expect(String(visit.location)).toContain('体育西路');

    t.clock.advance(60_000);
    order = await takeStep(t, order, 'book', { from: `${day(2)}T05:00:00Z`, to: `${day(2)}T06:00:00Z` });
    const [moved] = events((await read(path)).text);
    expect(moved.uid).toBe(visit.uid);
    expect(Number(moved.sequence)).toBeGreaterThan(Number(visit.sequence));
    expect(moved.lastmodified!.getTime()).toBeGreaterThan(visit.lastmodified!.getTime());
    expect(moved.start.toISOString()).toBe(`${day(2)}T05:00:00.000Z`);
  });

  it("gives a provider's days; a technician may hold only their own link; a revoked or replaced link answers 404", async () => {
    const feed = await t.post('/calendar-feeds', { providerId: world.provider.id });
    expect(feed.status).toBe(201);
    const path = new URL(feed.body.url, 'http://x').pathname;
    expect(events((await read(path)).text).length).toBeGreaterThanOrEqual(2);

    const tech = await tokenFor(t.services, 'technician', 'feed-tech', { providerId: world.provider.id, technicianId: world.technicians[1].id });
    const own = await t.post('/calendar-feeds', { technicianId: world.technicians[1].id }, tech.headers);
    expect(own.status).toBe(201);
    expect((await t.post('/calendar-feeds', { technicianId: world.technicians[0].id }, tech.headers)).status).toBe(403);
    expect((await t.post('/calendar-feeds', { providerId: world.provider.id }, tech.headers)).status).toBe(403);
    expect((await t.get(`/calendar-feeds?technicianId=${world.technicians[1].id}`, tech.headers)).body.items.map((f: { id: string }) => f.id)).toEqual([own.body.id]);
    // A new link replaces the old one.
    const again = await t.post('/calendar-feeds', { technicianId: world.technicians[1].id }, tech.headers);
    expect((await read(new URL(own.body.url, 'http://x').pathname)).status).toBe(404);
    expect((await t.post(`/calendar-feeds/${again.body.id}/revoke`, {}, tech.headers)).status).toBe(200);
    expect((await read(new URL(again.body.url, 'http://x').pathname)).status).toBe(404);
    expect((await t.post(`/calendar-feeds/${feed.body.id}/revoke`)).status).toBe(200);
    expect((await read(path)).status).toBe(404);
    expect((await read('/calendar-feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
    expect((await t.post('/calendar-feeds', { technicianId: world.technicians[0].id, providerId: world.provider.id })).status).toBe(400);
  });

  it('two new links at once for one person leave exactly one live', async () => {
    const made = await Promise.all([1, 2, 3].map(() => t.post('/calendar-feeds', { technicianId: world.technicians[0].id })));
    expect(made.map((m) => m.status)).toEqual([201, 201, 201]);
    const live = (await t.get(`/calendar-feeds?technicianId=${world.technicians[0].id}`)).body.items;
    expect(live).toHaveLength(1);
    const working = await Promise.all(made.map(async (m) => (await read(new URL(m.body.url, 'http://x').pathname)).status));
    expect(working.filter((s) => s === 200)).toHaveLength(1);
  });
});

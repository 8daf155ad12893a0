import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// The dashboard's figures: GET /work-orders/counts against orders counted by hand.
const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let otherProviderId: string;

async function ok(res: { status: number; body: any }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
async function open(providerId?: string) {
  const o = await ok(await t.post('/work-orders', { kind: 'repair', customerId: w.customer.id, unitId: w.unit.id, symptom: '漏水', accept: true }));
  if (!providerId) return o;
  return ok(await t.post(`/work-orders/${o.id}/dispatch`, { version: o.version, providerId, reason: '测试 / test' }), 200);
}
const n = (items: { status: string; providerId: string | null; n: number }[], status: string, providerId: string | null) =>
  items.filter((i) => i.status === status && i.providerId === providerId).reduce((s, i) => s + i.n, 0);

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  otherProviderId = (await ok(await t.post('/providers', { code: 'PCOUNT2', name: '海珠网点', kind: 'contractor', contactName: '陈经理', contactPhone: '02088887777' }))).id;
  // 1 June: two awaiting dispatch, one at each provider. 3 June: one at the first provider, one cancelled.
  await open();
  await open();
  await open(w.provider.id);
  await open(otherProviderId);
  clock.advance(2 * 24 * 3600_000);
  await open(w.provider.id);
  const c = await open();
  await ok(await t.post(`/work-orders/${c.id}/cancel`, { version: c.version, reason: '客户取消 / customer cancelled' }), 200);
});
afterAll(() => t.close());

describe(`the dashboard's counts (${engine})`, () => {
  it('counts every order by state and provider, and by the date range and provider asked', async () => {
    const all = (await ok(await t.get('/work-orders/counts'), 200)).items;
    expect(n(all, 'awaiting_dispatch', null)).toBe(2);
    expect(n(all, 'dispatched', w.provider.id)).toBe(2);
    expect(n(all, 'dispatched', otherProviderId)).toBe(1);
    expect(n(all, 'cancelled', null)).toBe(1);
    expect(all.reduce((s: number, i: { n: number }) => s + i.n, 0)).toBe(6);

    const june3 = (await ok(await t.get('/work-orders/counts?createdFrom=2026-06-03T00:00:00Z'), 200)).items;
    expect(june3.reduce((s: number, i: { n: number }) => s + i.n, 0)).toBe(2);
    expect(n(june3, 'dispatched', w.provider.id)).toBe(1);

    const june1 = (await ok(await t.get(`/work-orders/counts?createdFrom=2026-06-01T00:00:00Z&createdTo=2026-06-01T23:59:59Z&providerId=${w.provider.id}`), 200)).items;
    expect(june1).toEqual([{ status: 'dispatched', providerId: w.provider.id, n: 1 }]);
  });

  it("shows a provider's staff only their provider's orders, and agrees with the list of the same filter", async () => {
    const other = await tokenFor(t.services, 'provider_admin', 'count-other', { providerId: otherProviderId });
    const theirs = (await ok(await t.get('/work-orders/counts', other.headers), 200)).items;
    expect(theirs).toEqual([{ status: 'dispatched', providerId: otherProviderId, n: 1 }]);
    const list = await ok(await t.get(`/work-orders?status=dispatched&providerId=${w.provider.id}&limit=1`), 200);
    const counts = (await ok(await t.get(`/work-orders/counts?providerId=${w.provider.id}`), 200)).items;
    expect(n(counts, 'dispatched', w.provider.id)).toBe(list.total);
  });

  it('refuses a range that ends before it starts and a malformed provider, naming the field', async () => {
    const backwards = await t.get('/work-orders/counts?createdFrom=2026-06-03T00:00:00Z&createdTo=2026-06-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('createdTo');
    const bad = await t.get('/work-orders/counts?providerId=nope');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('providerId');
  });
});

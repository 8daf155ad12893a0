import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';

// A customer renews their own contract in the portal: the offer (same cover and term at the
// contract's price, from the day after it ends) opens 30 days before the end; the renewal needs the
// customer's agreement, is marked to pay later (no payment online), leaves history on both
// contracts, and answers in the customer's own view (no seller, no history). One renewal per
// contract, also when two arrive at once; another customer's contract is "not found".
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let agent: Record<string, string>;

async function portal(customerId: string) {
  const link = await t.services.access.customerLink(systemCaller, customerId, 600);
  const res = await t.app.request('/portal/link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: link.token }) });
  expect(res.status).toBe(200);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}
async function soldContract(serial: string) {
  const u = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `${serial}-${Date.now()}` }], purchaseDate: '2026-05-01', channel: 'store', invoiceNumber: 'INV-RNW', priceFen: 259900 });
  expect(u.status).toBe(201);
  const c = await t.post(`/units/${u.body.id}/contracts`, { kind: 'maintenance', termMonths: 6, price: { amountFen: 39900, currency: 'CNY' }, coversParts: false, visitsIncluded: 2, visitEveryMonths: 3 }, agent);
  expect(c.status).toBe(201);
  return { unitId: u.body.id as string, id: c.body.id as string };
}

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  agent = (await tokenFor(t.services, 'agent', 'renew-desk')).headers;
});
afterAll(() => t.close());

describe(`renewing a contract in the portal on ${engine}`, () => {
  it('offers the renewal at the contract price, opens it 30 days before the end, and renews once, paid later', async () => {
    clock.set(new Date('2026-06-01T01:00:00Z'));
    const c = await soldContract('RNW-A');
    let me = await portal(w.customer.id);
    const mine = await t.get(`/units/${c.unitId}/contracts`, me);
    expect(mine.status).toBe(200);
    const offer = mine.body.items[0];
    expect(offer.renewal).toEqual({ open: false, priceFen: 39900, currency: 'CNY', termMonths: 6, startsOn: '2026-12-01', endsOn: '2027-05-31' });
    expect(offer).not.toHaveProperty('soldBy');
    expect(offer).not.toHaveProperty('history');
    expect(offer.payment).toBe('paid');

    const early = await t.post(`/contracts/${c.id}/renew`, { version: offer.version, acceptTerms: true }, me);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('30');
    expect(early.body.error.message).toContain('前 30 天起可续约');

    clock.set(new Date('2026-11-10T01:00:00Z'));
    me = await portal(w.customer.id); // months later: a new sign-in
    const open = (await t.get(`/units/${c.unitId}/contracts`, me)).body.items[0];
    expect(open.renewal.open).toBe(true);
    const noTerms = await t.post(`/contracts/${c.id}/renew`, { version: open.version, acceptTerms: false }, me);
    expect(noTerms.status).toBe(400);
    expect(noTerms.body.error.details[0].path).toBe('acceptTerms');
    // Staff sell; the portal renewal is the customer's own.
    expect((await t.post(`/contracts/${c.id}/renew`, { version: open.version, acceptTerms: true }, agent)).status).toBe(403);

    const renewed = await t.post(`/contracts/${c.id}/renew`, { version: open.version, acceptTerms: true }, me);
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
    expect(renewed.body).toMatchObject({ status: 'active', startsOn: '2026-12-01', endsOn: '2027-05-31', priceFen: 39900, currency: 'CNY', payment: 'pay_later', visitsIncluded: 2, coversParts: false });
    expect(renewed.body.visits.map((v: { dueOn: string }) => v.dueOn)).toEqual(['2027-03-01', '2027-05-31']);
    expect(Object.keys(renewed.body)).not.toContain('soldBy');
    expect(Object.keys(renewed.body)).not.toContain('renewedFrom');

    const again = await t.post(`/contracts/${c.id}/renew`, { version: open.version, acceptTerms: true }, me);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已续约');

    // The staff view: both contracts' history say what happened, by whom.
    const staff = (await t.get(`/units/${c.unitId}/contracts`, agent)).body.items as { id: string; renewedFrom: string | null; payment: string; soldBy: string; renewal: unknown; history: { action: string; by: string; data: Record<string, unknown> }[] }[];
    const old = staff.find((x) => x.id === c.id)!;
    const fresh = staff.find((x) => x.id === renewed.body.id)!;
    expect(old.renewal).toBeNull();
    expect(old.history.at(-1)).toMatchObject({ action: 'renewed', by: 'customer', data: { renewal: renewed.body.id, priceFen: 39900 } });
    expect(fresh).toMatchObject({ renewedFrom: c.id, payment: 'pay_later', soldBy: 'customer:portal' });
    expect(fresh.history[0]).toMatchObject({ action: 'sold', by: 'customer', data: { renewalOf: c.id, payment: 'pay_later', termsAccepted: true } });
  });

  it("another customer's contract is not found to them", async () => {
    clock.set(new Date('2026-06-01T01:00:00Z'));
    const c = await soldContract('RNW-B');
    const other = await t.post('/customers', { name: '另一位客户', phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street: '体育西路 2 号', isDefault: true }] });
    expect(other.status).toBe(201);
    clock.set(new Date('2026-11-10T01:00:00Z'));
    const r = await t.post(`/contracts/${c.id}/renew`, { version: 1, acceptTerms: true }, await portal(other.body.id));
    expect(r.status).toBe(404);
  });

  it('two renewals of one contract at once: one is written', async () => {
    clock.set(new Date('2026-06-01T01:00:00Z'));
    const c = await soldContract('RNW-C');
    clock.set(new Date('2026-11-10T01:00:00Z'));
    const [a, b] = await Promise.all([portal(w.customer.id), portal(w.customer.id)]);
    const answers = await Promise.all([t.post(`/contracts/${c.id}/renew`, { version: 1, acceptTerms: true }, a), t.post(`/contracts/${c.id}/renew`, { version: 1, acceptTerms: true }, b)]);
    expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
    const staff = (await t.get(`/units/${c.unitId}/contracts`, agent)).body.items as { renewedFrom: string | null }[];
    expect(staff.filter((x) => x.renewedFrom === c.id)).toHaveLength(1);
  });
});

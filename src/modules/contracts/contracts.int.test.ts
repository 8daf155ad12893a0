import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, systemCaller, testApp, tokenFor, type TestApp } from '../../../test/harness.js';

// Paid service products through the API: an extended warranty sold on an out-of-warranty unit
// turns its next repair from a paid one (a quote, the customer pays) into a covered one (no
// quote, the maker pays); cancellation owes back by the pro-rata rule and ends the cover; a
// maintenance contract's visits become maintenance orders exactly once, however many copies run.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let agent: Record<string, string>;
let tech: Record<string, string>;
let unitId: string;

async function unit(serial: string, purchaseDate = '2023-01-10') {
  const u = await t.post('/units', { modelId: w.model.id, ownerId: w.customer.id, serials: [{ role: 'main', serial: `${serial}-${Date.now()}` }], purchaseDate, channel: 'store', invoiceNumber: 'INV-CT', priceFen: 259900 });
  expect(u.status).toBe(201);
  return u.body.id as string;
}

/** A repair of the unit done on `day`; `quote` accepts a quote first (out of warranty the work needs one). */
async function repair(day: string, quote: boolean) {
  const s = t.services.workOrders;
  clock.set(new Date(`${day}T01:00:00Z`));
  let o = (await s.intake(systemCaller, { kind: 'repair', customerId: w.customer.id, unitId, symptom: '不制冷 / no cooling', accept: true, priority: 'normal', channel: 'phone' })).order;
  o = await s.perform(systemCaller, o.id, 'dispatch', { version: o.version, providerId: w.provider.id });
  o = await s.perform(systemCaller, o.id, 'assign', { version: o.version, technicianId: w.technicians[0].id });
  o = await s.perform(systemCaller, o.id, 'book', { version: o.version, from: `${day}T02:00:00Z`, to: `${day}T02:59:00Z` });
  clock.set(new Date(`${day}T02:10:00Z`));
  o = await s.perform(systemCaller, o.id, 'check_in', { version: o.version, lat: 23.13, lng: 113.32 });
  if (quote) {
    const q = await t.services.fees.quotes.create(systemCaller, o.id, { jobMode: 'adjustment', extras: [], parts: [] });
    await t.services.fees.quotes.offer(systemCaller, o.id, q.id, { sendSms: false });
    await t.services.fees.quotes.accept(systemCaller, o.id, q.id, { signedName: '王女士', confirmed: true });
  }
  clock.set(new Date(`${day}T02:40:00Z`));
  return s.perform(systemCaller, o.id, 'complete', { version: o.version, symptomCode: 'S01', causeCode: 'C01', remedyCode: 'R01' } as never);
}

const payers = async (orderId: string) => ((await t.get(`/work-orders/${orderId}/fees`)).body.lines as { payer: string; rule: string }[]).map((l) => `${l.payer}:${l.rule}`);

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  agent = (await tokenFor(t.services, 'agent', 'contracts-desk')).headers;
  tech = (await tokenFor(t.services, 'technician', 'contracts-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  const prices = await t.services.fees.createList(systemCaller, { scope: 'national', providerId: null, nameZh: '全国', nameEn: 'National', base: null });
  const labour = [{ categoryId: null, kind: 'repair' as const, mode: 'adjustment' as const, callOutFen: 3000, labourFen: 5000 }];
  const v1 = await t.services.fees.createVersion(systemCaller, prices.id, { effectiveFrom: '2026-01-01', content: { currency: 'CNY', labour, extras: [], distance: [{ areaType: 'city', freeKm: 50, ratePerKmFen: 200, maxKm: null }], areas: [], defaultAreaType: 'city' } });
  await t.services.fees.publish(systemCaller, v1.id, { version: v1.version });
  unitId = await unit('CT-OLD');
});
afterAll(() => t.close());

describe(`service contracts on ${engine}`, () => {
  let contract: { id: string; version: number };

  it('an extended warranty turns a paid repair into a covered one', async () => {
    const paid = await repair('2026-06-01', true);
    expect(new Set(await payers(paid.id))).toEqual(new Set(['customer:sanbao.outOfWarranty']));

    clock.set(new Date('2026-06-02T03:00:00Z'));
    const sold = await t.post(`/units/${unitId}/contracts`, { kind: 'extended_warranty', termMonths: 12, price: { amountFen: 36500, currency: 'CNY' } }, agent);
    expect(sold.status).toBe(201);
    expect(sold.body).toMatchObject({ status: 'active', startsOn: '2026-06-02', endsOn: '2027-06-01', priceFen: 36500, soldBy: expect.stringContaining('contracts-desk'), visits: [], history: [{ action: 'sold' }] });
    contract = sold.body;

    const remedy = await t.post(`/units/${unitId}/sanbao`, { faultCode: 'C01', kind: 'other' });
    expect(remedy.body).toMatchObject({ rule: 'contract.extendedWarranty', free: true, reason: { zh: expect.stringContaining('延保'), en: expect.stringContaining('Extended warranty') } });

    // No quote this time: the covered repair completes, and every line is the maker's.
    const covered = await repair('2026-06-03', false);
    expect(new Set(await payers(covered.id))).toEqual(new Set(['maker:contract.extendedWarranty']));
    // A fault the statute excludes stays paid whatever the contract.
    const misuse = await t.post(`/units/${unitId}/sanbao`, { faultCode: 'C01', kind: 'other', misuse: true });
    expect(misuse.body).toMatchObject({ rule: 'sanbao.excluded.misuse', free: false });
  });

  it('labour-only cover leaves the repair paid, and says why', async () => {
    const other = await unit('CT-LAB');
    const sold = await t.post(`/units/${other}/contracts`, { kind: 'extended_warranty', termMonths: 6, price: { amountFen: 10000, currency: 'CNY' }, coversParts: false }, agent);
    expect(sold.status).toBe(201);
    const remedy = await t.post(`/units/${other}/sanbao`, { faultCode: 'C01', kind: 'other' });
    expect(remedy.body).toMatchObject({ rule: 'sanbao.outOfWarranty', free: false, reason: { zh: expect.stringContaining('合同只含人工'), en: expect.stringContaining('labour only') } });
  });

  it('refuses bad sales and steps, naming the field; others cannot sell', async () => {
    const bad = await t.post(`/units/${unitId}/contracts`, { kind: 'maintenance', termMonths: 12, price: { amountFen: 100, currency: 'CNY' } }, agent);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('visitsIncluded');
    const floatPrice = await t.post(`/units/${unitId}/contracts`, { kind: 'extended_warranty', termMonths: 12, price: { amountFen: 1.5, currency: 'CNY' } }, agent);
    expect(floatPrice.body.error.details[0].path).toBe('price.amountFen');
    const early = await t.post(`/units/${unitId}/contracts`, { kind: 'extended_warranty', termMonths: 12, startsOn: '2022-01-01', price: { amountFen: 100, currency: 'CNY' } }, agent);
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toBe('startsOn');
    expect((await t.post('/units/00000000-0000-4000-8000-000000000000/contracts', { kind: 'extended_warranty', termMonths: 12, price: { amountFen: 100, currency: 'CNY' } }, agent)).status).toBe(404);
    expect((await t.post(`/units/${unitId}/contracts`, { kind: 'extended_warranty', termMonths: 12, price: { amountFen: 100, currency: 'CNY' } }, tech)).status).toBe(403);
    expect((await t.post('/contracts/00000000-0000-4000-8000-000000000000/cancel', { version: 1, reason: 'x' }, agent)).status).toBe(404);
  });

  it('cancels with the pro-rata refund owed, once; the cover ends', async () => {
    clock.set(new Date('2026-07-02T01:00:00Z'));
    const stale = await t.post(`/contracts/${contract.id}/cancel`, { version: contract.version + 1, reason: '客户要求 / customer asked' }, agent);
    expect(stale.status).toBe(409);
    const done = await t.post(`/contracts/${contract.id}/cancel`, { version: contract.version, reason: '客户要求 / customer asked', cancellationFeeFen: 1000 }, agent);
    expect(done.status).toBe(200);
    // 30 of 365 days used: 36500 × 335 / 365 = 33500, less the ¥10 fee.
    expect(done.body).toMatchObject({ status: 'cancelled', cancelledOn: '2026-07-02', refundOwedFen: 32500, refund: { rule: 'contracts.refund.proRata', refundFen: 32500 } });
    expect(done.body.history.map((h: { action: string }) => h.action)).toEqual(['sold', 'cancelled']);
    expect((await t.post(`/contracts/${contract.id}/cancel`, { version: done.body.version, reason: 'again' }, agent)).status).toBe(409);
    const remedy = await t.post(`/units/${unitId}/sanbao`, { faultCode: 'C01', kind: 'other' });
    expect(remedy.body.rule).toBe('sanbao.outOfWarranty');
  });

  it('orders maintenance visits ahead of time and reminds of renewal, exactly once with copies racing', async () => {
    clock.set(new Date('2026-07-02T01:00:00Z'));
    const m = await unit('CT-MNT', '2026-01-05');
    const sold = await t.post(`/units/${m}/contracts`, { kind: 'maintenance', termMonths: 6, price: { amountFen: 20000, currency: 'CNY' }, coversParts: false, visitsIncluded: 2, visitEveryMonths: 3 }, agent);
    expect(sold.status).toBe(201);
    expect(sold.body.visits.map((v: { dueOn: string }) => v.dueOn)).toEqual(['2026-10-02', '2027-01-01']);
    clock.set(new Date('2026-09-20T01:00:00Z'));
    const runs = await Promise.all([t.services.contracts.daily(), t.services.contracts.daily(), t.services.contracts.daily()]);
    expect(runs.reduce((n, r) => n + r.ordered, 0)).toBe(1);
    const list = (await t.get(`/units/${m}/contracts`, agent)).body.items[0];
    expect(list.visits[0]).toMatchObject({ dueOn: '2026-10-02', status: 'ordered', orderId: expect.any(String) });
    const order = (await t.get(`/work-orders/${list.visits[0].orderId}`)).body;
    expect(order).toMatchObject({ kind: 'maintenance', unitId: m });
    // The term ends 2027-01-01: a reminder from 30 days before, once.
    clock.set(new Date('2026-12-10T01:00:00Z'));
    const again = await Promise.all([t.services.contracts.daily(), t.services.contracts.daily()]);
    expect(again.reduce((n, r) => n + r.reminded, 0)).toBe(1);
    expect((await t.services.contracts.daily()).reminded).toBe(0);
    const after = (await t.get(`/units/${m}/contracts`, agent)).body.items[0];
    expect(after.history.filter((h: { action: string }) => h.action === 'renewal_reminded')).toHaveLength(1);
  });

  it('a tier\'s fee discount (a loyalty entitlement) takes its share off what the customer pays', async () => {
    const manager = (await tokenFor(t.services, 'manager', 'contracts-boss')).headers;
    expect((await t.call('PUT', '/loyalty/tier-rules/ordinary', { invitationOnly: false, feeDiscountPercent: 10 }, manager)).status).toBe(200);
    unitId = await unit('CT-DISC');
    const o = await repair('2026-12-15', true);
    const f = (await t.get(`/work-orders/${o.id}/fees`)).body as { lines: { code: string; amountFen: number; payer: string; rule: string }[]; totals: { byPayer: { payer: string; amountFen: number }[] } };
    const charged = f.lines.filter((l) => l.rule === 'sanbao.outOfWarranty');
    const off = f.lines.filter((l) => l.code === 'tier_discount');
    expect(off.map((l) => l.amountFen)).toEqual(charged.map((l) => -Math.floor(l.amountFen / 10)));
    expect(off.every((l) => l.payer === 'customer' && l.rule === 'fees.tierDiscount')).toBe(true);
    const sum = (ls: { amountFen: number }[]) => ls.reduce((n, l) => n + l.amountFen, 0);
    expect(f.totals.byPayer).toEqual([{ payer: 'customer', amountFen: sum(charged) + sum(off) }]);
  });

  it("a tier's free visits per year (a loyalty entitlement): the Nth visit of the year is free, the next is paid", async () => {
    const manager = (await tokenFor(t.services, 'manager', 'contracts-free')).headers;
    const setRule = async (body: Record<string, unknown>) => {
      const cur = (await t.get('/loyalty/tier-rules', manager)).body.items.find((r: { tier: string }) => r.tier === 'ordinary');
      expect((await t.call('PUT', '/loyalty/tier-rules/ordinary', { invitationOnly: false, ...body, ...(cur ? { version: cur.version } : {}) }, manager)).status).toBe(200);
    };
    await setRule({ feeDiscountPercent: 0, freeVisitsPerYear: 1 });
    unitId = await unit('CT-FREE');
    const lines = async (orderId: string) => ((await t.get(`/work-orders/${orderId}/fees`)).body as { lines: { code: string; kind: string; amountFen: number; payer: string; rule: string }[] }).lines;
    const first = await lines((await repair('2026-12-20', true)).id);
    const paid = first.filter((l) => l.rule === 'sanbao.outOfWarranty' && ['call_out', 'labour', 'remote'].includes(l.kind) && l.amountFen > 0);
    const free = first.filter((l) => l.code === 'tier_free_visit');
    expect(paid.length).toBeGreaterThan(0);
    expect(free.map((l) => l.amountFen)).toEqual(paid.map((l) => -l.amountFen));
    expect(free.every((l) => l.payer === 'customer' && l.rule === 'fees.tierFreeVisit')).toBe(true);
    const second = await lines((await repair('2026-12-22', true)).id);
    expect(second.filter((l) => l.code === 'tier_free_visit')).toEqual([]);
    expect(second.some((l) => l.payer === 'customer' && l.amountFen > 0)).toBe(true);
    await setRule({ feeDiscountPercent: 0, freeVisitsPerYear: 0 });
  });

  it("reminds of renewal only with the customer's marketing consent (through care), in the customer's zone; visits in that zone too", async () => {
    clock.set(new Date('2027-01-05T01:00:00Z'));
    // No marketing consent yet: the reminder is recorded, no SMS.
    const a = await unit('CT-RNW-A', '2026-12-01');
    expect((await t.post(`/units/${a}/contracts`, { kind: 'extended_warranty', termMonths: 2, price: { amountFen: 9900, currency: 'CNY' }, coversParts: true, visitsIncluded: 0, visitEveryMonths: 0 }, agent)).status).toBe(201);
    clock.set(new Date('2027-02-20T01:00:00Z'));
    await t.services.contracts.daily();
    const hist = (await t.get(`/units/${a}/contracts`, agent)).body.items[0].history.find((h: { action: string }) => h.action === 'renewal_reminded');
    expect(hist.data).toMatchObject({ sms: false, message: 'skipped_consent' });
    // With consent and a zone of their own (Los Angeles): the SMS carries the opt-out; the visit's window is LA office hours.
    expect((await t.call('PUT', `/customers/${w.customer.id}/consents`, { changes: [{ channel: 'sms', purpose: 'marketing', granted: true }], source: 'console', evidence: '电话同意 / agreed on the phone' })).status).toBe(200);
    const profile = (await t.get(`/customers/${w.customer.id}/consents`)).body.profile;
    expect((await t.call('PUT', `/customers/${w.customer.id}/care-profile`, { version: profile.version, birthdayCalendar: 'solar', timeZone: 'America/Los_Angeles' })).status).toBe(200);
    const b = await unit('CT-RNW-B', '2027-01-10');
    const sold = await t.post(`/units/${b}/contracts`, { kind: 'maintenance', termMonths: 2, price: { amountFen: 9900, currency: 'CNY' }, coversParts: false, visitsIncluded: 1, visitEveryMonths: 1 }, agent);
    expect(sold.status).toBe(201);
    // 2027-02-20T01:00Z is still the 19th in Los Angeles: the cover starts on the customer's day.
    expect(sold.body.startsOn).toBe('2027-02-19');
    // The visit is due 2027-03-19 (ordered within the lead days); the cover ends 2027-04-18 (reminder from 30 days before).
    clock.set(new Date('2027-03-25T01:00:00Z'));
    await t.services.contracts.daily();
    const c = (await t.get(`/units/${b}/contracts`, agent)).body.items[0];
    const order = (await t.get(`/work-orders/${c.visits[0].orderId}`)).body;
    expect(order.wishedFrom).toBe(new Date(`${c.visits[0].dueOn}T16:00:00Z`).toISOString());
    const sms = (await t.get(`/outbox?customerId=${w.customer.id}&reveal=true&limit=200`)).body.items.filter((m: { template: string }) => m.template === 'contract_renewal');
    expect(sms).toHaveLength(1);
    expect(sms[0].bodyZh ?? sms[0].text ?? JSON.stringify(sms[0])).toContain('TD');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, manualClock, seedWorld, testApp, tokenFor, uniquePhone, type TestApp } from '../../../test/harness.js';
import { topValueCustomers } from './loyalty.repo.js';

// Loyalty through the API: tier rules as data, the nightly recompute (once a night, however many
// copies fire it) with a history row per change and an upgrade notice, an invitation-only tier by
// hand with its dedicated line, the customer-value score and top flag, referrals (attribution
// refused for oneself and existing customers; rewards capped per household even when friends
// qualify at once; a reward reversed on a return), and sales leads with status.
const clock = manualClock(new Date('2026-06-01T01:00:00Z'));
let t: TestApp;
let w: Awaited<ReturnType<typeof seedWorld>>;
let manager: Record<string, string>;
let agent: Record<string, string>;
let tech: Record<string, string>;
const ids: Record<string, string> = {};
let serials = 0;

async function customer(name: string, street: string, consentToContact = false) {
  const c = await t.post('/customers', { name, phones: [{ phone: uniquePhone() }], addresses: [{ province: '广东省', city: '广州市', district: '天河区', street, isDefault: true }], consentToContact });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  return c.body.id as string;
}
async function unit(ownerId: string, priceFen: number, purchaseDate = '2026-05-01') {
  const u = await t.post('/units', { modelId: w.model.id, ownerId, serials: [{ role: 'main', serial: `LY-${Date.now()}-${++serials}` }], purchaseDate, channel: 'store', invoiceNumber: 'INV-LY', priceFen });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  return u.body.id as string;
}
const rule = (tier: string, body: Record<string, unknown>) => t.call('PUT', `/loyalty/tier-rules/${tier}`, body, manager);

beforeAll(async () => {
  t = await testApp({ clock });
  w = await seedWorld(t);
  manager = (await tokenFor(t.services, 'manager', 'loyalty-boss')).headers;
  agent = (await tokenFor(t.services, 'agent', 'loyalty-desk')).headers;
  tech = (await tokenFor(t.services, 'technician', 'loyalty-tech', { providerId: w.provider.id, technicianId: w.technicians[0].id })).headers;
  ids.silver = await customer('银卡客户', '体育东路 1 号');
  ids.gold = await customer('金卡客户', '体育东路 2 号', true);
  ids.plain = await customer('普通客户', '体育东路 3 号');
  await unit(ids.silver, 600_000);
  await unit(ids.gold, 1_500_000);
  await unit(ids.gold, 1_500_000, '2026-05-20');
});
afterAll(() => t.close());

describe(`loyalty on ${engine}`, () => {
  it('keeps tier rules and entitlements as data, naming bad fields', async () => {
    expect((await rule('ordinary', { invitationOnly: false })).status).toBe(200);
    expect((await rule('silver', { invitationOnly: false, minSpendFen: 500_000, minUnits: 1, feeDiscountPercent: 5 })).status).toBe(200);
    const gold = await rule('gold', { invitationOnly: false, minSpendFen: 2_000_000, minUnits: 2, plannerBonus: 20, freeVisitsPerYear: 2 });
    expect(gold.body).toMatchObject({ tier: 'gold', version: 1, updatedBy: expect.stringContaining('loyalty-boss') });
    expect((await rule('platinum', { invitationOnly: true, dedicatedLine: '400-800-8888', feeDiscountPercent: 20 })).status).toBe(200);
    expect((await rule('gold', { invitationOnly: false, minSpendFen: 1 })).status).toBe(409);
    const changed = await rule('gold', { version: 1, invitationOnly: false, minSpendFen: 2_000_000, minUnits: 2, plannerBonus: 20, freeVisitsPerYear: 2 });
    expect(changed.body.version).toBe(2);
    expect((await rule('gold', { version: 1, invitationOnly: false, minSpendFen: 1 })).status).toBe(409);
    const unknown = await rule('diamond', { invitationOnly: false });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('tier');
    const pct = await rule('silver', { version: 1, invitationOnly: false, feeDiscountPercent: 101 });
    expect(pct.body.error.details[0].path).toBe('feeDiscountPercent');
    expect((await rule('silver', { version: 1, invitationOnly: false })).status).toBe(200);
    expect((await rule('silver', { version: 2, invitationOnly: false, minSpendFen: 500_000, minUnits: 1, feeDiscountPercent: 5 })).status).toBe(200);
    expect((await t.call('PUT', '/loyalty/tier-rules/silver', { version: 3, invitationOnly: false }, agent)).status).toBe(403);
    const list = await t.get('/loyalty/tier-rules', agent);
    expect(list.body.items.map((r: { tier: string }) => r.tier)).toEqual(['ordinary', 'silver', 'gold', 'platinum']);
  });

  it('recomputes tiers once a night with a history row and an upgrade notice; scores value', async () => {
    clock.set(new Date('2026-06-02T18:30:00Z'));
    const runs = await Promise.all([t.services.loyalty.recompute(), t.services.loyalty.recompute(), t.post('/loyalty/recompute', { runDay: '2026-06-02' }, manager).then((r) => r.body)]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    const silver = (await t.get(`/customers/${ids.silver}/loyalty`, agent)).body;
    expect(silver).toMatchObject({ tier: 'silver', entitlements: { feeDiscountPercent: 5, dedicatedLine: null }, history: [{ fromTier: 'ordinary', toTier: 'silver', rule: 'loyalty.upgrade', by: 'system:loyalty', runDay: '2026-06-02' }] });
    expect(silver.history[0].reason.zh).toContain('¥6000.00');
    const gold = (await t.get(`/customers/${ids.gold}/loyalty`, agent)).body;
    expect(gold).toMatchObject({ tier: 'gold', entitlements: { plannerBonus: 20, freeVisitsPerYear: 2 }, value: { top: true, purchases: 2, monetaryFen: 3_000_000 } });
    expect(gold.value.score).toBe(gold.value.recency + gold.value.frequency + gold.value.monetary);
    expect((await t.get(`/customers/${ids.plain}/loyalty`, agent)).body).toMatchObject({ tier: 'ordinary', history: [], value: { top: false, purchases: 0 } });
    expect((await t.get(`/customers/${ids.gold}`, agent)).body.tier).toBe('gold');
    const sms = (await t.get('/outbox?limit=200&reveal=true')).body.items.filter((m: { template: string }) => m.template === 'loyalty_upgrade');
    expect(sms.filter((m: { customerId: string }) => m.customerId === ids.gold)).toHaveLength(1);
    // The upgrade notice goes through care: silver never agreed to be contacted, so no SMS.
    expect(sms.filter((m: { customerId: string }) => m.customerId === ids.silver)).toHaveLength(0);
    // A second night with nothing new changes nothing.
    clock.set(new Date('2026-06-03T18:30:00Z'));
    expect(await t.services.loyalty.recompute()).toMatchObject({ ran: true, changed: 0 });
    const top = await topValueCustomers(t.database.db, 10);
    expect(top.map((v) => v.customerId)).toContain(ids.gold);
  });

  it('gives an invitation-only tier by hand, with its dedicated line; the customer sees it without staff names', async () => {
    const notInvitation = await t.post(`/customers/${ids.plain}/tier-invitation`, { tier: 'gold', reason: '大客户' }, manager);
    expect(notInvitation.status).toBe(400);
    expect(notInvitation.body.error.details[0].path).toBe('tier');
    expect((await t.post(`/customers/${ids.plain}/tier-invitation`, { tier: 'platinum', reason: '大客户' }, agent)).status).toBe(403);
    const invited = await t.post(`/customers/${ids.plain}/tier-invitation`, { tier: 'platinum', reason: '集团采购负责人 / group buyer' }, manager);
    expect(invited.body).toMatchObject({ tier: 'platinum', invitedTo: 'platinum', entitlements: { dedicatedLine: '400-800-8888', feeDiscountPercent: 20 }, history: [{ toTier: 'platinum', rule: 'loyalty.invited', by: expect.stringContaining('loyalty-boss') }] });
    // The night keeps it whatever the facts.
    clock.set(new Date('2026-06-04T18:30:00Z'));
    await t.services.loyalty.recompute();
    expect((await t.get(`/customers/${ids.plain}/loyalty`, agent)).body.tier).toBe('platinum');
    expect((await t.post('/customers/00000000-0000-4000-8000-000000000000/tier-invitation', { tier: 'platinum', reason: 'x' }, manager)).status).toBe(404);
  });

  it('attributes referrals, refusing oneself and existing customers; caps rewards per household under a race; reverses on a return', async () => {
    const withCode = await t.post(`/customers/${ids.silver}/referral-code`, undefined, agent);
    const code = withCode.body.referralCode as string;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(withCode.body.referralLink).toContain(`ref=${code}`);
    expect((await t.post(`/customers/${ids.silver}/referral-code`, undefined, agent)).body.referralCode).toBe(code);

    const self = await t.post('/referrals', { code, friendId: ids.silver }, agent);
    expect(self.status).toBe(409);
    expect(self.body.error.details.rule).toBe('referral.self');
    const existing = await t.post('/referrals', { code, friendId: ids.gold }, agent);
    expect(existing.body.error.details.rule).toBe('referral.existingCustomer');
    const bad = await t.post('/referrals', { code: 'NOPE0000', friendId: ids.gold }, agent);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('code');

    const friends = await Promise.all([1, 2, 3, 4, 5].map((i) => customer(`朋友${i}`, `天河北路 ${i} 号`)));
    const refs = [];
    for (const f of friends) {
      const r = await t.post('/referrals', { code: code.toLowerCase(), friendId: f }, agent);
      expect(r.status).toBe(201);
      refs.push(r.body);
    }
    expect((await t.post('/referrals', { code, friendId: friends[0] }, agent)).body.error.details.rule).toBe('referral.alreadyReferred');

    const first = await t.post(`/referrals/${refs[0].id}/qualify`, { version: 1, purchaseRef: 'INV-F1', purchaseFen: 300_000 }, manager);
    expect(first.body).toMatchObject({ status: 'rewarded', rewardFen: 5000, rule: 'referral.reward' });
    const reversed = await t.post(`/referrals/${refs[0].id}/reverse`, { version: first.body.version, reason: '退货 / returned' }, manager);
    expect(reversed.body).toMatchObject({ status: 'reversed', rule: 'referral.reversed' });
    expect((await t.post(`/referrals/${refs[0].id}/reverse`, { version: reversed.body.version, reason: 'again' }, manager)).status).toBe(409);

    // Four friends qualify at once: the household's cap (3 a year) lets exactly three rewards in.
    const raced = await Promise.all(refs.slice(1).map((r) => t.post(`/referrals/${r.id}/qualify`, { version: 1, purchaseRef: `INV-${r.id}`, purchaseFen: 300_000 }, manager)));
    expect(raced.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const rules = raced.map((r) => r.body.rule).sort();
    expect(rules).toEqual(['referral.householdCap', 'referral.reward', 'referral.reward', 'referral.reward']);
    const list = await t.get(`/referrals?referrerId=${ids.silver}`, manager);
    expect(list.body.total).toBe(5);
    expect((await t.get('/referrals', agent)).status).toBe(403);
  });

  it('keeps sales leads from service with status and history', async () => {
    const u = await unit(ids.plain, 100_000, '2018-01-01');
    const lead = await t.post('/sales-leads', { customerId: ids.plain, unitId: u, source: 'out_of_warranty', note: '旧机换新意向 / replacement offer' }, agent);
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ status: 'new', source: 'out_of_warranty', history: [{ toStatus: 'new' }] });
    const notTheirs = await t.post('/sales-leads', { customerId: ids.gold, unitId: u, source: 'trade_in' }, agent);
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.error.details[0].path).toBe('unitId');
    const moved = await t.post(`/sales-leads/${lead.body.id}/status`, { version: 1, status: 'contacted', note: '已致电' }, agent);
    expect(moved.body).toMatchObject({ status: 'contacted', version: 2 });
    expect(moved.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['new', 'contacted']);
    expect((await t.post(`/sales-leads/${lead.body.id}/status`, { version: 1, status: 'won' }, agent)).status).toBe(409);
    const open = await t.get('/sales-leads?status=contacted', agent);
    expect(open.body.items.map((l: { id: string }) => l.id)).toContain(lead.body.id);
    expect((await t.get('/sales-leads', tech)).status).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { attributionRefusal, decideTier, earnedTier, householdKey, referralCode, rewardDecision, valueScores, type CustomerFacts, type TierRule } from './loyalty.rules.js';

const rule = (tier: string, rank: number, over: Partial<TierRule> = {}): TierRule => ({ tier, rank, invitationOnly: false, minSpendFen: 0, minUnits: 0, minTenureMonths: 0, minReferrals: 0, ...over });
const rules = [rule('regular', 1), rule('silver', 2, { minSpendFen: 500000, minUnits: 2 }), rule('gold', 3, { minSpendFen: 2000000, minUnits: 3, minTenureMonths: 12 }), rule('vip', 4, { invitationOnly: true })];
const facts = (spendFen: number, units: number, tenureMonths = 24, referrals = 0): CustomerFacts => ({ spendFen, units, tenureMonths, referrals });

describe('tiers by rules as data', () => {
  it.each<[string, CustomerFacts, string]>([
    ['nothing: the floor', facts(0, 0), 'regular'],
    ['spend without units: not silver', facts(900000, 1), 'regular'],
    ['silver', facts(500000, 2), 'silver'],
    ['gold needs tenure too', facts(3000000, 5, 6), 'silver'],
    ['gold', facts(3000000, 5, 12), 'gold'],
    ['an invitation-only tier is never earned', facts(99_999_999, 99, 999, 99), 'gold'],
  ])('%s', (_n, f, tier) => expect(earnedTier(rules, f).tier).toBe(tier));

  it.each<[string, string, string | null, CustomerFacts, number, string, string, boolean]>([
    ['up at once to the highest earned', 'regular', null, facts(3000000, 5), 999, 'gold', 'loyalty.upgrade', true],
    ['kept when the same', 'silver', null, facts(600000, 2), 0, 'silver', 'loyalty.kept', false],
    ['kept in grace', 'gold', null, facts(0, 0), 30, 'gold', 'loyalty.grace', false],
    ['down one rank after grace', 'gold', null, facts(0, 0), 400, 'silver', 'loyalty.downgrade', true],
    ['down to what is earned when that is between', 'gold', null, facts(600000, 2), 400, 'silver', 'loyalty.downgrade', true],
    ['invited: kept whatever the facts', 'regular', 'vip', facts(0, 0), 0, 'vip', 'loyalty.invited', true],
    ['an invitation-only tier without its invitation: down one', 'vip', null, facts(3000000, 5), 400, 'gold', 'loyalty.downgrade', true],
    ['an unknown current tier: the earned one', 'platinum', null, facts(0, 0), 0, 'regular', 'loyalty.upgrade', true],
  ])('%s', (_n, current, invitedTo, f, days, tier, ruleCode, changed) => {
    const d = decideTier({ rules, current, invitedTo, facts: f, daysSinceLastChange: days, graceDays: 90 });
    expect(d).toMatchObject({ tier, rule: ruleCode, changed });
    expect(d.reason.zh).toBeTruthy();
    expect(d.reason.en).toBeTruthy();
  });
  it('refuses rules with nothing earnable', () => expect(() => earnedTier([rule('vip', 1, { invitationOnly: true })], facts(0, 0))).toThrow(RangeError));
});

describe('customer value (RFM)', () => {
  const today = '2026-06-01';
  it('scores recency, frequency and monetary by quintile and flags the top 10 %', () => {
    const facts = Array.from({ length: 20 }, (_, i) => ({ customerId: `c${String(i).padStart(2, '0')}`, lastPurchaseOn: i === 19 ? null : `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`, purchases: i === 19 ? 0 : 1 + (i % 5), monetaryFen: i === 19 ? 0 : (i + 1) * 10000 }));
    const s = valueScores(facts, today);
    const top = s.filter((x) => x.top).map((x) => x.customerId);
    expect(top).toHaveLength(2);
    // c18 (13 days, 4 buys, ¥1900) scores 5+4+5; c17 and c14 both 13 — c17's ¥1800 beats c14's ¥1500.
    expect(top).toEqual(['c17', 'c18']);
    expect(s.find((x) => x.customerId === 'c18')).toMatchObject({ recency: 5, frequency: 4, monetary: 5, score: 14 });
    expect(s.find((x) => x.customerId === 'c14')!.score).toBe(s.find((x) => x.customerId === 'c17')!.score);
    const none = s.find((x) => x.customerId === 'c19')!;
    expect(none).toMatchObject({ recency: 1, frequency: 1, monetary: 1, score: 3, top: false, recencyDays: null });
    for (const x of s) expect(x.score).toBe(x.recency + x.frequency + x.monetary);
  });
  it('no buyers: no one is top; one customer: top when they bought', () => {
    expect(valueScores([{ customerId: 'a', lastPurchaseOn: null, purchases: 0, monetaryFen: 0 }], today)[0].top).toBe(false);
    expect(valueScores([{ customerId: 'a', lastPurchaseOn: '2026-01-01', purchases: 1, monetaryFen: 1 }], today)[0]).toMatchObject({ top: true, recencyDays: 151 });
    expect(valueScores([], today)).toEqual([]);
  });
});

describe('referrals', () => {
  const base = { referrerId: 'r', friendId: 'f', referrerPhones: ['13800000001'], friendPhones: ['13900000002'], friendRegisteredAt: new Date('2026-06-01T01:00:00Z'), codeUsedAt: new Date('2026-06-01T02:00:00Z'), friendHadBusinessBefore: false, friendAlreadyReferred: false, referrerHousehold: 'gd|gz|th|a', friendHousehold: 'gd|gz|th|b' };
  it.each<[string, Partial<typeof base>, string | null]>([
    ['a new friend', {}, null],
    ['oneself', { friendId: 'r' }, 'referral.self'],
    ['oneself under another account (same phone)', { friendPhones: ['13800000001'] }, 'referral.self'],
    ['a customer registered long before', { friendRegisteredAt: new Date('2026-01-01T00:00:00Z') }, 'referral.existingCustomer'],
    ['a customer in deed already', { friendHadBusinessBefore: true }, 'referral.existingCustomer'],
    ['already attributed to someone', { friendAlreadyReferred: true }, 'referral.alreadyReferred'],
    ['the same household', { friendHousehold: 'gd|gz|th|a' }, 'referral.sameHousehold'],
  ])('%s', (_n, over, refusal) => expect(attributionRefusal({ ...base, ...over })).toBe(refusal));

  it.each<[string, number, number, string, number]>([
    ['qualifies', 300000, 0, 'referral.reward', 5000],
    ['below the qualifying amount', 99999, 0, 'referral.notQualified', 0],
    ['household at its cap', 300000, 3, 'referral.householdCap', 0],
    ['one below the cap', 300000, 2, 'referral.reward', 5000],
  ])('%s', (_n, purchaseFen, had, ruleCode, amountFen) => expect(rewardDecision({ purchaseFen, qualifyingFen: 100000, rewardFen: 5000, householdRewardsThisYear: had, householdCap: 3 })).toMatchObject({ rule: ruleCode, amountFen }));

  it('households and codes', () => {
    expect(householdKey({ province: '广东省', city: '广州市', district: '天河区', street: ' 体育西路 1 号 ' })).toBe('广东省|广州市|天河区|体育西路1号');
    expect(householdKey(null)).toBeNull();
    expect(referralCode(new Uint8Array([0, 1, 2, 31, 32, 33, 200, 255]))).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });
});

/**
 * Loyalty as pure rules: which tier a customer's facts earn, the customer-value (RFM) score and
 * the top-10 % flag, and the referral rules. No I/O, no clock: the caller passes "today".
 *
 * Tiers. Each tier's rule is data (`TierRule`): the thresholds of spend (fen), units owned, tenure
 * (months since registration) and referrals rewarded — all must hold — or `invitationOnly` (given
 * by hand, never earned). The tier a customer earns is the highest-ranked earnable tier whose
 * thresholds hold (the lowest-ranked tier needs nothing and is the floor). Policy:
 *
 * | case                                | result                                                                  |
 * |-------------------------------------|-------------------------------------------------------------------------|
 * | invited to a tier (by hand)          | kept whatever the facts (rule `loyalty.invited`)                          |
 * | earns a higher tier                  | up at once to the highest earned (`loyalty.upgrade`)                      |
 * | earns the same                       | stays (`loyalty.kept`)                                                    |
 * | earns a lower tier, in grace         | stays while `graceDays` since the last change have not passed (`loyalty.grace`) |
 * | earns a lower tier, grace over       | down one rank per night, never below what is earned (`loyalty.downgrade`)  |
 * | current tier has no rule             | treated as rank of its tier; same rows                                   |
 *
 * Value (RFM). Recency = days since the last purchase or paid service, frequency = their count,
 * monetary = their sum in fen. Each is scored 1–5 by quintile among the customers scored (recency:
 * fewer days is better); the value score is R + F + M (3–15), ties broken by monetary then id. The
 * top 10 % (rounded up, at least one when anyone bought anything) are flagged "top".
 */

export type Bilingual = { zh: string; en: string };

export type TierRule = {
  tier: string;
  rank: number;
  invitationOnly: boolean;
  minSpendFen: number;
  minUnits: number;
  minTenureMonths: number;
  minReferrals: number;
};

export type CustomerFacts = { spendFen: number; units: number; tenureMonths: number; referrals: number };

export type TierDecision = { tier: string; changed: boolean; direction: 'up' | 'down' | null; rule: 'loyalty.invited' | 'loyalty.upgrade' | 'loyalty.kept' | 'loyalty.grace' | 'loyalty.downgrade'; reason: Bilingual };

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function meets(r: TierRule, f: CustomerFacts) {
  return f.spendFen >= r.minSpendFen && f.units >= r.minUnits && f.tenureMonths >= r.minTenureMonths && f.referrals >= r.minReferrals;
}

function factsText(f: CustomerFacts): Bilingual {
  return {
    zh: `消费 ${yuan(f.spendFen)}、设备 ${f.units} 台、入会 ${f.tenureMonths} 个月、推荐 ${f.referrals} 人`,
    en: `spend ${yuan(f.spendFen)}, ${f.units} units, ${f.tenureMonths} months a customer, ${f.referrals} referrals`,
  };
}

/** The tier the facts earn (the floor when none): the highest-ranked earnable rule that holds. */
export function earnedTier(rules: readonly TierRule[], f: CustomerFacts): TierRule {
  const earnable = rules.filter((r) => !r.invitationOnly).sort((a, b) => a.rank - b.rank);
  if (!earnable.length) throw new RangeError('rules: at least one tier must be earnable');
  let best = earnable[0];
  for (const r of earnable) if (meets(r, f)) best = r;
  return best;
}

export function decideTier(input: { rules: readonly TierRule[]; current: string; invitedTo: string | null; facts: CustomerFacts; daysSinceLastChange: number; graceDays: number }): TierDecision {
  const { rules, current, facts } = input;
  const ft = factsText(facts);
  if (input.invitedTo) {
    return { tier: input.invitedTo, changed: input.invitedTo !== current, direction: null, rule: 'loyalty.invited', reason: { zh: `受邀等级，保持（${ft.zh}）`, en: `Invited tier, kept (${ft.en})` } };
  }
  const earned = earnedTier(rules, facts);
  const byTier = new Map(rules.map((r) => [r.tier, r]));
  const cur = byTier.get(current);
  const curRank = cur?.rank ?? -Infinity;
  if (earned.rank > curRank) {
    return { tier: earned.tier, changed: true, direction: 'up', rule: 'loyalty.upgrade', reason: { zh: `升级至 ${earned.tier}：${ft.zh}，达到该等级条件`, en: `Upgraded to ${earned.tier}: ${ft.en} meets its rule` } };
  }
  if (earned.rank === curRank || (cur?.invitationOnly && earned.rank >= curRank)) {
    return { tier: current, changed: false, direction: null, rule: 'loyalty.kept', reason: { zh: `保持 ${current}（${ft.zh}）`, en: `Stays ${current} (${ft.en})` } };
  }
  if (input.daysSinceLastChange < input.graceDays) {
    return { tier: current, changed: false, direction: null, rule: 'loyalty.grace', reason: { zh: `条件已低于 ${current}，保级期内（${input.daysSinceLastChange}/${input.graceDays} 天）暂不降级`, en: `Below ${current}'s rule, kept in grace (${input.daysSinceLastChange} of ${input.graceDays} days)` } };
  }
  // One rank down a night, never below what is earned.
  const below = rules.filter((r) => !r.invitationOnly && r.rank < curRank).sort((a, b) => b.rank - a.rank)[0] ?? earned;
  const next = below.rank < earned.rank ? earned : below;
  return { tier: next.tier, changed: next.tier !== current, direction: 'down', rule: 'loyalty.downgrade', reason: { zh: `降级至 ${next.tier}：${ft.zh}，不再满足 ${current} 的条件`, en: `Down to ${next.tier}: ${ft.en} no longer meets ${current}'s rule` } };
}

// ---------------------------------------------------------------------------------------
// Customer value (RFM)

export type PurchaseFacts = { customerId: string; lastPurchaseOn: string | null; purchases: number; monetaryFen: number };
export type ValueScore = { customerId: string; recency: number; frequency: number; monetary: number; score: number; top: boolean; recencyDays: number | null; purchases: number; monetaryFen: number };

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** Quintile score 1–5 of each value among all (higher value → higher score; equal values equal scores). */
function quintiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return values.map((v) => {
    // Share of customers strictly below this value: ties share the lower score.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(5, 1 + Math.floor((lo * 5) / n));
  });
}

export function valueScores(facts: readonly PurchaseFacts[], today: string, topShare = 0.1): ValueScore[] {
  if (!facts.length) return [];
  // No purchase at all: recency as long ago as can be, scored with the rest.
  const recencyDays = facts.map((f) => (f.lastPurchaseOn ? Math.max(0, daysBetween(f.lastPurchaseOn, today)) : null));
  const worst = Math.max(0, ...recencyDays.map((d) => d ?? 0)) + 1;
  const r = quintiles(recencyDays.map((d) => -(d ?? worst)));
  const f = quintiles(facts.map((x) => x.purchases));
  const m = quintiles(facts.map((x) => x.monetaryFen));
  const scored = facts.map((x, i) => ({ customerId: x.customerId, recency: r[i], frequency: f[i], monetary: m[i], score: r[i] + f[i] + m[i], top: false, recencyDays: recencyDays[i], purchases: x.purchases, monetaryFen: x.monetaryFen }));
  const buyers = scored.filter((s) => s.purchases > 0);
  const topCount = buyers.length ? Math.ceil(scored.length * topShare) : 0;
  [...buyers].sort((a, b) => b.score - a.score || b.monetaryFen - a.monetaryFen || (a.customerId < b.customerId ? -1 : 1)).slice(0, topCount).forEach((s) => (s.top = true));
  return scored;
}

// ---------------------------------------------------------------------------------------
// Referrals

export type ReferralRefusal = 'referral.self' | 'referral.existingCustomer' | 'referral.alreadyReferred' | 'referral.sameHousehold';

/**
 * May this friend be attributed to this referrer? Refused: the referrer themselves (same customer
 * or a shared phone), a friend who was a customer before the code was used (registered earlier,
 * or owning units or orders already), a friend already attributed, or one living at the referrer's address.
 */
export function attributionRefusal(r: { referrerId: string; friendId: string; referrerPhones: readonly string[]; friendPhones: readonly string[]; friendRegisteredAt: Date; codeUsedAt: Date; friendHadBusinessBefore: boolean; friendAlreadyReferred: boolean; referrerHousehold: string | null; friendHousehold: string | null }): ReferralRefusal | null {
  if (r.referrerId === r.friendId || r.friendPhones.some((p) => r.referrerPhones.includes(p))) return 'referral.self';
  if (r.friendAlreadyReferred) return 'referral.alreadyReferred';
  // Registered more than a day before the code was used, or already a customer in deed.
  if (r.friendHadBusinessBefore || r.codeUsedAt.getTime() - r.friendRegisteredAt.getTime() > DAY_MS) return 'referral.existingCustomer';
  if (r.referrerHousehold && r.referrerHousehold === r.friendHousehold) return 'referral.sameHousehold';
  return null;
}

export type RewardDecision = { reward: boolean; rule: 'referral.reward' | 'referral.notQualified' | 'referral.householdCap'; amountFen: number; reason: Bilingual };

/** When the friend's qualifying purchase is recorded: a reward, unless below the qualifying amount or the household has had its cap this year. */
export function rewardDecision(r: { purchaseFen: number; qualifyingFen: number; rewardFen: number; householdRewardsThisYear: number; householdCap: number }): RewardDecision {
  if (r.purchaseFen < r.qualifyingFen) return { reward: false, rule: 'referral.notQualified', amountFen: 0, reason: { zh: `购买金额 ${yuan(r.purchaseFen)} 未达 ${yuan(r.qualifyingFen)}`, en: `Purchase ${yuan(r.purchaseFen)} is below the qualifying ${yuan(r.qualifyingFen)}` } };
  if (r.householdRewardsThisYear >= r.householdCap) return { reward: false, rule: 'referral.householdCap', amountFen: 0, reason: { zh: `该户今年已获 ${r.householdRewardsThisYear} 次推荐奖励（上限 ${r.householdCap}）`, en: `The household has had ${r.householdRewardsThisYear} referral rewards this year (cap ${r.householdCap})` } };
  return { reward: true, rule: 'referral.reward', amountFen: r.rewardFen, reason: { zh: `好友购买 ${yuan(r.purchaseFen)}，推荐奖励 ${yuan(r.rewardFen)}`, en: `The friend bought for ${yuan(r.purchaseFen)}: a ${yuan(r.rewardFen)} referral reward` } };
}

/** A household: the referrer's default address, normalised (spaces and case out), or null when unknown. */
export function householdKey(a: { province: string; city: string; district: string; street: string } | null): string | null {
  if (!a) return null;
  return [a.province, a.city, a.district, a.street].map((s) => s.replace(/\s+/g, '').toLowerCase()).join('|');
}

/** A referral code: 8 characters from an alphabet without 0/O/1/I, from the caller's random bytes. */
export function referralCode(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(bytes.slice(0, 8), (b) => alphabet[b % alphabet.length]).join('');
}

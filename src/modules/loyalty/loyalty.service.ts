import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import { sendCareNotice } from '../care/index.js';
import { customersAfter, listTiers, phonesAndAddresses, setCustomerTier, type CustomersService } from '../customers/index.js';
import { ownerPurchaseFacts, type UnitsService } from '../units/index.js';
import { contractSpendByCustomer } from '../contracts/index.js';
import * as repo from './loyalty.repo.js';
import { attributionRefusal, decideTier, householdKey, referralCode, rewardDecision, valueScores, type TierRule } from './loyalty.rules.js';
import type { attributeRequest, CustomerLoyaltyView, inviteRequest, leadListQuery, leadRequest, leadStatusRequest, qualifyRequest, referralListQuery, reverseRequest, tierRuleRequest } from './loyalty.contract.js';
import { loyaltyErrors } from './loyalty.errors.js';

export type LoyaltyDeps = {
  db: Db;
  clock: Clock;
  customers: Pick<CustomersService, 'get'>;
  units: Pick<UnitsService, 'unitOfCustomer'>;
  /** Days a customer keeps a tier after the last change before the rules may take them down (default 90). */
  graceDays?: number;
  referral?: { qualifyingFen: number; rewardFen: number; householdCapPerYear: number };
  /** The portal's address, for the referral link. */
  publicUrl?: string;
};

export const NIGHTLY_JOB = 'loyalty.nightly';
const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const PAGE = 1000;

export function createLoyaltyService(deps: LoyaltyDeps) {
  const { db, clock } = deps;
  const graceDays = deps.graceDays ?? 90;
  const referral = deps.referral ?? { qualifyingFen: 100_000, rewardFen: 5_000, householdCapPerYear: 3 };

  async function rulesWithTiers(q: Queryable) {
    const [tiers, rules] = await Promise.all([listTiers(q), repo.tierRules(q)]);
    const rank = new Map(tiers.map((t) => [t.code, t]));
    return { tiers, rules: rules.filter((r) => rank.has(r.tier)).map((r) => ({ ...r, rank: rank.get(r.tier)!.rank })) };
  }

  const ruleView = (r: repo.TierRuleRow) => ({ ...r, updatedAt: r.updatedAt.toISOString() });

  /** A service notice (no offer in it): through care, so it follows the customer's consent and waits out quiet hours in their zone. */
  async function notifyUpgrade(q: Queryable, customerId: string, tier: string) {
    const t = (await listTiers(q)).find((x) => x.code === tier);
    const line = (await repo.tierRule(q, tier))?.dedicatedLine;
    await sendCareNotice(q, clock, {
      customerId,
      purpose: 'service',
      template: 'loyalty_upgrade',
      bodyZh: `【售后服务】恭喜您升级为${t?.nameZh ?? tier}会员${line ? `，专属服务热线 ${line}` : ''}。`,
      bodyEn: `[Aftercare] You are now a ${t?.nameEn ?? tier} customer${line ? `; your dedicated line is ${line}` : ''}.`,
      subject: { kind: 'customer', id: customerId },
    });
  }


  async function loyaltyOf(q: Queryable, customerId: string, tier: string): Promise<CustomerLoyaltyView> {
    const [rule, history, value, code, invited] = await Promise.all([repo.tierRule(q, tier), repo.changesOf(q, customerId), repo.valueOf(q, customerId), repo.codeOf(q, customerId), repo.invitationsOf(q, [customerId])]);
    return {
      customerId,
      tier,
      invitedTo: invited.get(customerId) ?? null,
      entitlements: { dedicatedLine: rule?.dedicatedLine ?? null, feeDiscountPercent: rule?.feeDiscountPercent ?? 0, freeVisitsPerYear: rule?.freeVisitsPerYear ?? 0, plannerBonus: rule?.plannerBonus ?? null },
      history: history.map((h) => ({ fromTier: h.fromTier, toTier: h.toTier, rule: h.rule, reason: { zh: h.reasonZh, en: h.reasonEn }, by: h.by, at: h.at.toISOString(), runDay: h.runDay })),
      value: value ? { recency: value.recency, frequency: value.frequency, monetary: value.monetary, score: value.score, top: value.top, recencyDays: value.recencyDays, purchases: value.purchases, monetaryFen: value.monetaryFen, computedOn: value.computedOn } : null,
      referralCode: code ?? null,
      referralLink: code ? `${(deps.publicUrl ?? '').replace(/\/$/, '')}/portal/register?ref=${code}` : null,
    };
  }

  async function referralView(r: repo.ReferralRow) {
    return {
      id: r.id,
      referrerId: r.referrerId,
      friendId: r.friendId,
      status: r.status,
      purchaseRef: r.purchaseRef,
      purchaseFen: r.purchaseFen,
      rewardFen: r.rewardFen,
      rule: r.rule,
      reason: r.reasonZh && r.reasonEn ? { zh: r.reasonZh, en: r.reasonEn } : null,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy,
      rewardedAt: r.rewardedAt?.toISOString() ?? null,
      reversedAt: r.reversedAt?.toISOString() ?? null,
      version: r.version,
    };
  }

  async function leadViews(q: Queryable, rows: repo.LeadRow[]) {
    const history = await repo.leadHistoryOf(q, rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      unitId: r.unitId,
      source: r.source,
      status: r.status,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy,
      version: r.version,
      history: history.filter((h) => h.leadId === r.id).map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note, by: h.by, at: h.at.toISOString() })),
    }));
  }

  const service = {
    async tierRules(caller: Caller) {
      requirePermission(caller.principal, 'customers.read');
      const [tiers, rules] = await Promise.all([listTiers(db), repo.tierRules(db)]);
      const byTier = new Map(rules.map((r) => [r.tier, r]));
      return { items: tiers.flatMap((t) => (byTier.has(t.code) ? [{ ...ruleView(byTier.get(t.code)!), nameZh: t.nameZh, nameEn: t.nameEn, rank: t.rank }] : [])) };
    },

    /** A tier's rule and entitlements: made when the tier has none, else changed at its version. */
    async putTierRule(caller: Caller, tier: string, input: z.infer<typeof tierRuleRequest>) {
      requirePermission(caller.principal, 'loyalty.manage');
      const by = actorName(caller.principal);
      const { version, ...fields } = input;
      return db.transaction(async (tx) => {
        if (!(await listTiers(tx)).some((t) => t.code === tier)) throw loyaltyErrors.noSuchTier();
        const now = clock.now();
        let row: repo.TierRuleRow | undefined;
        if (version === undefined) {
          row = await repo.insertTierRule(tx, { tier, ...fields, updatedAt: now, updatedBy: by });
          if (!row) throw loyaltyErrors.ruleExists();
        } else {
          row = await repo.updateTierRule(tx, tier, version, { ...fields, updatedAt: now, updatedBy: by });
          if (!row) {
            const cur = await repo.tierRule(tx, tier);
            if (!cur) throw loyaltyErrors.noSuchTier();
            throw loyaltyErrors.staleVersion('tier rule', cur.version);
          }
        }
        if ((await repo.tierRules(tx)).every((r) => r.invitationOnly)) throw loyaltyErrors.noEarnableTier();
        return ruleView(row);
      });
    },

    /** An invitation-only tier by hand: at once, with its history row; the customer told. */
    async invite(caller: Caller, customerId: string, input: z.infer<typeof inviteRequest>): Promise<CustomerLoyaltyView> {
      requirePermission(caller.principal, 'loyalty.manage');
      const c = await deps.customers.get(caller, customerId);
      const rule = await repo.tierRule(db, input.tier);
      if (!rule) throw loyaltyErrors.noSuchTier();
      if (!rule.invitationOnly) throw loyaltyErrors.notInvitationOnly();
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const now = clock.now();
        await repo.upsertInvitation(tx, { customerId, tier: input.tier, by, at: now, reason: input.reason });
        if (c.tier !== input.tier) {
          await setCustomerTier(tx, customerId, input.tier, now);
          await repo.insertChange(tx, { id: newId(), customerId, fromTier: c.tier, toTier: input.tier, rule: 'loyalty.invited', reasonZh: `受邀：${input.reason}`, reasonEn: `Invited: ${input.reason}`, by, at: now, runDay: null });
          await notifyUpgrade(tx, customerId, input.tier);
        }
        return loyaltyOf(tx, customerId, input.tier);
      });
    },

    async customerLoyalty(caller: Caller, customerId: string): Promise<CustomerLoyaltyView> {
      const c = await deps.customers.get(caller, customerId);
      return loyaltyOf(db, customerId, c.tier);
    },

    /** The customer's referral code, made once (the customer in the portal, or the desk for them). */
    async referralCode(caller: Caller, customerId: string): Promise<CustomerLoyaltyView> {
      // The customer for themselves (customers.get keeps them to their own), or the desk for them.
      if (caller.principal.kind !== 'customer') requirePermission(caller.principal, 'customers.write');
      const c = await deps.customers.get(caller, customerId);
      if (!(await repo.codeOf(db, customerId))) {
        // A clash of two random codes is retried; a second request for the same customer keeps the first code.
        for (let i = 0; i < 5 && !(await repo.codeOf(db, customerId)); i++) await repo.insertCode(db, customerId, referralCode(randomBytes(8)), clock.now());
      }
      return loyaltyOf(db, customerId, c.tier);
    },

    /**
     * The nightly recompute, once a night whichever copy runs it (the run row is the key): every
     * customer's tier from the rules (a change row per change, the customer told of an upgrade) and
     * everyone's value score. `runDay` defaults to today.
     */
    async recompute(runDay?: string): Promise<{ runDay: string; ran: boolean; customers: number; changed: number }> {
      const now = clock.now();
      const day = runDay ?? dayOf(now);
      if (!(await repo.claimRun(db, day, now))) {
        const r = await repo.runOf(db, day);
        return { runDay: day, ran: false, customers: r?.customers ?? 0, changed: r?.changed ?? 0 };
      }
      const { rules } = await rulesWithTiers(db);
      const tierRules: TierRule[] = rules.map((r) => ({ tier: r.tier, rank: r.rank, invitationOnly: r.invitationOnly, minSpendFen: r.minSpendFen, minUnits: r.minUnits, minTenureMonths: r.minTenureMonths, minReferrals: r.minReferrals }));
      const earnable = tierRules.some((r) => !r.invitationOnly);
      const purchases: Parameters<typeof valueScores>[0][number][] = [];
      let after: string | null = null;
      let customers = 0;
      let changed = 0;
      for (;;) {
        const page = await customersAfter(db, after, PAGE);
        if (!page.length) break;
        after = page[page.length - 1].id;
        const ids = page.map((c) => c.id);
        const [unitsOf, contractsOf, refs, invited, last] = await Promise.all([ownerPurchaseFacts(db, ids), contractSpendByCustomer(db, ids), repo.rewardedReferralCounts(db, ids), repo.invitationsOf(db, ids), repo.lastChanges(db, ids)]);
        for (const c of page) {
          customers++;
          const u = unitsOf.get(c.id);
          const k = contractsOf.get(c.id);
          const spendFen = (u?.purchaseFen ?? 0) + (k?.fen ?? 0);
          const lastOn = [u?.lastPurchaseOn, k?.lastSoldOn].filter((d): d is string => Boolean(d)).sort().pop() ?? null;
          purchases.push({ customerId: c.id, lastPurchaseOn: lastOn, purchases: (u?.purchases ?? 0) + (k?.contracts ?? 0), monetaryFen: spendFen });
          if (!earnable) continue;
          const tenureMonths = Math.max(0, Math.floor((now.getTime() - c.createdAt.getTime()) / (30.4375 * DAY_MS)));
          const since = last.get(c.id) ?? c.createdAt;
          const d = decideTier({ rules: tierRules, current: c.tier, invitedTo: invited.get(c.id) ?? null, facts: { spendFen, units: u?.units ?? 0, tenureMonths, referrals: refs.get(c.id) ?? 0 }, daysSinceLastChange: Math.floor((now.getTime() - since.getTime()) / DAY_MS), graceDays });
          if (!d.changed) continue;
          const done = await db.transaction(async (tx) => {
            if (!(await repo.insertChange(tx, { id: newId(), customerId: c.id, fromTier: c.tier, toTier: d.tier, rule: d.rule, reasonZh: d.reason.zh, reasonEn: d.reason.en, by: 'system:loyalty', at: now, runDay: day }))) return false;
            await setCustomerTier(tx, c.id, d.tier, now);
            if (d.direction === 'up' || d.rule === 'loyalty.invited') await notifyUpgrade(tx, c.id, d.tier);
            return true;
          });
          if (done) changed++;
        }
      }
      const scores = valueScores(purchases, day);
      for (let i = 0; i < scores.length; i += PAGE) {
        await repo.upsertValues(db, scores.slice(i, i + PAGE).map((s) => ({ customerId: s.customerId, recency: s.recency, frequency: s.frequency, monetary: s.monetary, score: s.score, top: s.top, recencyDays: s.recencyDays, purchases: s.purchases, monetaryFen: s.monetaryFen, computedOn: day })));
      }
      await repo.finishRun(db, day, clock.now(), customers, changed);
      return { runDay: day, ran: true, customers, changed };
    },

    /** The recompute by hand (a manager who cannot wait for the night); the same once-a-night key. */
    async recomputeNow(caller: Caller, runDay?: string) {
      requirePermission(caller.principal, 'loyalty.manage');
      return service.recompute(runDay);
    },

    /** A friend registered with a referrer's code: attributed once (the friend is the key), unless the rules refuse. */
    async attribute(caller: Caller, input: z.infer<typeof attributeRequest>) {
      requirePermission(caller.principal, 'customers.write');
      const referrerId = await repo.referrerOfCode(db, input.code);
      if (!referrerId) throw loyaltyErrors.unknownCode();
      const friend = await deps.customers.get(caller, input.friendId).catch((err: { status?: number }) => {
        throw err.status === 404 ? loyaltyErrors.friendNotFound() : err;
      });
      const now = clock.now();
      const { phones, addresses } = await phonesAndAddresses(db, [referrerId, input.friendId]);
      const home = (id: string) => {
        const a = addresses.find((x) => x.customerId === id);
        return householdKey(a ? { province: a.province, city: a.city, district: a.district, street: a.street } : null);
      };
      const owned = await ownerPurchaseFacts(db, [input.friendId]);
      const refusal = attributionRefusal({
        referrerId,
        friendId: input.friendId,
        referrerPhones: phones.filter((p) => p.customerId === referrerId).map((p) => p.phone),
        friendPhones: phones.filter((p) => p.customerId === input.friendId).map((p) => p.phone),
        friendRegisteredAt: new Date(friend.createdAt),
        codeUsedAt: now,
        friendHadBusinessBefore: (owned.get(input.friendId)?.units ?? 0) > 0,
        friendAlreadyReferred: Boolean(await repo.referralOfFriend(db, input.friendId)),
        referrerHousehold: home(referrerId),
        friendHousehold: home(input.friendId),
      });
      if (refusal) throw loyaltyErrors.refused(refusal, ...refusalWords[refusal]);
      const row = await repo.insertReferral(db, { id: newId(), referrerId, friendId: input.friendId, household: home(referrerId), status: 'attributed', createdAt: now, createdBy: actorName(caller.principal) });
      // Two desks attributing the same friend at once: the key lets one in.
      if (!row) throw loyaltyErrors.refused('referral.alreadyReferred', ...refusalWords['referral.alreadyReferred']);
      return referralView(row);
    },

    /** The friend's qualifying purchase: a reward unless too small or the household is at its yearly cap (households serialised, so one reward wins a race for the last place). */
    async qualify(caller: Caller, id: string, input: z.infer<typeof qualifyRequest>) {
      requirePermission(caller.principal, 'loyalty.manage');
      return db.transaction(async (tx) => {
        const first = await repo.referralById(tx, id);
        if (!first) throw loyaltyErrors.referralNotFound(id);
        if (first.household) await repo.lockHousehold(tx, first.household);
        const r = (await repo.referralById(tx, id, true))!;
        if (r.version !== input.version) throw loyaltyErrors.staleVersion('referral', r.version);
        if (r.status !== 'attributed') throw loyaltyErrors.illegalReferralStep(r.status, 'qualified');
        const now = clock.now();
        const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
        const had = r.household ? await repo.householdRewardsSince(tx, r.household, yearAgo) : 0;
        const d = rewardDecision({ purchaseFen: input.purchaseFen, qualifyingFen: referral.qualifyingFen, rewardFen: referral.rewardFen, householdRewardsThisYear: had, householdCap: referral.householdCapPerYear });
        const updated = await repo.updateReferral(tx, id, r.version, { status: d.reward ? 'rewarded' : 'not_rewarded', purchaseRef: input.purchaseRef, purchaseFen: input.purchaseFen, rewardFen: d.amountFen, rule: d.rule, reasonZh: d.reason.zh, reasonEn: d.reason.en, rewardedAt: d.reward ? now : null });
        if (!updated) throw loyaltyErrors.staleVersion('referral', r.version + 1);
        return referralView(updated);
      });
    },

    /** The friend's purchase was returned: the reward is taken back (its row says why). */
    async reverse(caller: Caller, id: string, input: z.infer<typeof reverseRequest>) {
      requirePermission(caller.principal, 'loyalty.manage');
      return db.transaction(async (tx) => {
        const r = await repo.referralById(tx, id, true);
        if (!r) throw loyaltyErrors.referralNotFound(id);
        if (r.version !== input.version) throw loyaltyErrors.staleVersion('referral', r.version);
        if (r.status !== 'rewarded') throw loyaltyErrors.illegalReferralStep(r.status, 'reversed');
        const updated = await repo.updateReferral(tx, id, r.version, { status: 'reversed', reversedAt: clock.now(), rule: 'referral.reversed', reasonZh: `购买已退货，奖励收回：${input.reason}`, reasonEn: `Purchase returned, reward taken back: ${input.reason}` });
        if (!updated) throw loyaltyErrors.staleVersion('referral', r.version + 1);
        return referralView(updated);
      });
    },

    async referrals(caller: Caller, query: z.infer<typeof referralListQuery>) {
      requirePermission(caller.principal, 'loyalty.manage');
      const page = await repo.listReferrals(db, query);
      return { items: await Promise.all(page.items.map(referralView)), total: page.total, limit: query.limit, offset: query.offset };
    },

    async createLead(caller: Caller, input: z.infer<typeof leadRequest>) {
      requirePermission(caller.principal, 'leads.handle');
      await deps.customers.get(caller, input.customerId).catch((err: { status?: number }) => {
        throw err.status === 404 ? loyaltyErrors.customerNotFound('customerId') : err;
      });
      if (input.unitId && !(await deps.units.unitOfCustomer(db, input.unitId, input.customerId))) throw loyaltyErrors.unitNotOfCustomer();
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const row = await repo.insertLead(tx, { id: newId(), customerId: input.customerId, unitId: input.unitId ?? null, source: input.source, status: 'new', note: input.note ?? null, createdAt: now, createdBy: by, updatedAt: now });
        await repo.appendLeadHistory(tx, { id: newId(), leadId: row.id, fromStatus: null, toStatus: 'new', note: input.note ?? null, by, at: now });
        return (await leadViews(tx, [row]))[0];
      });
    },

    async setLeadStatus(caller: Caller, id: string, input: z.infer<typeof leadStatusRequest>) {
      requirePermission(caller.principal, 'leads.handle');
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const cur = await repo.leadById(tx, id);
        if (!cur) throw loyaltyErrors.leadNotFound(id);
        const now = clock.now();
        const row = await repo.updateLead(tx, id, input.version, { status: input.status, updatedAt: now, ...(input.note ? { note: input.note } : {}) });
        if (!row) throw loyaltyErrors.staleVersion('lead', cur.version);
        await repo.appendLeadHistory(tx, { id: newId(), leadId: id, fromStatus: cur.status, toStatus: input.status, note: input.note ?? null, by, at: now });
        return (await leadViews(tx, [row]))[0];
      });
    },

    async leads(caller: Caller, query: z.infer<typeof leadListQuery>) {
      requirePermission(caller.principal, 'leads.handle');
      const page = await repo.listLeads(db, query);
      return { items: await leadViews(db, page.items), total: page.total, limit: query.limit, offset: query.offset };
    },
  };
  return service;
}

const refusalWords: Record<string, [string, string]> = {
  'referral.self': ['A customer cannot refer themselves', '不能推荐自己'],
  'referral.existingCustomer': ['The friend is a customer already', '该好友已是老客户'],
  'referral.alreadyReferred': ['The friend was referred already', '该好友已被推荐过'],
  'referral.sameHousehold': ['The friend lives in the referrer\u2019s household', '该好友与推荐人同住一户'],
};

export type LoyaltyService = ReturnType<typeof createLoyaltyService>;

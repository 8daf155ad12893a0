// The demo's keeping-customers side: tier rules and entitlements (platinum by invitation only), a
// tier history for every customer above ordinary, their value (RFM) scores, a few extended
// warranties and maintenance contracts sold on units, referrals (one rewarded, one reversed, one
// waiting for the friend's purchase), sales leads with status changes, and a monthly care
// campaign for platinum customers with its sends — so the console's loyalty, leads and care pages
// and the portal's contracts show something on `npm start`. The rules, contracts, referrals,
// leads and the campaign go through their services; the past (tier history, scores) is written
// as the nightly run would have. Ids and times come from the seed and the demo's clock.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { Caller } from '../kernel/scopes.js';
import { createServices } from '../server/services.js';
import { valueScores } from '../modules/loyalty/loyalty.rules.js';
import { ownerPurchaseFacts } from '../modules/units/index.js';
import { createRng } from './prng.js';

const DAY = 86_400_000;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const id = (kind: number, n: number) => `00000000-0000-4000-a${hex(kind, 3)}-${hex(n, 12)}`;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
/** The demo's "today" in Shanghai (campaign days and contract starts are local dates). */
const shanghaiDay = (d: Date) => dayOf(new Date(d.getTime() + 8 * 3_600_000));

type Row = Record<string, unknown>;
const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: Row[] }).rows) as Row[];

const rules = [
  { tier: 'ordinary', invitationOnly: false, minSpendFen: 0, minUnits: 0, minTenureMonths: 0, minReferrals: 0, plannerBonus: null, feeDiscountPercent: 0, freeVisitsPerYear: 0, dedicatedLine: null },
  { tier: 'silver', invitationOnly: false, minSpendFen: 500_000, minUnits: 2, minTenureMonths: 6, minReferrals: 0, plannerBonus: null, feeDiscountPercent: 5, freeVisitsPerYear: 0, dedicatedLine: null },
  { tier: 'gold', invitationOnly: false, minSpendFen: 1_500_000, minUnits: 3, minTenureMonths: 12, minReferrals: 1, plannerBonus: 3, feeDiscountPercent: 10, freeVisitsPerYear: 1, dedicatedLine: '400-820-6666' },
  { tier: 'platinum', invitationOnly: true, minSpendFen: 0, minUnits: 0, minTenureMonths: 0, minReferrals: 0, plannerBonus: 5, feeDiscountPercent: 15, freeVisitsPerYear: 2, dedicatedLine: '400-820-8888' },
];

const upgradeWords = {
  silver: { zh: '升级至 silver：消费、设备台数与入会时长达到银卡条件', en: 'Upgraded to silver: spend, units and tenure meet its rule' },
  gold: { zh: '升级至 gold：消费、设备台数、入会时长与推荐达到金卡条件', en: 'Upgraded to gold: spend, units, tenure and referrals meet its rule' },
};

export async function loadLoyaltyDemo(database: Database, options: { seed: number; now: Date }): Promise<Record<string, number>> {
  const { now } = options;
  const rng = createRng(options.seed + 2121);
  const services = createServices(database, { now: () => now });
  const system: Caller = { principal: { kind: 'system', name: 'demo' }, address: null };
  const db = database.db;
  const today = shanghaiDay(now);

  // Tier rules and entitlements, as a manager would set them.
  for (const r of rules) await services.loyalty.putTierRule(system, r.tier, r as never);

  // The history the nightly run and the managers left: up through the tiers, platinum by invitation.
  const customers = rowsOf(await db.execute(sql`select id, tier, created_at from customers order by number`)).map((r) => ({ id: r.id as string, tier: r.tier as string, createdAt: new Date(r.created_at as string) }));
  let changes = 0;
  let invitations = 0;
  await db.transaction(async (tx) => {
    for (const c of customers) {
      if (c.tier === 'ordinary') continue;
      const span = Math.max(2 * DAY, now.getTime() - c.createdAt.getTime());
      const steps: { from: string; to: string; rule: string; zh: string; en: string; by: string; night: boolean }[] = [];
      if (c.tier === 'platinum') {
        const reason = rng.pick(['多年高价值客户 / long-standing high-value customer', '企业大客户 / key corporate account', '重大投诉后的关怀 / care after a serious complaint']);
        steps.push({ from: 'ordinary', to: 'gold', rule: 'loyalty.upgrade', ...upgradeWords.gold, by: 'system:loyalty', night: true });
        steps.push({ from: 'gold', to: 'platinum', rule: 'loyalty.invited', zh: `受邀：${reason}`, en: `Invited: ${reason}`, by: 'user:manager', night: false });
        await tx.execute(sql`insert into loyalty_invitations (customer_id, tier, by, at, reason) values (${c.id}, 'platinum', 'user:manager', ${new Date(c.createdAt.getTime() + Math.floor(span * 0.8))}, ${reason})`);
        invitations++;
      } else if (c.tier === 'gold') {
        steps.push({ from: 'ordinary', to: 'silver', rule: 'loyalty.upgrade', ...upgradeWords.silver, by: 'system:loyalty', night: true });
        steps.push({ from: 'silver', to: 'gold', rule: 'loyalty.upgrade', ...upgradeWords.gold, by: 'system:loyalty', night: true });
      } else if (c.tier === 'silver') {
        // One in five silver customers was gold once, and came down after the grace period.
        if (rng.int(0, 4) === 0) {
          steps.push({ from: 'ordinary', to: 'gold', rule: 'loyalty.upgrade', ...upgradeWords.gold, by: 'system:loyalty', night: true });
          steps.push({ from: 'gold', to: 'silver', rule: 'loyalty.downgrade', zh: '降级至 silver：近一年消费不再满足 gold 的条件（保级期 90 天已过）', en: 'Down to silver: spend no longer meets gold\u2019s rule (90-day grace over)', by: 'system:loyalty', night: true });
        } else steps.push({ from: 'ordinary', to: 'silver', rule: 'loyalty.upgrade', ...upgradeWords.silver, by: 'system:loyalty', night: true });
      } else continue;
      // A customer of a few days only: straight to their tier, one change (one nightly change a night at most).
      if (span < 10 * DAY) steps.splice(0, steps.length, { ...steps[steps.length - 1], from: 'ordinary' });
      for (const [i, s] of steps.entries()) {
        // Spread over the customer's time with us, on distinct nights, the last one at least a day ago.
        const at = new Date(c.createdAt.getTime() + Math.floor((span * (i + 1)) / (steps.length + 1)) + 3 * 3_600_000);
        changes++;
        await tx.execute(sql`insert into loyalty_tier_changes (id, customer_id, from_tier, to_tier, rule, reason_zh, reason_en, by, at, run_day)
          values (${id(1, changes)}, ${c.id}, ${s.from}, ${s.to}, ${s.rule}, ${s.zh}, ${s.en}, ${s.by}, ${at}, ${s.night ? dayOf(at) : null})`);
      }
    }
  });

  // Everyone's value score, as last night's run left it (purchases of units; contracts come below, after the run).
  const facts = await ownerPurchaseFacts(db, customers.map((c) => c.id));
  const scores = valueScores(customers.map((c) => ({ customerId: c.id, lastPurchaseOn: facts.get(c.id)?.lastPurchaseOn ?? null, purchases: facts.get(c.id)?.purchases ?? 0, monetaryFen: facts.get(c.id)?.purchaseFen ?? 0 })), today);
  await db.transaction(async (tx) => {
    for (let i = 0; i < scores.length; i += 500) {
      const part = scores.slice(i, i + 500);
      await tx.execute(sql`insert into customer_values (customer_id, recency, frequency, monetary, score, top, recency_days, purchases, monetary_fen, computed_on)
        select * from jsonb_to_recordset(${JSON.stringify(part.map((s) => ({ ...s, computedOn: today })))}::jsonb)
          as x("customerId" uuid, recency int, frequency int, monetary int, score int, top boolean, "recencyDays" int, purchases int, "monetaryFen" bigint, "computedOn" date)`);
    }
  });
  await db.execute(sql`insert into loyalty_runs (run_day, started_at, finished_at, customers, changed) values (${dayOf(new Date(now.getTime() - DAY))}, ${new Date(now.getTime() - DAY)}, ${new Date(now.getTime() - DAY + 60_000)}, ${customers.length}, 0)`);

  // Contracts sold on units: extended warranties on older units, maintenance contracts with their visits.
  const units = rowsOf(await db.execute(sql`select id, owner_id, purchase_date::text as bought from units order by purchase_date, id limit 400`)).map((r) => ({ id: r.id as string, ownerId: r.owner_id as string, bought: r.bought as string }));
  const picks = [...new Map(units.map((u) => [u.ownerId, u])).values()].filter((_, i) => i % 23 === 0).slice(0, 8);
  let contracts = 0;
  for (const [i, u] of picks.entries()) {
    const maintenance = i % 2 === 1;
    await services.contracts.sell(system, u.id, {
      kind: maintenance ? 'maintenance' : 'extended_warranty',
      termMonths: maintenance ? 12 : 24,
      startsOn: today,
      price: { amountFen: maintenance ? 48_000 : 36_500 + i * 10_000, currency: 'CNY' },
      coversLabour: true,
      coversParts: !maintenance,
      partCodes: null,
      visitsIncluded: maintenance ? 4 : 0,
      visitEveryMonths: maintenance ? 3 : 0,
    } as never);
    contracts++;
  }

  // Referrals: a platinum customer's code; three friends registered with it today.
  const referrer = customers.find((c) => c.tier === 'platinum') ?? customers[0];
  const code = (await services.loyalty.referralCode(system, referrer.id)).referralCode!;
  const friends = [
    { name: '周晓梅', phone: '13912340001', district: '浦东新区', street: '张杨路 1001 号' },
    { name: '吴俊', phone: '13912340002', district: '徐汇区', street: '漕溪北路 88 号' },
    { name: '郑丽', phone: '13912340003', district: '闵行区', street: '七莘路 300 弄 5 号' },
  ];
  const referrals = [];
  for (const f of friends) {
    const friend = await services.customers.create(system, { kind: 'person', name: f.name, tier: 'ordinary', preferredLanguage: 'zh', preferredChannel: 'sms', consentToContact: true, phones: [{ phone: f.phone, label: 'mobile', isPrimary: true }], addresses: [{ label: 'home', province: '上海市', city: '上海市', district: f.district, street: f.street, isDefault: true }], allowDuplicatePhone: true } as never);
    referrals.push(await services.loyalty.attribute(system, { code, friendId: friend.id }));
  }
  const rewarded = await services.loyalty.qualify(system, referrals[0].id, { version: referrals[0].version, purchaseRef: 'INV-REF-0001', purchaseFen: 459_900 });
  const second = await services.loyalty.qualify(system, referrals[1].id, { version: referrals[1].version, purchaseRef: 'INV-REF-0002', purchaseFen: 329_900 });
  await services.loyalty.reverse(system, second.id, { version: second.version, reason: '整机七日无理由退货 / returned within seven days' });
  void rewarded;

  // Sales leads from service: interest at follow-up, old units out of warranty, trade-ins; some moved on.
  const oldUnits = units.slice(0, 40).filter((_, i) => i % 5 === 0);
  const sources = ['out_of_warranty', 'follow_up_interest', 'trade_in', 'out_of_warranty', 'trade_in', 'follow_up_interest', 'out_of_warranty', 'follow_up_interest'] as const;
  const leadNotes = ['机器已用 8 年，客户有意换新 / 8-year-old unit, thinking of a new one', '回访时询问新款空调 / asked about the new air conditioners at the follow-up', '想以旧换新 / wants to trade in the old unit', null];
  let leads = 0;
  for (const [i, u] of oldUnits.entries()) {
    const source = sources[i % sources.length];
    const lead = await services.loyalty.createLead(system, { customerId: u.ownerId, unitId: source === 'follow_up_interest' ? null : u.id, source, note: leadNotes[i % leadNotes.length] });
    leads++;
    if (i % 3 === 1) await services.loyalty.setLeadStatus(system, lead.id, { version: lead.version, status: 'contacted', note: '已电话联系，发送报价 / called, quote sent' });
    if (i % 4 === 2) {
      const contacted = await services.loyalty.setLeadStatus(system, lead.id, { version: lead.version, status: 'contacted', note: null });
      await services.loyalty.setLeadStatus(system, contacted.id, { version: contacted.version, status: i % 8 === 2 ? 'won' : 'lost', note: i % 8 === 2 ? '已购新机 / bought a new unit' : '暂不考虑 / not now' });
    }
  }

  // A monthly "thinking of you" campaign for platinum customers, sent today: SMS to those who consented, the inbox for the rest.
  const platinum = customers.filter((c) => c.tier === 'platinum');
  for (const c of platinum.filter((_, i) => i % 2 === 0)) {
    await services.care.updateConsents(system, c.id, { changes: [{ channel: 'sms', purpose: 'marketing', granted: true }, { channel: 'inbox', purpose: 'marketing', granted: true }], source: 'console', evidence: '会员入会登记表 / platinum enrolment form' } as never);
  }
  const campaign = await services.care.create(system, {
    name: '白金会员月度关怀 / Platinum monthly care',
    purpose: 'marketing',
    trigger: { kind: 'monthly', dayOfMonth: Number(today.slice(8, 10)) },
    audience: { tiers: ['platinum'] },
    template: { zh: '{name}您好，感谢您一直以来的信任。白金会员专属热线 400-820-8888 随时为您服务。', en: 'Dear {name}, thank you for your trust. Your platinum line 400-820-8888 is there for you.' },
    channels: ['sms', 'inbox'],
    conversionDays: 30,
  } as never);
  const active = await services.care.setStatus(system, campaign.id, { version: campaign.version, status: 'active' });
  void active;
  await services.care.run(system, campaign.id, today);
  const sends = rowsOf(await db.execute(sql`select count(*)::int as n from care_sends where campaign_id = ${campaign.id}`))[0].n as number;

  return { loyalty_tier_rules: rules.length, loyalty_tier_changes: changes, loyalty_invitations: invitations, customer_values: scores.length, service_contracts: contracts, referrals: referrals.length, sales_leads: leads, care_campaigns: 1, care_sends: sends };
}

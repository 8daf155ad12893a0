/**
 * Pricing a visit: from a price-list version, the distance, the units serviced and each unit's
 * warranty answer to fee lines, each with who pays and the rule that decided it. Pure: no I/O, no
 * clock; money is integer fen (src/shared/money.ts), never a float.
 *
 * Decisions, made once here:
 *
 * - Version in force: the provider's contract list first, else the national list; of a list, the
 *   published version with the latest `effectiveFrom` on or before the day the work was done.
 *   A version in force from 2026-07-01 prices work done on 07-01, not work done on 06-30.
 * - Remote fee (远程费): one-way road metres from the provider's base; free up to the band's
 *   `freeKm`, then `ratePerKmFen` per km for the metres beyond, in integer arithmetic:
 *   fen = ⌊(beyond metres × rate + 500) / 1000⌋ (rounded half up to the fen). Beyond `maxKm`
 *   (when set) the fee stops at `maxKm` and the line is flagged "by agreement" (按协议).
 * - One household, one visit (same customer, address, technician and day): the call-out fee
 *   (上门费, the labour item's `callOutFen`) is charged in full only for the unit whose call-out is
 *   highest (the first such, on a tie); the others carry a 0 call-out line saying why. The one
 *   remote fee rides with that same unit, and so its payer.
 * - Who pays: relocation and removal of the old unit are the customer's; an installation is the maker's; otherwise the unit's 三包 answer on the fault date —
 *   free → maker, not free → customer; an order without a unit → customer. Extras marked
 *   `customerPays` (e.g. pipe beyond the standard length) are the customer's whatever the warranty.
 *   Dealer or provider pay only when staff say so (appraisal, complaint), with a reason.
 * - Quantities are whole units (pipe per started metre), so a line is quantity × unit price exactly.
 */
import { haversineMetres, type LngLat } from '../../shared/geo.js';

export const areaTypes = ['city', 'town', 'mountain'] as const;
export type AreaType = (typeof areaTypes)[number];

export const jobModes = ['part_swap', 'adjustment', 'inspection', 'carry_in', 'installation', 'relocation', 'removal', 'wasted_trip'] as const;
export type JobMode = (typeof jobModes)[number];

export const payers = ['maker', 'customer', 'dealer', 'provider'] as const;
export type Payer = (typeof payers)[number];

export const lineKinds = ['call_out', 'labour', 'remote', 'extra', 'part'] as const;
export type LineKind = (typeof lineKinds)[number];

export type Bilingual = { zh: string; en: string };

export const jobModeNames: Record<JobMode, Bilingual> = {
  part_swap: { zh: '上门维修（换件）', en: 'On-site repair with part swap' },
  adjustment: { zh: '调试/调整', en: 'Adjustment' },
  inspection: { zh: '检测', en: 'Inspection' },
  carry_in: { zh: '送修', en: 'Carry-in repair' },
  installation: { zh: '安装', en: 'Installation' },
  relocation: { zh: '移机', en: 'Relocation' },
  removal: { zh: '拆旧机', en: 'Removal of the old unit' },
  wasted_trip: { zh: '空跑（非师傅原因）', en: "Wasted trip (not the technician's fault)" },
};

export const payerNames: Record<Payer, Bilingual> = {
  maker: { zh: '厂家', en: 'Maker' },
  customer: { zh: '客户', en: 'Customer' },
  dealer: { zh: '经销商', en: 'Dealer' },
  provider: { zh: '服务商', en: 'Provider' },
};

/** Labour for a product category (null: any category without its own row) × order kind × job mode. */
export type LabourItem = { categoryId: string | null; kind: string; mode: JobMode; callOutFen: number; labourFen: number };
export type ExtraItem = { code: string; nameZh: string; nameEn: string; unit: 'each' | 'metre'; priceFen: number; customerPays: boolean };
export type DistanceBand = { areaType: AreaType; freeKm: number; ratePerKmFen: number; maxKm: number | null };
/** Which places are towns or mountain areas; the most specific match wins, else `defaultAreaType`. */
export type AreaRule = { province: string; city?: string | null; district?: string | null; areaType: AreaType };

export type PriceListContent = {
  currency: 'CNY';
  labour: LabourItem[];
  extras: ExtraItem[];
  distance: DistanceBand[];
  areas: AreaRule[];
  defaultAreaType: AreaType;
};

// ---------------------------------------------------------------------------------------
// Which version prices the work

export type VersionRef = { id: string; scope: 'national' | 'provider'; providerId: string | null; status: 'draft' | 'published'; effectiveFrom: string };

/** The published version in force on `day`: the provider's contract first, else the national list; null when neither has one. */
export function versionInForce<V extends VersionRef>(versions: readonly V[], providerId: string | null, day: string): V | null {
  const latest = (pick: (v: V) => boolean) =>
    versions.filter((v) => v.status === 'published' && v.effectiveFrom <= day && pick(v)).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null;
  return (providerId ? latest((v) => v.scope === 'provider' && v.providerId === providerId) : null) ?? latest((v) => v.scope === 'national');
}

// ---------------------------------------------------------------------------------------
// Distance

export type Place = { province: string; city: string; district: string };

export function areaTypeOf(content: Pick<PriceListContent, 'areas' | 'defaultAreaType'>, place: Place): AreaType {
  const score = (r: AreaRule) => {
    if (r.province !== place.province) return -1;
    if (r.city != null && r.city !== place.city) return -1;
    if (r.district != null && r.district !== place.district) return -1;
    return (r.city != null ? 1 : 0) + (r.district != null ? 2 : 0);
  };
  let best: { rule: AreaRule; score: number } | null = null;
  for (const rule of content.areas) {
    const s = score(rule);
    if (s >= 0 && (!best || s > best.score)) best = { rule, score: s };
  }
  return best?.rule.areaType ?? content.defaultAreaType;
}

export type RemoteFee = { amountFen: number; chargedMetres: number; byAgreement: boolean };

/** The remote fee for a one-way road distance in whole metres (rounded half up to the fen; see the top of this file). */
export function remoteFee(band: DistanceBand, roadMetres: number): RemoteFee {
  if (!Number.isSafeInteger(roadMetres) || roadMetres < 0) throw new RangeError(`roadMetres must be whole metres ≥ 0, not ${roadMetres}`);
  const freeM = Math.round(band.freeKm * 1000);
  const capM = band.maxKm == null ? null : Math.round(band.maxKm * 1000);
  const byAgreement = capM !== null && roadMetres > capM;
  const chargedMetres = Math.max(0, (byAgreement ? capM : roadMetres) - freeM);
  return { amountFen: Math.floor((chargedMetres * band.ratePerKmFen + 500) / 1000), chargedMetres, byAgreement };
}

export type DistanceFlag = 'road_shorter_than_straight' | 'road_over_three_times_straight';

/** Straight-line distance only checks the road figure: a road shorter than the crow flies, or three times longer, is flagged. */
export function distanceFlags(roadMetres: number, from: LngLat, to: LngLat): { straightMetres: number; flags: DistanceFlag[] } {
  const straightMetres = Math.round(haversineMetres(from, to));
  const flags: DistanceFlag[] = [];
  if (roadMetres < straightMetres) flags.push('road_shorter_than_straight');
  if (roadMetres > 3 * straightMetres) flags.push('road_over_three_times_straight');
  return { straightMetres, flags };
}

// ---------------------------------------------------------------------------------------
// Who pays

/** The unit's 三包 answer on the fault date, as units (warranty.rules.ts sanbaoRemedy) gave it. */
export type WarrantyAnswer = { rule: string; free: boolean; reason: Bilingual };
export type PayerDecision = { payer: Payer; rule: string; reason: Bilingual };

export function payerFor(kind: string, mode: JobMode, answer: WarrantyAnswer | null): PayerDecision {
  // Fetching a returned unit is part of the return the 三包 rules granted: never the customer's.
  if (kind === 'return') return { payer: 'maker', rule: 'fees.returnPickup', reason: { zh: '退换货旧机上门取回由厂家承担', en: 'Picking up a returned unit is part of the return: the maker pays' } };
  // Moving a unit or taking an old one away is a service the customer asks for, never a fault.
  if (mode === 'relocation' || mode === 'removal') return { payer: 'customer', rule: 'fees.customerService', reason: { zh: '移机、拆旧机属客户自选服务，由客户承担', en: 'Relocation and removal are services the customer chooses: the customer pays' } };
  if (kind === 'installation') return { payer: 'maker', rule: 'fees.installationByMaker', reason: { zh: '新机安装由厂家承担', en: 'Installing a new unit is paid by the maker' } };
  if (!answer) return { payer: 'customer', rule: 'fees.noUnit', reason: { zh: '工单未关联设备，无保修依据，由客户承担', en: 'No unit on the order, so no warranty to apply: the customer pays' } };
  return { payer: answer.free ? 'maker' : 'customer', rule: answer.rule, reason: answer.reason };
}

// ---------------------------------------------------------------------------------------
// Pricing a visit

export type UnitToPrice = {
  orderId: string;
  categoryId: string | null;
  kind: string;
  mode: JobMode;
  warranty: WarrantyAnswer | null;
  extras: { code: string; quantity: number }[];
  parts: { nameZh: string; nameEn: string; priceFen: number; quantity: number }[];
};

export type VisitInput = {
  content: PriceListContent;
  units: UnitToPrice[];
  place: Place;
  /** One-way road metres from the provider's base; null when a place has no coordinates. */
  roadMetres: number | null;
};

export type PricedLine = {
  orderId: string;
  kind: LineKind;
  code: string;
  nameZh: string;
  nameEn: string;
  quantity: number;
  unitFen: number;
  amountFen: number;
  payer: Payer;
  rule: string;
  reason: Bilingual;
  facts: Record<string, unknown>;
};

export type PricingProblem = { path: string; en: string; zh: string };
export type VisitPrice = { lines: PricedLine[]; problems: PricingProblem[]; areaType: AreaType };

export function labourFor(content: PriceListContent, categoryId: string | null, kind: string, mode: JobMode): LabourItem | null {
  const matches = content.labour.filter((l) => l.kind === kind && l.mode === mode);
  return matches.find((l) => l.categoryId !== null && l.categoryId === categoryId) ?? matches.find((l) => l.categoryId === null) ?? null;
}

function wholeQuantity(q: number, path: string, problems: PricingProblem[]): boolean {
  if (Number.isSafeInteger(q) && q > 0) return true;
  problems.push({ path, en: 'must be a whole number of at least 1', zh: '须为不小于 1 的整数' });
  return false;
}

/** Every line of one visit. A unit whose labour the list does not name gets no labour lines, and a problem says so. */
export function priceVisit(input: VisitInput): VisitPrice {
  const { content } = input;
  const problems: PricingProblem[] = [];
  const lines: PricedLine[] = [];
  const labours = input.units.map((u, i) => {
    const item = labourFor(content, u.categoryId, u.kind, u.mode);
    if (!item) problems.push({ path: `units.${i}.mode`, en: `the price list has no labour for order kind ${u.kind} and job mode ${u.mode}`, zh: `价目表没有该工单类型（${u.kind}）与作业方式（${jobModeNames[u.mode].zh}）的工时费` });
    return item;
  });
  // The unit with the highest call-out keeps it (the first on a tie); it carries the remote fee.
  let lead = -1;
  labours.forEach((l, i) => {
    if (l && (lead < 0 || l.callOutFen > labours[lead]!.callOutFen)) lead = i;
  });

  input.units.forEach((u, i) => {
    const who = payerFor(u.kind, u.mode, u.warranty);
    const line = (l: Omit<PricedLine, 'orderId' | 'payer' | 'rule' | 'reason'> & Partial<Pick<PricedLine, 'payer' | 'rule' | 'reason'>>) =>
      lines.push({ orderId: u.orderId, payer: who.payer, rule: who.rule, reason: who.reason, ...l });
    const labour = labours[i];
    if (labour) {
      const mode = jobModeNames[u.mode];
      if (i === lead || input.units.length === 1) {
        line({ kind: 'call_out', code: 'call_out', nameZh: '上门费', nameEn: 'Call-out fee', quantity: 1, unitFen: labour.callOutFen, amountFen: labour.callOutFen, facts: {} });
      } else {
        line({
          kind: 'call_out', code: 'call_out', nameZh: '上门费', nameEn: 'Call-out fee', quantity: 1, unitFen: 0, amountFen: 0, facts: { listedFen: labour.callOutFen, chargedOn: input.units[lead].orderId },
          rule: 'visit.callOutOncePerVisit',
          reason: { zh: '同一次上门多台设备，只收最高的一项上门费', en: 'Several units in one visit: only the highest call-out fee is charged' },
        });
      }
      line({ kind: 'labour', code: u.mode, nameZh: `工时费：${mode.zh}`, nameEn: `Labour: ${mode.en}`, quantity: 1, unitFen: labour.labourFen, amountFen: labour.labourFen, facts: { mode: u.mode } });
    }
    u.extras.forEach((x, j) => {
      const item = content.extras.find((e) => e.code === x.code);
      if (!item) return void problems.push({ path: `units.${i}.extras.${j}.code`, en: `the price list has no extra ${x.code}`, zh: `价目表没有该辅材/附加项目（${x.code}）` });
      if (!wholeQuantity(x.quantity, `units.${i}.extras.${j}.quantity`, problems)) return;
      const own = item.customerPays ? { payer: 'customer' as const, rule: 'fees.extraCustomerPays', reason: { zh: '价目表规定该项由客户承担', en: 'The price list has the customer pay for this item' } } : {};
      line({ kind: 'extra', code: item.code, nameZh: item.nameZh, nameEn: item.nameEn, quantity: x.quantity, unitFen: item.priceFen, amountFen: item.priceFen * x.quantity, facts: { unit: item.unit }, ...own });
    });
    u.parts.forEach((p, j) => {
      if (!wholeQuantity(p.quantity, `units.${i}.parts.${j}.quantity`, problems)) return;
      line({ kind: 'part', code: 'part', nameZh: `配件：${p.nameZh}`, nameEn: `Part: ${p.nameEn}`, quantity: p.quantity, unitFen: p.priceFen, amountFen: p.priceFen * p.quantity, facts: {} });
    });
  });

  const areaType = areaTypeOf(content, input.place);
  if (lead >= 0 && input.roadMetres !== null) {
    const band = content.distance.find((b) => b.areaType === areaType);
    if (band) {
      const fee = remoteFee(band, input.roadMetres);
      const u = input.units[lead];
      const who = payerFor(u.kind, u.mode, u.warranty);
      const km = (m: number) => (m / 1000).toFixed(1);
      const names = { city: { zh: '城区', en: 'city' }, town: { zh: '乡镇', en: 'town' }, mountain: { zh: '山区', en: 'mountain' } }[areaType];
      lines.push({
        orderId: u.orderId,
        kind: 'remote',
        code: `remote_${areaType}`,
        nameZh: `远程费（${names.zh}，单程 ${km(input.roadMetres)} 公里，${band.freeKm} 公里内免费）`,
        nameEn: `Remote fee (${names.en}, ${km(input.roadMetres)} km one way, free within ${band.freeKm} km)`,
        quantity: 1,
        unitFen: fee.amountFen,
        amountFen: fee.amountFen,
        payer: who.payer,
        rule: who.rule,
        reason: who.reason,
        facts: { roadMetres: input.roadMetres, chargedMetres: fee.chargedMetres, freeKm: band.freeKm, ratePerKmFen: band.ratePerKmFen, areaType, byAgreement: fee.byAgreement, householdUnits: input.units.length },
      });
      if (fee.byAgreement) problems.push({ path: 'distance', en: `beyond ${band.maxKm} km the remote fee is by agreement; charged up to ${band.maxKm} km`, zh: `超过 ${band.maxKm} 公里的远程费按协议，已按 ${band.maxKm} 公里计` });
    }
  }
  return { lines, problems, areaType };
}

/**
 * A loyalty tier's fee discount (an entitlement kept as data by the loyalty module): beside each
 * line the customer pays, a line taking `percent` % of it off, floored to the fen (the customer
 * never gets a fen more than the percent). Lines another payer bears are untouched.
 */
export function tierDiscountLines(lines: readonly PricedLine[], percent: number, tier: string): PricedLine[] {
  if (!Number.isInteger(percent) || percent <= 0 || percent > 100) return [];
  return lines
    .filter((l) => l.payer === 'customer' && l.amountFen > 0)
    .map((l) => {
      const off = Math.floor((l.amountFen * percent) / 100);
      return {
        ...l,
        code: 'tier_discount',
        nameZh: `会员折扣（${tier}，${percent}%）：${l.nameZh}`,
        nameEn: `Tier discount (${tier}, ${percent}%): ${l.nameEn}`,
        quantity: 1,
        unitFen: -off,
        amountFen: -off,
        rule: 'fees.tierDiscount',
        reason: { zh: `${tier} 会员享 ${percent}% 费用折扣`, en: `${tier} customers get ${percent}% off their fees` },
        facts: { discountOf: l.code, percent, tier },
      };
    })
    .filter((l) => l.amountFen < 0);
}

/** What a tier's free visit pays for: the visit itself (call-out, labour, remote fee), not parts or extras. */
const visitKinds: readonly LineKind[] = ['call_out', 'labour', 'remote'];

/**
 * A loyalty tier's free visits per year (an entitlement kept as data by the loyalty module): while
 * the customer has used fewer than `perYear` this year, beside each visit line the customer pays
 * (call-out, labour, remote fee) a line taking all of it off — the Nth visit of the year is free,
 * the next is paid. Parts and extras stay the customer's; lines another payer bears are untouched.
 * `used` counts the year's earlier free visits (this one left out).
 */
export function freeVisitLines(lines: readonly PricedLine[], f: { perYear: number; used: number; tier: string; year: string; customerId: string; visitKey: string }): PricedLine[] {
  if (!Number.isInteger(f.perYear) || f.perYear <= 0 || f.used >= f.perYear) return [];
  const nth = f.used + 1;
  return lines
    .filter((l) => l.payer === 'customer' && l.amountFen > 0 && visitKinds.includes(l.kind))
    .map((l) => ({
      ...l,
      code: 'tier_free_visit',
      nameZh: `会员免费上门（${f.tier}，${f.year} 年第 ${nth}/${f.perYear} 次）：${l.nameZh}`,
      nameEn: `Free visit (${f.tier}, ${nth} of ${f.perYear} in ${f.year}): ${l.nameEn}`,
      quantity: 1,
      unitFen: -l.amountFen,
      amountFen: -l.amountFen,
      rule: 'fees.tierFreeVisit',
      reason: { zh: `${f.tier} 会员每年 ${f.perYear} 次免费上门，本次为第 ${nth} 次`, en: `${f.tier} customers get ${f.perYear} free visits a year: this is number ${nth}` },
      facts: { freeOf: l.code, nth, perYear: f.perYear, year: f.year, tier: f.tier, customerId: f.customerId, visitKey: f.visitKey },
    }));
}

/** What an order does, for its labour line, when staff have not said: from its kind and whether a part was replaced. */
export function defaultJobMode(kind: string, replacement: string | null): JobMode {
  if (kind === 'installation') return 'installation';
  if (kind === 'return') return 'removal';
  if (kind === 'inspection' || kind === 'return_exchange' || kind === 'complaint') return 'inspection';
  if (kind === 'repair') return replacement ? 'part_swap' : 'adjustment';
  return 'adjustment';
}

/** Sums per payer; every line counted once, so the totals add up to the whole. */
export function totalsByPayer(lines: readonly { payer: Payer; amountFen: number }[]): { payer: Payer; amountFen: number }[] {
  const sums = new Map<Payer, number>();
  for (const l of lines) sums.set(l.payer, (sums.get(l.payer) ?? 0) + l.amountFen);
  return payers.filter((p) => sums.has(p)).map((p) => ({ payer: p, amountFen: sums.get(p)! }));
}

/**
 * What a credit gives back after its line is priced again: never more than is left of the new line
 * (its amount less the credits against it that came first), never below nothing.
 */
export function creditAfterReprice(creditFen: number, lineLeftFen: number): number {
  return Math.max(0, Math.min(creditFen, lineLeftFen));
}

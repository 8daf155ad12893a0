/**
 * Warranty status of a sold unit and the 三包 remedy for a reported fault.
 *
 * Pure: no I/O, no clock. The caller passes `asOf` / the report date, so the same facts
 * always give the same answer and an agent can replay a past decision.
 *
 * Conventions, chosen once and used everywhere so day counts never disagree:
 *
 * - Dates are calendar dates 'YYYY-MM-DD', counted as whole UTC days. Where the goods were
 *   sold is in China, but a calendar date has no time zone, so UTC day numbers are exact.
 * - A span of days is `later − earlier`: the first day is not counted (民法典 art. 201).
 *   Bought on the 1st and reported on the 8th is 7 days, still "within 7 days".
 * - A period of N months ends on the same day-of-month N months later, or on the last day
 *   of that month when it has no such day (民法典 art. 202). 12 months from 2024-02-29 ends
 *   on 2025-02-28. `endsOn` is the last day still covered.
 * - Money is integer fen (CNY). The depreciation rate is an integer per million per day
 *   (500 = 0.05 %/day) so refunds are computed exactly, without floating point.
 *
 * Precedence of `sanbaoRemedy` (first matching row wins):
 *
 * | # | rule code                         | when                                                        | options                     | free |
 * |---|-----------------------------------|-------------------------------------------------------------|-----------------------------|------|
 * | 1 | sanbao.excluded.misuse            | fault.misuse                                                | repair                      | no   |
 * | 1 | sanbao.excluded.dismantled        | fault.unauthorisedDismantling                               | repair                      | no   |
 * | 1 | sanbao.excluded.noInvoice         | unit has no invoice number                                  | repair                      | no   |
 * | 1 | sanbao.excluded.modelMismatch     | model found on the unit ≠ model on record                   | repair                      | no   |
 * | 1 | sanbao.excluded.forceMajeure      | fault.forceMajeure                                          | repair                      | no   |
 * | 2 | online.7dayNoReasonReturn         | online, customer asks, ≤ 7 days since receipt               | refund (full price)         | yes  |
 * | 3 | sanbao.7day                       | performance fault ≤ 7 days after invoice date               | refund (full), replace, repair | yes |
 * | 4 | sanbao.15day                      | performance fault ≤ 15 days after invoice date              | replace, repair             | yes  |
 * | 5 | sanbao.twoFailedRepairs           | in whole-unit warranty, ≥ 2 completed repairs of this fault | replace, refund (less depr.) | yes |
 * | 6 | sanbao.repairOver30Days           | in whole-unit warranty, current repair > 30 days            | replace                     | yes  |
 * | 7 | sanbao.partsUnavailable90Days     | in whole-unit warranty, parts unavailable > 90 days         | replace, repair             | yes  |
 * | 8 | sanbao.inWarrantyRepair           | in whole-unit warranty                                      | repair                      | yes  |
 * | 9 | sanbao.mainPartsWarranty          | main part, in main-parts warranty                           | repair (the main part)      | yes  |
 * |10 | sanbao.outOfWarranty              | otherwise                                                   | repair                      | no   |
 *
 * Exclusions come first because they take the fault out of 三包 altogether; when several
 * apply, the rule code names the first in the order above and `exclusions` lists them all.
 * Rows 5–7 replace or refund the whole unit, which 三包 grants only within the whole-unit
 * period; in a main-parts-only period the remedy stays a free repair of that part.
 */

import { formatMoney, money } from '../../shared/money.js';

export type IsoDate = string;
export type Channel = 'store' | 'online';
/** 性能故障 is what opens the 7- and 15-day rights; any other fault only gets a repair. */
export type FaultKind = 'performance' | 'other';
export type Remedy = 'refund' | 'replace' | 'repair';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface WarrantyTerms {
  /** 整机三包有效期 */
  wholeUnitMonths: number;
  /** 主要部件三包有效期 */
  mainPartsMonths: number;
  /** Part codes the catalogue lists as main parts (主要部件) for this model. */
  mainParts: readonly string[];
  /** Depreciation per day of use, in millionths of the price: 500 = 0.05 % a day. */
  dailyDepreciationPerMillion: number;
  /** A repair taking longer than this many days is replaced instead. */
  repairLimitDays: number;
  /** Parts unavailable for longer than this many days lets the customer demand a replacement. */
  partsWaitReplacementDays: number;
  sevenDayWindowDays: number;
  fifteenDayWindowDays: number;
  /** Completed repairs of the same fault after which its return means replace or refund. */
  failedRepairsBeforeReplacement: number;
  onlineNoReasonReturnDays: number;
}

/** China's 三包 figures; whole-unit 1 year and main parts 3 years are the common category terms. */
export const SANBAO_DEFAULT_TERMS: Readonly<WarrantyTerms> = Object.freeze({
  wholeUnitMonths: 12,
  mainPartsMonths: 36,
  mainParts: Object.freeze([]) as readonly string[],
  dailyDepreciationPerMillion: 500,
  repairLimitDays: 30,
  partsWaitReplacementDays: 90,
  sevenDayWindowDays: 7,
  fifteenDayWindowDays: 15,
  failedRepairsBeforeReplacement: 2,
  onlineNoReasonReturnDays: 7,
});

export interface RepairRecord {
  faultCode: string;
  /** The day the unit was reported / handed in for this repair. */
  startedOn: IsoDate;
  /** null while the unit is still in repair. */
  endedOn: IsoDate | null;
  /**
   * How much of startedOn..endedOn was spent waiting for parts (待件). It is part of the span,
   * not added to it: the span already stops the warranty clock, and adding the wait again
   * would count those days twice. Checked, not otherwise used here.
   */
  partsWaitDays?: number;
}

export interface SoldUnit {
  modelId: string;
  channel: Channel;
  /** Sale / invoice date (开票日期): 三包 periods and depreciation run from it. */
  invoiceDate: IsoDate;
  /** Blank or missing means no invoice: a 三包 exclusion. */
  invoiceNumber?: string | null;
  /** Delivery / receipt date (签收日期): the online no-reason return runs from it. */
  receivedOn?: IsoDate | null;
  priceFen: number;
  /** The latest replacement under 三包; the warranty period restarts on it. */
  lastReplacedOn?: IsoDate | null;
  repairs?: readonly RepairRecord[];
}

export interface FaultReport {
  reportedOn: IsoDate;
  faultCode: string;
  kind: FaultKind;
  /** The part the fault is in, to decide whether the main-parts period covers it. */
  partCode?: string | null;
  /** Model on the unit's nameplate as found by the technician; absent when not checked. */
  modelFound?: string | null;
  misuse?: boolean;
  unauthorisedDismantling?: boolean;
  forceMajeure?: boolean;
  customerRequestsNoReasonReturn?: boolean;
  /** Days the current repair has lasted so far (span since hand-in). */
  daysInCurrentRepair?: number;
  /** Days the needed parts have been unavailable so far. */
  partsUnavailableDays?: number;
}

export interface Coverage {
  inWarranty: boolean;
  startsOn: IsoDate;
  /** Last covered day: the nominal end pushed back by the days not counted. */
  endsOn: IsoDate;
  nominalEndsOn: IsoDate;
  /** Days in repair (including waiting for parts) that stopped the warranty clock. */
  daysNotCounted: number;
  months: number;
}

export type WarrantyStatusRule =
  | 'warranty.wholeUnit'
  | 'warranty.mainPartsOnly'
  | 'warranty.expired'
  | 'warranty.notStarted';

export interface WarrantyStatus {
  wholeUnit: Coverage;
  mainParts: Coverage;
  periodStart: IsoDate;
  restartedByReplacement: boolean;
  rule: WarrantyStatusRule;
  reason: Bilingual;
}

export type ExclusionRule =
  | 'sanbao.excluded.misuse'
  | 'sanbao.excluded.dismantled'
  | 'sanbao.excluded.noInvoice'
  | 'sanbao.excluded.modelMismatch'
  | 'sanbao.excluded.forceMajeure';

export type RemedyRule =
  | ExclusionRule
  | 'online.7dayNoReasonReturn'
  | 'sanbao.7day'
  | 'sanbao.15day'
  | 'sanbao.twoFailedRepairs'
  | 'sanbao.repairOver30Days'
  | 'sanbao.partsUnavailable90Days'
  | 'sanbao.inWarrantyRepair'
  | 'sanbao.mainPartsWarranty'
  | 'sanbao.outOfWarranty'
  | 'contract.extendedWarranty';

export interface RemedyDecision {
  rule: RemedyRule;
  /** What the customer may choose, the remedy the rule grants first. */
  options: Remedy[];
  /** false: a paid repair. */
  free: boolean;
  /** What a refund pays, in fen; 0 when refund is not an option. */
  refundAmountFen: number;
  reason: Bilingual;
  /** Every exclusion that applies, in precedence order (empty when none). */
  exclusions: ExclusionRule[];
  facts: {
    daysSinceSale: number;
    daysSinceReceipt: number | null;
    /** Days since the invoice date less days in repair: the basis of depreciation. */
    daysUsed: number;
    sameFaultRepairs: number;
    isMainPart: boolean;
  };
  warranty: WarrantyStatus;
}

// ---------------------------------------------------------------------------------------
// Calendar days

const DAY_MS = 86_400_000;

function dayOf(iso: IsoDate, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`${field}: expected a date YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Date.UTC rolls 02-30 over to March and maps years 0–99 to 1900s; reject rather than guess.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`${field}: ${iso} is not a calendar date`);
  }
  return t / DAY_MS;
}

function isoOf(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const index = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(index / 12);
  const month = ((index % 12) + 12) % 12;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastOfMonth)) / DAY_MS;
}

/** Days from `from` to `to`, the first day not counted; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayOf(to, 'to') - dayOf(from, 'from');
}

// ---------------------------------------------------------------------------------------
// Money

/**
 * price − price × rate × days, rounded to the fen with halves going to the customer, and
 * never below 0. BigInt because price × rate × days overflows 2^53 for dear goods kept long.
 */
export function refundLessDepreciation(
  priceFen: number,
  dailyDepreciationPerMillion: number,
  daysUsed: number,
): number {
  nonNegativeInt(priceFen, 'priceFen');
  nonNegativeInt(dailyDepreciationPerMillion, 'dailyDepreciationPerMillion');
  nonNegativeInt(daysUsed, 'daysUsed');
  const million = 1_000_000n;
  const scaledRefund =
    BigInt(priceFen) * million - BigInt(priceFen) * BigInt(dailyDepreciationPerMillion) * BigInt(daysUsed);
  if (scaledRefund <= 0n) return 0;
  return Number((scaledRefund + million / 2n) / million);
}

function yuan(fen: number): string {
  return formatMoney(money(fen, 'CNY'));
}

function percentPerDay(perMillion: number): string {
  return `${Number((perMillion / 10_000).toFixed(4))}%`;
}

// ---------------------------------------------------------------------------------------
// Input checks: a wrong day count would silently grant or deny a legal right, so fail loudly.

function nonNegativeInt(v: number, field: string): void {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new RangeError(`${field}: expected a whole number ≥ 0, got ${v}`);
  }
}

/** Fill the catalogue's terms with the 三包 defaults and check them. */
export function resolveTerms(input: Partial<WarrantyTerms> = {}): WarrantyTerms {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const terms: WarrantyTerms = { ...SANBAO_DEFAULT_TERMS, ...defined };
  for (const key of Object.keys(SANBAO_DEFAULT_TERMS) as (keyof WarrantyTerms)[]) {
    if (key !== 'mainParts') nonNegativeInt(terms[key] as number, `terms.${key}`);
  }
  return terms;
}

// ---------------------------------------------------------------------------------------
// Warranty periods

interface Span {
  from: number;
  to: number;
}

/** Repair spans clipped to [fromDay, asOfDay], overlaps merged so no day stops the clock twice. */
function downtime(repairs: readonly RepairRecord[], fromDay: number, asOfDay: number): Span[] {
  const spans: Span[] = [];
  repairs.forEach((r, i) => {
    const start = dayOf(r.startedOn, `repairs[${i}].startedOn`);
    // An open repair asked about before it began simply had not happened yet on asOf.
    const end = r.endedOn === null ? Math.max(asOfDay, start) : dayOf(r.endedOn, `repairs[${i}].endedOn`);
    if (end < start) throw new RangeError(`repairs[${i}]: ends ${r.endedOn} before it starts ${r.startedOn}`);
    if (r.partsWaitDays !== undefined) {
      nonNegativeInt(r.partsWaitDays, `repairs[${i}].partsWaitDays`);
      if (r.endedOn !== null && r.partsWaitDays > end - start) {
        throw new RangeError(
          `repairs[${i}]: partsWaitDays ${r.partsWaitDays} exceeds the repair's ${end - start} days; ` +
            'the wait is part of the repair span',
        );
      }
    }
    const from = Math.max(start, fromDay);
    const to = Math.min(end, asOfDay);
    if (to > from) spans.push({ from, to });
  });
  spans.sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

function coverage(startDay: number, months: number, spans: Span[], asOfDay: number): Coverage {
  const nominal = addMonths(startDay, months);
  let end = nominal;
  let notCounted = 0;
  for (const s of spans) {
    // A repair begun after cover ran out was a paid, out-of-warranty repair: it stops no clock.
    if (s.from > end) break;
    notCounted += s.to - s.from;
    end += s.to - s.from;
  }
  return {
    inWarranty: asOfDay >= startDay && asOfDay <= end,
    startsOn: isoOf(startDay),
    endsOn: isoOf(end),
    nominalEndsOn: isoOf(nominal),
    daysNotCounted: notCounted,
    months,
  };
}

function periodStartDay(unit: SoldUnit): { day: number; restarted: boolean } {
  const invoice = dayOf(unit.invoiceDate, 'unit.invoiceDate');
  if (unit.lastReplacedOn == null) return { day: invoice, restarted: false };
  const replaced = dayOf(unit.lastReplacedOn, 'unit.lastReplacedOn');
  if (replaced < invoice) {
    throw new RangeError(`unit.lastReplacedOn ${unit.lastReplacedOn} is before the invoice date ${unit.invoiceDate}`);
  }
  return { day: replaced, restarted: true };
}

function hasInvoice(unit: SoldUnit): boolean {
  return typeof unit.invoiceNumber === 'string' && unit.invoiceNumber.trim() !== '';
}

export function warrantyStatus(unit: SoldUnit, termsInput: Partial<WarrantyTerms>, asOf: IsoDate): WarrantyStatus {
  const terms = resolveTerms(termsInput);
  const asOfDay = dayOf(asOf, 'asOf');
  const start = periodStartDay(unit);
  const spans = downtime(unit.repairs ?? [], start.day, asOfDay);
  const wholeUnit = coverage(start.day, terms.wholeUnitMonths, spans, asOfDay);
  const mainParts = coverage(start.day, terms.mainPartsMonths, spans, asOfDay);
  const periodStart = isoOf(start.day);

  const rule: WarrantyStatusRule =
    asOfDay < start.day
      ? 'warranty.notStarted'
      : wholeUnit.inWarranty
        ? 'warranty.wholeUnit'
        : mainParts.inWarranty
          ? 'warranty.mainPartsOnly'
          : 'warranty.expired';

  const fromZh = start.restarted ? `换货日 ${periodStart}` : `开票日 ${periodStart}`;
  const fromEn = start.restarted ? `the replacement on ${periodStart}` : `the invoice date ${periodStart}`;
  const periodZh = (label: string, c: Coverage) =>
    `${label}${c.months}个月，至 ${c.endsOn}` + (c.daysNotCounted > 0 ? `（维修/待件 ${c.daysNotCounted} 天不计入，原至 ${c.nominalEndsOn}）` : '');
  const periodEn = (label: string, c: Coverage) =>
    `${label} ${c.months} months, to ${c.endsOn}` +
    (c.daysNotCounted > 0 ? ` (${c.daysNotCounted} days in repair/awaiting parts not counted; nominally ${c.nominalEndsOn})` : '');
  const verdict: Record<WarrantyStatusRule, Bilingual> = {
    'warranty.notStarted': { zh: `${asOf} 早于保修起算日，保修尚未开始`, en: `${asOf} is before the period starts` },
    'warranty.wholeUnit': { zh: `${asOf} 在整机保修期内`, en: `on ${asOf} the whole unit is in warranty` },
    'warranty.mainPartsOnly': {
      zh: `${asOf} 整机保修已过，仅主要部件在保`,
      en: `on ${asOf} the whole-unit warranty has ended; only main parts are covered`,
    },
    'warranty.expired': { zh: `${asOf} 已过保修期`, en: `on ${asOf} the warranty has ended` },
  };
  const invoiceNoteZh = hasInvoice(unit) ? '' : '；无发票记录，三包不适用';
  const invoiceNoteEn = hasInvoice(unit) ? '' : '; no invoice on record, so 三包 will not apply';
  return {
    wholeUnit,
    mainParts,
    periodStart,
    restartedByReplacement: start.restarted,
    rule,
    reason: {
      zh: `保修自${fromZh}起算：${periodZh('整机', wholeUnit)}；${periodZh('主要部件', mainParts)}。${verdict[rule].zh}${invoiceNoteZh}。`,
      en:
        `Warranty runs from ${fromEn}: ${periodEn('whole unit', wholeUnit)}; ${periodEn('main parts', mainParts)}. ` +
        `${capitalise(verdict[rule].en)}${invoiceNoteEn}.`,
    },
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------
// 三包 remedy

const EXCLUSION_TEXT: Record<ExclusionRule, (unit: SoldUnit, fault: FaultReport) => Bilingual> = {
  'sanbao.excluded.misuse': () => ({
    zh: '因使用、维护、保管不当造成损坏',
    en: 'damage caused by misuse, poor maintenance or storage',
  }),
  'sanbao.excluded.dismantled': () => ({
    zh: '非三包修理者拆动造成损坏',
    en: 'damage after dismantling by someone not authorised to repair it',
  }),
  'sanbao.excluded.noInvoice': () => ({ zh: '无有效发票', en: 'no invoice on record' }),
  'sanbao.excluded.modelMismatch': (unit, fault) => ({
    zh: `现场型号 ${fault.modelFound} 与记录型号 ${unit.modelId} 不符`,
    en: `the model found on the unit, ${fault.modelFound}, does not match ${unit.modelId} on record`,
  }),
  'sanbao.excluded.forceMajeure': () => ({ zh: '因不可抗力造成损坏', en: 'damage caused by force majeure' }),
};

function exclusionsFor(unit: SoldUnit, fault: FaultReport): ExclusionRule[] {
  const found: ExclusionRule[] = [];
  if (fault.misuse) found.push('sanbao.excluded.misuse');
  if (fault.unauthorisedDismantling) found.push('sanbao.excluded.dismantled');
  if (!hasInvoice(unit)) found.push('sanbao.excluded.noInvoice');
  if (fault.modelFound != null && fault.modelFound !== unit.modelId) found.push('sanbao.excluded.modelMismatch');
  if (fault.forceMajeure) found.push('sanbao.excluded.forceMajeure');
  return found;
}

export function sanbaoRemedy(unit: SoldUnit, termsInput: Partial<WarrantyTerms>, fault: FaultReport): RemedyDecision {
  const terms = resolveTerms(termsInput);
  nonNegativeInt(unit.priceFen, 'unit.priceFen');
  const reportedDay = dayOf(fault.reportedOn, 'fault.reportedOn');
  const invoiceDay = dayOf(unit.invoiceDate, 'unit.invoiceDate');
  if (reportedDay < invoiceDay) {
    throw new RangeError(`fault.reportedOn ${fault.reportedOn} is before the invoice date ${unit.invoiceDate}`);
  }
  const start = periodStartDay(unit);
  if (reportedDay < start.day) {
    throw new RangeError(`fault.reportedOn ${fault.reportedOn} is before the replacement on ${unit.lastReplacedOn}`);
  }
  const daysInCurrentRepair = fault.daysInCurrentRepair ?? 0;
  const partsUnavailableDays = fault.partsUnavailableDays ?? 0;
  nonNegativeInt(daysInCurrentRepair, 'fault.daysInCurrentRepair');
  nonNegativeInt(partsUnavailableDays, 'fault.partsUnavailableDays');

  const warranty = warrantyStatus(unit, terms, fault.reportedOn);
  const repairs = unit.repairs ?? [];
  const daysSinceSale = reportedDay - invoiceDay;
  let daysSinceReceipt: number | null = null;
  if (unit.receivedOn != null) {
    daysSinceReceipt = reportedDay - dayOf(unit.receivedOn, 'unit.receivedOn');
    if (daysSinceReceipt < 0) {
      throw new RangeError(`fault.reportedOn ${fault.reportedOn} is before receipt on ${unit.receivedOn}`);
    }
  }
  // 折旧 counts from the invoice date less time in repair (部分商品修理更换退货责任规定 art. 13).
  const downtimeSinceSale = downtime(repairs, invoiceDay, reportedDay).reduce((n, s) => n + s.to - s.from, 0);
  const daysUsed = Math.max(0, daysSinceSale - downtimeSinceSale);
  // Repairs of the replaced unit belong to it; only repairs since the period start count.
  const sameFault = repairs.filter(
    (r) =>
      r.faultCode === fault.faultCode &&
      r.endedOn !== null &&
      dayOf(r.startedOn, 'repair.startedOn') >= start.day &&
      dayOf(r.endedOn, 'repair.endedOn') <= reportedDay,
  );
  const isMainPart = fault.partCode != null && terms.mainParts.includes(fault.partCode);
  const exclusions = exclusionsFor(unit, fault);

  const decide = (
    rule: RemedyRule,
    options: Remedy[],
    free: boolean,
    refundAmountFen: number,
    reason: Bilingual,
  ): RemedyDecision => ({
    rule,
    options,
    free,
    refundAmountFen,
    reason,
    exclusions,
    facts: { daysSinceSale, daysSinceReceipt, daysUsed, sameFaultRepairs: sameFault.length, isMainPart },
    warranty,
  });

  const saleZh = `开票日 ${unit.invoiceDate}，报修日 ${fault.reportedOn}，相隔 ${daysSinceSale} 天`;
  const saleEn = `invoice ${unit.invoiceDate}, reported ${fault.reportedOn}, ${daysSinceSale} days apart`;

  // 1. Exclusions
  if (exclusions.length > 0) {
    const texts = exclusions.map((e) => EXCLUSION_TEXT[e](unit, fault));
    return decide(exclusions[0], ['repair'], false, 0, {
      zh: `不属三包范围（${texts.map((t) => t.zh).join('；')}），按收费维修处理。`,
      en: `Not covered by 三包 (${texts.map((t) => t.en).join('; ')}): a paid repair.`,
    });
  }

  // 2. Online no-reason return: a separate right (网购七日无理由退货), only when asked for.
  let declinedZh = '';
  let declinedEn = '';
  if (fault.customerRequestsNoReasonReturn) {
    const limit = terms.onlineNoReasonReturnDays;
    if (unit.channel === 'online' && daysSinceReceipt !== null && daysSinceReceipt <= limit) {
      return decide('online.7dayNoReasonReturn', ['refund'], true, unit.priceFen, {
        zh: `网购七日无理由退货：签收日 ${unit.receivedOn}，申请日 ${fault.reportedOn}，相隔 ${daysSinceReceipt} 天（限 ${limit} 天），全额退款 ${yuan(unit.priceFen)}。`,
        en: `Online ${limit}-day no-reason return: received ${unit.receivedOn}, requested ${fault.reportedOn}, ${daysSinceReceipt} days apart (limit ${limit}); full refund ${yuan(unit.priceFen)}.`,
      });
    }
    if (unit.channel !== 'online') {
      declinedZh = '门店购买不适用七日无理由退货。';
      declinedEn = 'No-reason return declined: it applies only to online purchases. ';
    } else if (daysSinceReceipt === null) {
      declinedZh = '无签收日期记录，无法办理七日无理由退货。';
      declinedEn = 'No-reason return declined: no receipt date on record. ';
    } else {
      declinedZh = `签收日 ${unit.receivedOn} 至今 ${daysSinceReceipt} 天，超过 ${limit} 天，不能无理由退货。`;
      declinedEn = `No-reason return declined: received ${unit.receivedOn}, ${daysSinceReceipt} days ago, beyond ${limit}. `;
    }
  }
  const with_ = (rule: RemedyRule, options: Remedy[], free: boolean, refund: number, r: Bilingual) =>
    decide(rule, options, free, refund, { zh: declinedZh + r.zh, en: declinedEn + r.en });

  // 3–4. Early performance faults
  if (fault.kind === 'performance' && daysSinceSale <= terms.sevenDayWindowDays) {
    return with_('sanbao.7day', ['refund', 'replace', 'repair'], true, unit.priceFen, {
      zh: `三包${terms.sevenDayWindowDays}日规定：售出后${terms.sevenDayWindowDays}日内出现性能故障（${saleZh}），可选择退货、换货或修理；退货全额退款 ${yuan(unit.priceFen)}。`,
      en: `三包 ${terms.sevenDayWindowDays}-day rule: performance fault within ${terms.sevenDayWindowDays} days of sale (${saleEn}); the customer may choose refund, replacement or repair; a refund is the full ${yuan(unit.priceFen)}.`,
    });
  }
  if (fault.kind === 'performance' && daysSinceSale <= terms.fifteenDayWindowDays) {
    return with_('sanbao.15day', ['replace', 'repair'], true, 0, {
      zh: `三包${terms.fifteenDayWindowDays}日规定：售出后${terms.fifteenDayWindowDays}日内出现性能故障（${saleZh}，已过${terms.sevenDayWindowDays}日退货期），可选择换货或修理。`,
      en: `三包 ${terms.fifteenDayWindowDays}-day rule: performance fault within ${terms.fifteenDayWindowDays} days of sale (${saleEn}; past the ${terms.sevenDayWindowDays}-day refund window); the customer may choose replacement or repair.`,
    });
  }

  const whole = warranty.wholeUnit;
  const inWholeZh = `整机保修至 ${whole.endsOn}`;
  const inWholeEn = `whole-unit warranty to ${whole.endsOn}`;

  if (whole.inWarranty) {
    // 5. Same fault back after repeated repairs
    if (sameFault.length >= terms.failedRepairsBeforeReplacement) {
      const refund = refundLessDepreciation(unit.priceFen, terms.dailyDepreciationPerMillion, daysUsed);
      const rate = percentPerDay(terms.dailyDepreciationPerMillion);
      const dates = sameFault.map((r) => r.endedOn).join('、');
      const datesEn = sameFault.map((r) => r.endedOn).join(', ');
      return with_('sanbao.twoFailedRepairs', ['replace', 'refund'], true, refund, {
        zh: `三包期内同一故障（${fault.faultCode}）已修理 ${sameFault.length} 次（${dates} 修毕）仍不能正常使用（${inWholeZh}）：免费调换同型号产品，或退货并扣除折旧，退款 ${yuan(refund)} = ${yuan(unit.priceFen)} − ${yuan(unit.priceFen)} × ${rate}/天 × 使用 ${daysUsed} 天。`,
        en: `三包: fault ${fault.faultCode} has been repaired ${sameFault.length} times (finished ${datesEn}) and has failed again (${inWholeEn}): free replacement with the same model, or a refund less depreciation of ${yuan(refund)} = ${yuan(unit.priceFen)} − ${yuan(unit.priceFen)} × ${rate}/day × ${daysUsed} days used.`,
      });
    }
    // 6. Repair too slow
    if (daysInCurrentRepair > terms.repairLimitDays) {
      return with_('sanbao.repairOver30Days', ['replace'], true, 0, {
        zh: `三包期内修理已持续 ${daysInCurrentRepair} 天，超过 ${terms.repairLimitDays} 天修理期限（${inWholeZh}）：免费调换同型号产品。`,
        en: `三包: the repair has taken ${daysInCurrentRepair} days, over the ${terms.repairLimitDays}-day limit (${inWholeEn}): free replacement with the same model.`,
      });
    }
    // 7. Parts not to be had
    if (partsUnavailableDays > terms.partsWaitReplacementDays) {
      return with_('sanbao.partsUnavailable90Days', ['replace', 'repair'], true, 0, {
        zh: `三包期内配件已缺 ${partsUnavailableDays} 天，超过 ${terms.partsWaitReplacementDays} 天（${inWholeZh}）：顾客可要求免费换货，或继续等待修理。`,
        en: `三包: parts have been unavailable for ${partsUnavailableDays} days, over ${terms.partsWaitReplacementDays} (${inWholeEn}): the customer may demand a free replacement or keep waiting for the repair.`,
      });
    }
    // 8. Ordinary in-warranty repair
    const notCountedZh = whole.daysNotCounted > 0 ? `，含维修/待件顺延 ${whole.daysNotCounted} 天` : '';
    const notCountedEn = whole.daysNotCounted > 0 ? `, extended by ${whole.daysNotCounted} days in repair` : '';
    return with_('sanbao.inWarrantyRepair', ['repair'], true, 0, {
      zh: `整机三包期内免费修理：保修自 ${warranty.periodStart} 起 ${whole.months} 个月，至 ${whole.endsOn}${notCountedZh}；报修日 ${fault.reportedOn}。`,
      en: `In whole-unit warranty, free repair: ${whole.months} months from ${warranty.periodStart} to ${whole.endsOn}${notCountedEn}; reported ${fault.reportedOn}.`,
    });
  }

  // 9. Main part, longer period
  const main = warranty.mainParts;
  if (isMainPart && main.inWarranty) {
    return with_('sanbao.mainPartsWarranty', ['repair'], true, 0, {
      zh: `整机保修已于 ${whole.endsOn} 结束，但故障部件 ${fault.partCode} 属主要部件，保修至 ${main.endsOn}（报修日 ${fault.reportedOn}）：免费修理该主要部件。`,
      en: `The whole-unit warranty ended on ${whole.endsOn}, but ${fault.partCode} is a main part covered to ${main.endsOn} (reported ${fault.reportedOn}): free repair of that main part.`,
    });
  }

  // 10. Nothing covers it
  const partZh = fault.partCode == null ? '' : isMainPart ? `，主要部件保修已于 ${main.endsOn} 结束` : `，部件 ${fault.partCode} 不属主要部件`;
  const partEn =
    fault.partCode == null
      ? ''
      : isMainPart
        ? `; main-part cover ended on ${main.endsOn}`
        : `; ${fault.partCode} is not a main part`;
  return with_('sanbao.outOfWarranty', ['repair'], false, 0, {
    zh: `已过保修期：整机保修已于 ${whole.endsOn} 结束${partZh}（报修日 ${fault.reportedOn}），按收费维修处理。`,
    en: `Out of warranty: the whole-unit warranty ended on ${whole.endsOn}${partEn} (reported ${fault.reportedOn}); a paid repair.`,
  });
}

// ---------------------------------------------------------------------------------------
// Paid cover (the contracts module sells it; units only apply it)

/** An active extended warranty or maintenance contract on the unit, on the fault day. */
export interface ContractCover {
  contractId: string;
  kind: 'extended_warranty' | 'maintenance';
  endsOn: IsoDate;
  labour: boolean;
  parts: boolean;
  /** The parts it covers; null: every part. */
  partCodes: readonly string[] | null;
}

/**
 * The 三包 answer, honouring a paid contract: the statute decides first (a free remedy stays what
 * it is, an exclusion — misuse, dismantling, no invoice — is never bought back), then an extended
 * warranty covering labour and parts (and the faulty part, when one is named) makes a paid repair
 * free. A cover of labour only or parts only leaves the repair paid (fees price it whole); the
 * reason says so, so the desk can tell the customer.
 */
export function withContractCover(decision: RemedyDecision, cover: ContractCover | null, partCode?: string | null): RemedyDecision {
  if (!cover || decision.free || decision.exclusions.length > 0) return decision;
  const partCovered = cover.partCodes === null || partCode == null || cover.partCodes.includes(partCode);
  if (cover.kind === 'extended_warranty' && cover.labour && cover.parts && partCovered) {
    return {
      ...decision,
      rule: 'contract.extendedWarranty',
      free: true,
      reason: {
        zh: `延保合同有效至 ${cover.endsOn}，人工与配件均在保：免费修理。（${decision.reason.zh}）`,
        en: `Extended warranty contract in force to ${cover.endsOn}, covering labour and parts: a free repair. (${decision.reason.en})`,
      },
    };
  }
  const what = !partCovered ? { zh: `合同不含部件 ${partCode}`, en: `the contract does not cover part ${partCode}` } : cover.kind === 'maintenance' ? { zh: '保养合同只含保养上门，不含维修', en: 'a maintenance contract covers its maintenance visits, not repairs' } : { zh: cover.labour ? '合同只含人工' : '合同只含配件', en: cover.labour ? 'the contract covers labour only' : 'the contract covers parts only' };
  return { ...decision, reason: { zh: `${decision.reason.zh}（${what.zh}，仍按收费维修）`, en: `${decision.reason.en} (${what.en}: still a paid repair)` } };
}

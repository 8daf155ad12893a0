/**
 * Paid service products: terms, the visit schedule, which contract covers a fault day, when to
 * remind of renewal, and the pro-rata refund on cancellation. Pure: dates are 'YYYY-MM-DD'
 * calendar days (UTC day numbers, exact), money integer fen.
 *
 * Refund on cancellation (first row that matches):
 *
 * | rule                       | when                                                      | refund                                   |
 * |----------------------------|-----------------------------------------------------------|------------------------------------------|
 * | contracts.refund.coolingOff | cancelled within `coolingOffDays` of the sale, nothing used | the whole price                          |
 * | contracts.refund.notStarted | cancelled before the term starts, nothing used           | the price less the cancellation fee      |
 * | contracts.refund.ended      | cancelled on or after the last covered day               | nothing                                  |
 * | contracts.refund.proRata    | otherwise                                                 | price × (1 − the larger share consumed) − fee, never below 0 |
 *
 * The share consumed is the larger of days elapsed ÷ days in the term and visits used ÷ visits
 * included (a customer who used every visit in the first month has had the contract's worth);
 * a contract that already paid a repair (a covered claim) loses the cooling-off and not-started rows.
 * Fractions are compared in integers and the refund floors to the fen (the company keeps the
 * odd fen, never the customer a fen too many).
 */

import { zonedInstant } from '../../shared/zoned.js';

export type ContractKind = 'extended_warranty' | 'maintenance';

const DAY_MS = 86_400_000;
export function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `months` calendar months on from `iso`, the day clamped to the month's last (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = ((index % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The last covered day of a term of `months` from `startsOn` (the day before the same date `months` later). */
export function termEndsOn(startsOn: string, months: number): string {
  return isoOfDay(dayNumber(addMonths(startsOn, months)) - 1);
}

/**
 * Maintenance visits: every `everyMonths` from the start (the first one `everyMonths` in), within
 * the term, at most `visitsIncluded`. A visit falling on the anniversary (the day after the last
 * covered day) is brought forward to the last day: a 6-month contract with a visit every 3 months has two.
 */
export function visitSchedule(c: { startsOn: string; endsOn: string; visitEveryMonths: number; visitsIncluded: number }): string[] {
  if (c.visitEveryMonths <= 0 || c.visitsIncluded <= 0) return [];
  const out: string[] = [];
  for (let k = 1; out.length < c.visitsIncluded; k++) {
    let due = addMonths(c.startsOn, k * c.visitEveryMonths);
    if (due > c.endsOn && dayNumber(due) === dayNumber(c.endsOn) + 1) due = c.endsOn;
    if (due > c.endsOn) break;
    out.push(due);
  }
  return out;
}

/** The office hours a contract visit is wished in: 09:00–18:00 on its due day in the customer's zone (the company's when they have none). */
export const visitHours = { from: '09:00', to: '18:00' } as const;

/** A visit's wished window as instants: its due date read as a local day in `zone`. */
export function visitWindow(dueOn: string, zone: string): { from: string; to: string } {
  return { from: zonedInstant(dueOn, visitHours.from, zone).toISOString(), to: zonedInstant(dueOn, visitHours.to, zone).toISOString() };
}

export type CoverCandidate = { id: string; kind: ContractKind; status: 'active' | 'cancelled'; startsOn: string; endsOn: string; coversLabour: boolean; coversParts: boolean; partCodes: string[] | null };

/** The contract covering a fault on `day`: an active one whose term holds the day; an extended warranty before a maintenance contract, then the one ending last. */
export function coverOn<C extends CoverCandidate>(contracts: readonly C[], day: string): C | null {
  const live = contracts.filter((c) => c.status === 'active' && c.startsOn <= day && day <= c.endsOn);
  live.sort((a, b) => (a.kind === b.kind ? (a.endsOn < b.endsOn ? 1 : a.endsOn > b.endsOn ? -1 : 0) : a.kind === 'extended_warranty' ? -1 : 1));
  return live[0] ?? null;
}

/** A renewal reminder is due from `daysBefore` days before the last covered day until that day. */
export function renewalDue(endsOn: string, today: string, daysBefore: number): boolean {
  const left = dayNumber(endsOn) - dayNumber(today);
  return left >= 0 && left <= daysBefore;
}

export type RefundInput = {
  priceFen: number;
  soldOn: string;
  startsOn: string;
  endsOn: string;
  cancelOn: string;
  visitsIncluded: number;
  visitsUsed: number;
  coveredClaims: number;
  coolingOffDays: number;
  cancellationFeeFen: number;
};
export type RefundRule = 'contracts.refund.coolingOff' | 'contracts.refund.notStarted' | 'contracts.refund.ended' | 'contracts.refund.proRata';
export type RefundDecision = { rule: RefundRule; refundFen: number; reason: { zh: string; en: string } };

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export function proRataRefund(r: RefundInput): RefundDecision {
  for (const [k, v] of Object.entries({ priceFen: r.priceFen, visitsIncluded: r.visitsIncluded, visitsUsed: r.visitsUsed, coveredClaims: r.coveredClaims, coolingOffDays: r.coolingOffDays, cancellationFeeFen: r.cancellationFeeFen })) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k}: expected a non-negative integer, got ${v}`);
  }
  if (r.cancelOn < r.soldOn) throw new RangeError(`cancelOn ${r.cancelOn} is before the sale on ${r.soldOn}`);
  const nothingUsed = r.visitsUsed === 0 && r.coveredClaims === 0;
  if (nothingUsed && dayNumber(r.cancelOn) - dayNumber(r.soldOn) <= r.coolingOffDays) {
    return { rule: 'contracts.refund.coolingOff', refundFen: r.priceFen, reason: { zh: `售出 ${r.coolingOffDays} 天内取消且未使用：全额退款 ${yuan(r.priceFen)}`, en: `Cancelled within ${r.coolingOffDays} days of the sale, unused: the whole ${yuan(r.priceFen)} back` } };
  }
  const fee = Math.min(r.cancellationFeeFen, r.priceFen);
  if (nothingUsed && r.cancelOn < r.startsOn) {
    return { rule: 'contracts.refund.notStarted', refundFen: r.priceFen - fee, reason: { zh: `保障期 ${r.startsOn} 起，尚未开始：退 ${yuan(r.priceFen - fee)}（扣手续费 ${yuan(fee)}）`, en: `Cover starts ${r.startsOn}, not begun: ${yuan(r.priceFen - fee)} back (less the ${yuan(fee)} fee)` } };
  }
  if (r.cancelOn >= r.endsOn) {
    return { rule: 'contracts.refund.ended', refundFen: 0, reason: { zh: `保障期已于 ${r.endsOn} 届满，无退款`, en: `The cover ran to ${r.endsOn}: nothing back` } };
  }
  const total = dayNumber(r.endsOn) - dayNumber(r.startsOn) + 1;
  const used = Math.max(0, dayNumber(r.cancelOn) - dayNumber(r.startsOn));
  // The larger consumed share: used/total against visitsUsed/visitsIncluded, cross-multiplied.
  let num = used;
  let den = total;
  if (r.visitsIncluded > 0 && r.visitsUsed * total > used * r.visitsIncluded) {
    num = Math.min(r.visitsUsed, r.visitsIncluded);
    den = r.visitsIncluded;
  }
  const remaining = Math.floor((r.priceFen * (den - num)) / den);
  const refundFen = Math.max(0, remaining - fee);
  const byVisits = den === r.visitsIncluded && num !== used;
  const share = byVisits ? { zh: `已用上门 ${num}/${den} 次`, en: `${num} of ${den} visits used` } : { zh: `已用 ${num}/${den} 天`, en: `${num} of ${den} days used` };
  return { rule: 'contracts.refund.proRata', refundFen, reason: { zh: `按比例退款：${share.zh}，剩余 ${yuan(remaining)}，扣手续费 ${yuan(fee)}，退 ${yuan(refundFen)}`, en: `Pro rata: ${share.en}, ${yuan(remaining)} unused, less the ${yuan(fee)} fee: ${yuan(refundFen)} back` } };
}

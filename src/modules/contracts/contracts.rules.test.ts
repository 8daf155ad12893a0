import { describe, expect, it } from 'vitest';
import { addMonths, coverOn, proRataRefund, renewalDue, termEndsOn, visitSchedule, visitWindow, type CoverCandidate, type RefundInput } from './contracts.rules.js';

const base: RefundInput = { priceFen: 36500, soldOn: '2026-01-01', startsOn: '2026-01-01', endsOn: '2026-12-31', cancelOn: '2026-07-01', visitsIncluded: 0, visitsUsed: 0, coveredClaims: 0, coolingOffDays: 15, cancellationFeeFen: 0 };

describe('pro-rata refund on cancellation', () => {
  it.each<[string, Partial<RefundInput>, string, number]>([
    ['within cooling-off, unused: all back', { cancelOn: '2026-01-10', cancellationFeeFen: 1000 }, 'contracts.refund.coolingOff', 36500],
    ['day 15 still cooling-off', { cancelOn: '2026-01-16' }, 'contracts.refund.coolingOff', 36500],
    ['cooling-off lost by a covered claim', { cancelOn: '2026-01-10', coveredClaims: 1 }, 'contracts.refund.proRata', 36500 - 9 * 100],
    ['before the term starts: price less fee', { startsOn: '2027-01-01', endsOn: '2027-12-31', cancelOn: '2026-03-01', cancellationFeeFen: 2000 }, 'contracts.refund.notStarted', 34500],
    ['half a year in (181 of 365 days)', {}, 'contracts.refund.proRata', Math.floor((36500 * 184) / 365)],
    ['fee taken from the remainder', { cancellationFeeFen: 5000 }, 'contracts.refund.proRata', Math.floor((36500 * 184) / 365) - 5000],
    ['fee larger than the remainder: nothing, never negative', { cancelOn: '2026-12-30', cancellationFeeFen: 5000 }, 'contracts.refund.proRata', 0],
    ['visits used count when they consumed more', { visitsIncluded: 4, visitsUsed: 3, cancelOn: '2026-02-01' }, 'contracts.refund.proRata', 9125],
    ['days count when they consumed more', { visitsIncluded: 4, visitsUsed: 1 }, 'contracts.refund.proRata', Math.floor((36500 * 184) / 365)],
    ['on the last day: nothing', { cancelOn: '2026-12-31' }, 'contracts.refund.ended', 0],
    ['odd fen floored to the company', { priceFen: 100, cancelOn: '2026-01-20', coolingOffDays: 0 }, 'contracts.refund.proRata', Math.floor((100 * 346) / 365)],
  ])('%s', (_name, over, rule, refundFen) => {
    const d = proRataRefund({ ...base, ...over });
    expect(d).toMatchObject({ rule, refundFen });
    expect(d.reason.zh.length).toBeGreaterThan(0);
    expect(d.reason.en.length).toBeGreaterThan(0);
  });
  it('refuses nonsense', () => {
    expect(() => proRataRefund({ ...base, priceFen: -1 })).toThrow(RangeError);
    expect(() => proRataRefund({ ...base, priceFen: 1.5 })).toThrow(RangeError);
    expect(() => proRataRefund({ ...base, cancelOn: '2025-12-31' })).toThrow(RangeError);
  });
});

describe('terms and schedules', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
  ])('addMonths(%s, %i) = %s', (from, n, to) => expect(addMonths(from, n)).toBe(to));
  it('a term ends the day before its anniversary', () => {
    expect(termEndsOn('2026-03-01', 12)).toBe('2027-02-28');
    expect(termEndsOn('2024-02-29', 12)).toBe('2025-02-27');
  });
  it('visits every N months inside the term, at most the included number', () => {
    expect(visitSchedule({ startsOn: '2026-01-31', endsOn: '2026-12-30', visitEveryMonths: 3, visitsIncluded: 4 })).toEqual(['2026-04-30', '2026-07-31', '2026-10-31']);
    expect(visitSchedule({ startsOn: '2026-01-01', endsOn: '2027-12-31', visitEveryMonths: 6, visitsIncluded: 2 })).toEqual(['2026-07-01', '2027-01-01']);
    expect(visitSchedule({ startsOn: '2026-01-01', endsOn: '2026-12-31', visitEveryMonths: 0, visitsIncluded: 2 })).toEqual([]);
    // The anniversary is the day after the term: that visit comes on the last covered day.
    expect(visitSchedule({ startsOn: '2026-07-02', endsOn: termEndsOn('2026-07-02', 6), visitEveryMonths: 3, visitsIncluded: 2 })).toEqual(['2026-10-02', '2027-01-01']);
  });
  it('renewal reminders from N days before the end to the end', () => {
    expect(renewalDue('2026-12-31', '2026-12-01', 30)).toBe(true);
    expect(renewalDue('2026-12-31', '2026-11-30', 30)).toBe(false);
    expect(renewalDue('2026-12-31', '2026-12-31', 30)).toBe(true);
    expect(renewalDue('2026-12-31', '2027-01-01', 30)).toBe(false);
  });
  it('the cover on a day: active, in term, an extended warranty first', () => {
    const c = (id: string, kind: CoverCandidate['kind'], startsOn: string, endsOn: string, status: CoverCandidate['status'] = 'active'): CoverCandidate => ({ id, kind, status, startsOn, endsOn, coversLabour: true, coversParts: true, partCodes: null });
    const all = [c('m', 'maintenance', '2026-01-01', '2026-12-31'), c('e', 'extended_warranty', '2026-01-01', '2027-12-31'), c('x', 'extended_warranty', '2026-01-01', '2028-12-31', 'cancelled')];
    expect(coverOn(all, '2026-06-01')?.id).toBe('e');
    expect(coverOn(all, '2028-06-01')).toBeNull();
    expect(coverOn(all, '2025-12-31')).toBeNull();
    expect(coverOn([all[0]], '2026-12-31')?.id).toBe('m');
  });
});

describe("a contract visit's window in the customer's zone", () => {
  it.each<[string, string, string, string, string]>([
    ['Shanghai: 09:00–18:00 is 01:00–10:00 UTC the same day', '2027-03-01', 'Asia/Shanghai', '2027-03-01T01:00:00.000Z', '2027-03-01T10:00:00.000Z'],
    ['Los Angeles: the window crosses the UTC day boundary', '2027-03-01', 'America/Los_Angeles', '2027-03-01T17:00:00.000Z', '2027-03-02T02:00:00.000Z'],
    ['Los Angeles on the day summer time starts (UTC−7)', '2027-03-14', 'America/Los_Angeles', '2027-03-14T16:00:00.000Z', '2027-03-15T01:00:00.000Z'],
    ['Auckland: the local day starts the UTC day before', '2027-03-01', 'Pacific/Auckland', '2027-02-28T20:00:00.000Z', '2027-03-01T05:00:00.000Z'],
    ['Kolkata: a half-hour offset', '2027-03-01', 'Asia/Kolkata', '2027-03-01T03:30:00.000Z', '2027-03-01T12:30:00.000Z'],
  ])('%s', (_name, dueOn, zone, from, to) => {
    expect(visitWindow(dueOn, zone)).toEqual({ from, to });
  });
});

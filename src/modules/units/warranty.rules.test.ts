import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  refundLessDepreciation,
  resolveTerms,
  sanbaoRemedy,
  warrantyStatus,
  type ContractCover,
  type FaultReport,
  type RemedyDecision,
  type RemedyRule,
  type SoldUnit,
  type WarrantyTerms,
  withContractCover,
} from './warranty.rules.js';

// An air conditioner bought on 2024-03-01: whole unit to 2025-03-01, compressor to 2027-03-01.
const terms: Partial<WarrantyTerms> = {
  wholeUnitMonths: 12,
  mainPartsMonths: 36,
  mainParts: ['COMPRESSOR'],
  dailyDepreciationPerMillion: 500,
};

const PRICE = 329_900;

function unit(over: Partial<SoldUnit> = {}): SoldUnit {
  return {
    modelId: 'KFR-35GW',
    channel: 'store',
    invoiceDate: '2024-03-01',
    invoiceNumber: 'INV-0001',
    priceFen: PRICE,
    repairs: [],
    ...over,
  };
}

function fault(reportedOn: string, over: Partial<FaultReport> = {}): FaultReport {
  return { reportedOn, faultCode: 'E1', kind: 'other', ...over };
}

const CJK = /[\u4e00-\u9fff]/;

/** Every answer must carry its rule code and a reason in both languages naming the facts. */
function expectExplained(d: { rule: string; reason: { zh: string; en: string } }, rule: string, facts: string[] = []) {
  expect(d.rule).toBe(rule);
  expect(d.reason.zh).toMatch(CJK);
  expect(d.reason.en).toMatch(/[A-Za-z]{3,}/);
  for (const f of facts) {
    expect(d.reason.zh).toContain(f);
    expect(d.reason.en).toContain(f);
  }
}

describe('calendar arithmetic', () => {
  it('counts spans with the first day not counted', () => {
    expect(daysBetween('2024-03-01', '2024-03-08')).toBe(7);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2); // leap year
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
  });

  it('rejects what is not a calendar date instead of rolling it over', () => {
    expect(() => daysBetween('2024-02-30', '2024-03-01')).toThrow(RangeError);
    expect(() => daysBetween('2024/03/01', '2024-03-01')).toThrow(RangeError);
    expect(() => daysBetween('2023-02-29', '2024-03-01')).toThrow(RangeError);
  });

  it('ends a month-based period on the last day of a shorter month', () => {
    const jan31 = warrantyStatus(unit({ invoiceDate: '2024-01-31' }), { ...terms, wholeUnitMonths: 1 }, '2024-02-01');
    expect(jan31.wholeUnit.endsOn).toBe('2024-02-29');
    const leap = warrantyStatus(unit({ invoiceDate: '2024-02-29' }), terms, '2024-03-01');
    expect(leap.wholeUnit.endsOn).toBe('2025-02-28');
  });
});

describe('terms', () => {
  it('defaults to the 三包 figures', () => {
    expect(resolveTerms()).toMatchObject({
      wholeUnitMonths: 12,
      mainPartsMonths: 36,
      repairLimitDays: 30,
      partsWaitReplacementDays: 90,
      sevenDayWindowDays: 7,
      fifteenDayWindowDays: 15,
      failedRepairsBeforeReplacement: 2,
      onlineNoReasonReturnDays: 7,
      dailyDepreciationPerMillion: 500,
    });
  });

  it('keeps a catalogue value and rejects a fractional one', () => {
    expect(resolveTerms({ wholeUnitMonths: 24 }).wholeUnitMonths).toBe(24);
    expect(() => resolveTerms({ repairLimitDays: 30.5 })).toThrow(/repairLimitDays/);
    expect(() => resolveTerms({ dailyDepreciationPerMillion: -1 })).toThrow(/dailyDepreciationPerMillion/);
  });

  it('applies a configured window instead of the default', () => {
    const d = sanbaoRemedy(unit(), { ...terms, sevenDayWindowDays: 10 }, fault('2024-03-11', { kind: 'performance' }));
    expect(d.rule).toBe('sanbao.7day');
  });
});

describe('warrantyStatus', () => {
  it('covers the whole unit through its last day and not the day after', () => {
    const last = warrantyStatus(unit(), terms, '2025-03-01');
    expect(last.wholeUnit).toMatchObject({ inWarranty: true, startsOn: '2024-03-01', endsOn: '2025-03-01', daysNotCounted: 0 });
    expectExplained(last, 'warranty.wholeUnit', ['2025-03-01']);

    const next = warrantyStatus(unit(), terms, '2025-03-02');
    expect(next.wholeUnit.inWarranty).toBe(false);
    expect(next.mainParts).toMatchObject({ inWarranty: true, endsOn: '2027-03-01' });
    expectExplained(next, 'warranty.mainPartsOnly', ['2027-03-01']);

    expectExplained(warrantyStatus(unit(), terms, '2027-03-02'), 'warranty.expired');
    expect(warrantyStatus(unit(), terms, '2027-03-01').mainParts.inWarranty).toBe(true);
  });

  it('says the period has not started before the invoice date', () => {
    const s = warrantyStatus(unit(), terms, '2024-02-29');
    expect(s.wholeUnit.inWarranty).toBe(false);
    expect(s.mainParts.inWarranty).toBe(false);
    expectExplained(s, 'warranty.notStarted');
  });

  it('pushes the end back by the days in repair', () => {
    const u = unit({ repairs: [{ faultCode: 'E1', startedOn: '2024-06-01', endedOn: '2024-06-11', partsWaitDays: 6 }] });
    const s = warrantyStatus(u, terms, '2025-03-11');
    expect(s.wholeUnit).toMatchObject({ inWarranty: true, endsOn: '2025-03-11', nominalEndsOn: '2025-03-01', daysNotCounted: 10 });
    expect(s.mainParts).toMatchObject({ endsOn: '2027-03-11', daysNotCounted: 10 });
    expect(s.reason.zh).toContain('10 天');
    expect(s.reason.en).toContain('10 days');
    expect(warrantyStatus(u, terms, '2025-03-12').wholeUnit.inWarranty).toBe(false);
  });

  it('stops the clock for a repair still open on asOf, up to asOf', () => {
    const u = unit({ repairs: [{ faultCode: 'E1', startedOn: '2025-02-20', endedOn: null }] });
    const s = warrantyStatus(u, terms, '2025-03-05');
    expect(s.wholeUnit).toMatchObject({ inWarranty: true, daysNotCounted: 13, endsOn: '2025-03-14' });
  });

  it('counts overlapping repairs once', () => {
    const u = unit({
      repairs: [
        { faultCode: 'E1', startedOn: '2024-06-01', endedOn: '2024-06-11' },
        { faultCode: 'E2', startedOn: '2024-06-05', endedOn: '2024-06-15' },
      ],
    });
    expect(warrantyStatus(u, terms, '2024-12-01').wholeUnit.daysNotCounted).toBe(14);
  });

  it('does not extend the whole-unit period by a repair begun after it ended, but does the main-parts one', () => {
    const u = unit({ repairs: [{ faultCode: 'E9', startedOn: '2025-04-01', endedOn: '2025-04-20' }] });
    const s = warrantyStatus(u, terms, '2025-06-01');
    expect(s.wholeUnit).toMatchObject({ endsOn: '2025-03-01', daysNotCounted: 0 });
    expect(s.mainParts).toMatchObject({ endsOn: '2027-03-20', daysNotCounted: 19 });
  });

  it('restarts on replacement and forgets the old unit’s repairs', () => {
    const u = unit({
      lastReplacedOn: '2024-12-01',
      repairs: [{ faultCode: 'E1', startedOn: '2024-06-01', endedOn: '2024-06-11' }],
    });
    const s = warrantyStatus(u, terms, '2025-06-01');
    expect(s.periodStart).toBe('2024-12-01');
    expect(s.restartedByReplacement).toBe(true);
    expect(s.wholeUnit).toMatchObject({ inWarranty: true, startsOn: '2024-12-01', endsOn: '2025-12-01', daysNotCounted: 0 });
    expectExplained(s, 'warranty.wholeUnit', ['2024-12-01']);
    expect(warrantyStatus(unit(), terms, '2025-06-01').restartedByReplacement).toBe(false);
  });

  it('warns that 三包 will not apply when there is no invoice', () => {
    const s = warrantyStatus(unit({ invoiceNumber: null }), terms, '2024-06-01');
    expect(s.reason.zh).toContain('无发票');
    expect(s.reason.en).toContain('no invoice');
  });

  it('refuses a parts wait longer than its repair, which would mean it was counted outside the span', () => {
    const u = unit({ repairs: [{ faultCode: 'E1', startedOn: '2024-06-01', endedOn: '2024-06-05', partsWaitDays: 5 }] });
    expect(() => warrantyStatus(u, terms, '2024-07-01')).toThrow(/partsWaitDays/);
  });

  it('accepts an open repair whose recorded parts wait is longer than its span up to an earlier asOf', () => {
    // Asked about a past day, the wait recorded since then has not all elapsed yet: not an error.
    const u = unit({ repairs: [{ faultCode: 'E1', startedOn: '2024-06-01', endedOn: null, partsWaitDays: 20 }] });
    expect(warrantyStatus(u, terms, '2024-06-05').wholeUnit.daysNotCounted).toBe(4);
  });

  it('refuses a repair that ends before it starts', () => {
    const u = unit({ repairs: [{ faultCode: 'E1', startedOn: '2024-06-05', endedOn: '2024-06-01' }] });
    expect(() => warrantyStatus(u, terms, '2024-07-01')).toThrow(RangeError);
  });
});

describe('sanbaoRemedy: 7 and 15 days after sale', () => {
  it('day 7: a performance fault lets the customer choose refund, replacement or repair, full price', () => {
    const d = sanbaoRemedy(unit(), terms, fault('2024-03-08', { kind: 'performance' }));
    expect(d).toMatchObject({ options: ['refund', 'replace', 'repair'], free: true, refundAmountFen: PRICE });
    expect(d.facts.daysSinceSale).toBe(7);
    expectExplained(d, 'sanbao.7day', ['2024-03-01', '2024-03-08', '¥3299.00']);
  });

  it('day 8: no refund, replacement or repair', () => {
    const d = sanbaoRemedy(unit(), terms, fault('2024-03-09', { kind: 'performance' }));
    expect(d).toMatchObject({ options: ['replace', 'repair'], free: true, refundAmountFen: 0 });
    expectExplained(d, 'sanbao.15day', ['2024-03-09', '8']);
  });

  it('day 15 still replaces; day 16 is an ordinary free repair', () => {
    expect(sanbaoRemedy(unit(), terms, fault('2024-03-16', { kind: 'performance' })).rule).toBe('sanbao.15day');
    const d16 = sanbaoRemedy(unit(), terms, fault('2024-03-17', { kind: 'performance' }));
    expect(d16).toMatchObject({ options: ['repair'], free: true });
    expectExplained(d16, 'sanbao.inWarrantyRepair', ['2025-03-01']);
  });

  it('gives nothing early to a fault that is not a performance fault', () => {
    const d = sanbaoRemedy(unit(), terms, fault('2024-03-02', { kind: 'other' }));
    expectExplained(d, 'sanbao.inWarrantyRepair');
    expect(d.options).toEqual(['repair']);
  });
});

describe('sanbaoRemedy: online no-reason return', () => {
  const online = unit({ channel: 'online', receivedOn: '2024-03-10' });

  it('refunds in full within 7 days of receipt, counted from receipt, not from the invoice', () => {
    const d = sanbaoRemedy(online, terms, fault('2024-03-17', { customerRequestsNoReasonReturn: true }));
    expect(d).toMatchObject({ options: ['refund'], free: true, refundAmountFen: PRICE });
    expect(d.facts).toMatchObject({ daysSinceReceipt: 7, daysSinceSale: 16 });
    expectExplained(d, 'online.7dayNoReasonReturn', ['2024-03-10', '2024-03-17', '¥3299.00']);
  });

  it('declines on day 8 after receipt, says why, and falls through to 三包', () => {
    const d = sanbaoRemedy(online, terms, fault('2024-03-18', { customerRequestsNoReasonReturn: true }));
    expectExplained(d, 'sanbao.inWarrantyRepair', ['2024-03-10']);
    expect(d.reason.en).toMatch(/^No-reason return declined: received 2024-03-10, 8 days ago/);
    expect(d.reason.zh).toContain('不能无理由退货');
  });

  it('is not available for a store purchase', () => {
    const d = sanbaoRemedy(unit({ receivedOn: '2024-03-10' }), terms, fault('2024-03-12', { customerRequestsNoReasonReturn: true }));
    expectExplained(d, 'sanbao.inWarrantyRepair');
    expect(d.options).toEqual(['repair']);
    expect(d.reason.en).toContain('only to online purchases');
    expect(d.reason.zh).toContain('门店购买');
  });

  it('is not granted unless the customer asks', () => {
    expect(sanbaoRemedy(online, terms, fault('2024-03-12')).rule).toBe('sanbao.inWarrantyRepair');
  });

  it('cannot be granted without a receipt date', () => {
    const d = sanbaoRemedy(unit({ channel: 'online' }), terms, fault('2024-03-20', { customerRequestsNoReasonReturn: true }));
    expectExplained(d, 'sanbao.inWarrantyRepair');
    expect(d.reason.en).toContain('no receipt date');
  });
});

describe('sanbaoRemedy: repeated repairs, slow repairs, missing parts', () => {
  const twoRepairsOfE1 = unit({
    repairs: [
      { faultCode: 'E1', startedOn: '2024-05-01', endedOn: '2024-05-05' },
      { faultCode: 'E1', startedOn: '2024-07-01', endedOn: '2024-07-04' },
    ],
  });

  it('third failure of the same fault: replacement or refund less depreciation, exact to the fen', () => {
    const d = sanbaoRemedy(twoRepairsOfE1, terms, fault('2024-09-01'));
    // 184 days since the invoice, 7 of them in repair: 177 used.
    // 329900 × 0.0005 × 177 = 29196.15 fen; 329900 − 29196.15 = 300703.85 → 300704.
    expect(d.facts).toMatchObject({ daysSinceSale: 184, daysUsed: 177, sameFaultRepairs: 2 });
    expect(d).toMatchObject({ options: ['replace', 'refund'], free: true, refundAmountFen: 300_704 });
    expectExplained(d, 'sanbao.twoFailedRepairs', ['E1', '2024-05-05', '2024-07-04', '¥3007.04', '177', '0.05%']);
  });

  it('second failure (one prior repair) is still an ordinary free repair', () => {
    const one = unit({ repairs: [{ faultCode: 'E1', startedOn: '2024-05-01', endedOn: '2024-05-05' }] });
    expect(sanbaoRemedy(one, terms, fault('2024-09-01')).rule).toBe('sanbao.inWarrantyRepair');
  });

  it('a different fault does not count toward the two', () => {
    const mixed = unit({
      repairs: [
        { faultCode: 'E1', startedOn: '2024-05-01', endedOn: '2024-05-05' },
        { faultCode: 'E2', startedOn: '2024-07-01', endedOn: '2024-07-04' },
      ],
    });
    const d = sanbaoRemedy(mixed, terms, fault('2024-09-01'));
    expect(d.rule).toBe('sanbao.inWarrantyRepair');
    expect(d.facts.sameFaultRepairs).toBe(1);
    expect(sanbaoRemedy(twoRepairsOfE1, terms, fault('2024-09-01', { faultCode: 'E2' })).rule).toBe('sanbao.inWarrantyRepair');
  });

  it('a repair still open is not a completed repair', () => {
    const open = unit({
      repairs: [
        { faultCode: 'E1', startedOn: '2024-05-01', endedOn: '2024-05-05' },
        { faultCode: 'E1', startedOn: '2024-08-25', endedOn: null },
      ],
    });
    expect(sanbaoRemedy(open, terms, fault('2024-09-01')).rule).toBe('sanbao.inWarrantyRepair');
  });

  it('replaying an earlier day counts only repairs finished by then', () => {
    const d = sanbaoRemedy(twoRepairsOfE1, terms, fault('2024-07-02'));
    expect(d.rule).toBe('sanbao.inWarrantyRepair');
    expect(d.facts.sameFaultRepairs).toBe(1);
  });

  it('repairs of the unit that was replaced do not count', () => {
    const replaced = unit({ ...twoRepairsOfE1, lastReplacedOn: '2024-08-01' });
    expect(sanbaoRemedy(replaced, terms, fault('2024-09-01')).rule).toBe('sanbao.inWarrantyRepair');
  });

  it('honours a configured number of repairs', () => {
    const d = sanbaoRemedy(twoRepairsOfE1, { ...terms, failedRepairsBeforeReplacement: 3 }, fault('2024-09-01'));
    expect(d.rule).toBe('sanbao.inWarrantyRepair');
  });

  it('depreciation never takes a refund below zero', () => {
    const long = { ...terms, wholeUnitMonths: 120, dailyDepreciationPerMillion: 5_000 };
    const old = unit({
      repairs: [
        { faultCode: 'E1', startedOn: '2025-05-01', endedOn: '2025-05-05' },
        { faultCode: 'E1', startedOn: '2025-07-01', endedOn: '2025-07-04' },
      ],
    });
    const d = sanbaoRemedy(old, long, fault('2025-09-01'));
    expect(d.rule).toBe('sanbao.twoFailedRepairs');
    expect(d.refundAmountFen).toBe(0);
  });

  it('outside the whole-unit period repeated repairs give no replacement', () => {
    const late = unit({
      repairs: [
        { faultCode: 'E1', startedOn: '2025-04-01', endedOn: '2025-04-02' },
        { faultCode: 'E1', startedOn: '2025-05-01', endedOn: '2025-05-02' },
      ],
    });
    expect(sanbaoRemedy(late, terms, fault('2025-06-01')).rule).toBe('sanbao.outOfWarranty');
    expect(sanbaoRemedy(late, terms, fault('2025-06-01', { partCode: 'COMPRESSOR' })).rule).toBe('sanbao.mainPartsWarranty');
  });

  it('a repair of 30 days is within the limit; 31 days means replacement', () => {
    expect(sanbaoRemedy(unit(), terms, fault('2024-09-01', { daysInCurrentRepair: 30 })).rule).toBe('sanbao.inWarrantyRepair');
    const d = sanbaoRemedy(unit(), terms, fault('2024-09-01', { daysInCurrentRepair: 31 }));
    expect(d).toMatchObject({ options: ['replace'], free: true, refundAmountFen: 0 });
    expectExplained(d, 'sanbao.repairOver30Days', ['31', '30']);
  });

  it('parts missing 90 days is waiting; 91 lets the customer demand replacement', () => {
    expect(sanbaoRemedy(unit(), terms, fault('2024-09-01', { partsUnavailableDays: 90 })).rule).toBe('sanbao.inWarrantyRepair');
    const d = sanbaoRemedy(unit(), terms, fault('2024-09-01', { partsUnavailableDays: 91 }));
    expect(d).toMatchObject({ options: ['replace', 'repair'], free: true });
    expectExplained(d, 'sanbao.partsUnavailable90Days', ['91', '90']);
  });

  it('repeated failure outranks a slow repair, which outranks missing parts', () => {
    expect(sanbaoRemedy(twoRepairsOfE1, terms, fault('2024-09-01', { daysInCurrentRepair: 40 })).rule).toBe(
      'sanbao.twoFailedRepairs',
    );
    expect(sanbaoRemedy(unit(), terms, fault('2024-09-01', { daysInCurrentRepair: 40, partsUnavailableDays: 100 })).rule).toBe(
      'sanbao.repairOver30Days',
    );
  });

  it('a slow repair out of warranty is still a paid repair', () => {
    expect(sanbaoRemedy(unit(), terms, fault('2025-06-01', { daysInCurrentRepair: 45 })).rule).toBe('sanbao.outOfWarranty');
  });
});

describe('sanbaoRemedy: whole unit, main parts, out of warranty', () => {
  it('last day of the whole-unit period is a free repair; the next day is paid', () => {
    const last = sanbaoRemedy(unit(), terms, fault('2025-03-01'));
    expect(last).toMatchObject({ options: ['repair'], free: true });
    expectExplained(last, 'sanbao.inWarrantyRepair', ['2024-03-01', '2025-03-01']);

    const next = sanbaoRemedy(unit(), terms, fault('2025-03-02', { partCode: 'FAN_MOTOR' }));
    expect(next).toMatchObject({ options: ['repair'], free: false, refundAmountFen: 0 });
    expectExplained(next, 'sanbao.outOfWarranty', ['2025-03-01', 'FAN_MOTOR']);
  });

  it('a main part stays free to its own last day, then is paid', () => {
    const inMain = sanbaoRemedy(unit(), terms, fault('2027-03-01', { partCode: 'COMPRESSOR' }));
    expect(inMain.free).toBe(true);
    expectExplained(inMain, 'sanbao.mainPartsWarranty', ['COMPRESSOR', '2027-03-01']);
    const after = sanbaoRemedy(unit(), terms, fault('2027-03-02', { partCode: 'COMPRESSOR' }));
    expect(after.free).toBe(false);
    expectExplained(after, 'sanbao.outOfWarranty', ['2027-03-01']);
  });

  it('within the whole-unit period a main part is simply a whole-unit repair', () => {
    expect(sanbaoRemedy(unit(), terms, fault('2024-09-01', { partCode: 'COMPRESSOR' })).rule).toBe('sanbao.inWarrantyRepair');
  });

  it('days in repair keep the whole unit free past its nominal end', () => {
    const u = unit({ repairs: [{ faultCode: 'E2', startedOn: '2024-06-01', endedOn: '2024-06-11' }] });
    const d = sanbaoRemedy(u, terms, fault('2025-03-11'));
    expectExplained(d, 'sanbao.inWarrantyRepair', ['2025-03-11', '10']);
    expect(sanbaoRemedy(u, terms, fault('2025-03-12')).rule).toBe('sanbao.outOfWarranty');
  });

  it('a replacement restarts cover', () => {
    const d = sanbaoRemedy(unit({ lastReplacedOn: '2025-01-10' }), terms, fault('2025-06-01'));
    expectExplained(d, 'sanbao.inWarrantyRepair', ['2025-01-10', '2026-01-10']);
    expect(d.warranty.restartedByReplacement).toBe(true);
  });

  it('the 7-day window runs from the sale, not from a replacement', () => {
    const d = sanbaoRemedy(unit({ lastReplacedOn: '2024-06-01' }), terms, fault('2024-06-03', { kind: 'performance' }));
    expect(d.rule).toBe('sanbao.inWarrantyRepair');
  });

  it('refuses a report dated before the sale or before the replacement', () => {
    expect(() => sanbaoRemedy(unit(), terms, fault('2024-02-28'))).toThrow(RangeError);
    expect(() => sanbaoRemedy(unit({ lastReplacedOn: '2024-06-01' }), terms, fault('2024-05-01'))).toThrow(RangeError);
  });
});

describe('sanbaoRemedy: exclusions', () => {
  // Day 3 performance fault: the most generous case, so an exclusion visibly takes it away.
  const early = (over: Partial<FaultReport> = {}) => fault('2024-03-04', { kind: 'performance', ...over });

  const cases: [string, SoldUnit, FaultReport, RemedyRule, string, string][] = [
    ['misuse', unit(), early({ misuse: true }), 'sanbao.excluded.misuse', '使用、维护、保管不当', 'misuse'],
    ['dismantling', unit(), early({ unauthorisedDismantling: true }), 'sanbao.excluded.dismantled', '拆动', 'dismantling'],
    ['no invoice', unit({ invoiceNumber: null }), early(), 'sanbao.excluded.noInvoice', '无有效发票', 'no invoice'],
    ['blank invoice', unit({ invoiceNumber: '   ' }), early(), 'sanbao.excluded.noInvoice', '无有效发票', 'no invoice'],
    ['model mismatch', unit(), early({ modelFound: 'KFR-26GW' }), 'sanbao.excluded.modelMismatch', 'KFR-26GW', 'KFR-35GW'],
    ['force majeure', unit(), early({ forceMajeure: true }), 'sanbao.excluded.forceMajeure', '不可抗力', 'force majeure'],
  ];

  for (const [name, u, f, rule, zh, en] of cases) {
    it(`${name}: paid repair, and says why`, () => {
      const d = sanbaoRemedy(u, terms, f);
      expect(d).toMatchObject({ options: ['repair'], free: false, refundAmountFen: 0, exclusions: [rule] });
      expectExplained(d, rule);
      expect(d.reason.zh).toContain(zh);
      expect(d.reason.en).toContain(en);
    });
  }

  it('a matching model on the nameplate is no exclusion', () => {
    expect(sanbaoRemedy(unit(), terms, early({ modelFound: 'KFR-35GW' })).rule).toBe('sanbao.7day');
  });

  it('names the first exclusion and lists them all', () => {
    const d = sanbaoRemedy(unit({ invoiceNumber: null }), terms, early({ forceMajeure: true, misuse: true }));
    expect(d.rule).toBe('sanbao.excluded.misuse');
    expect(d.exclusions).toEqual(['sanbao.excluded.misuse', 'sanbao.excluded.noInvoice', 'sanbao.excluded.forceMajeure']);
    expect(d.reason.en).toContain('force majeure');
  });

  it('outranks the online no-reason return', () => {
    const online = unit({ channel: 'online', receivedOn: '2024-03-02' });
    const d = sanbaoRemedy(online, terms, early({ customerRequestsNoReasonReturn: true, misuse: true }));
    expect(d.rule).toBe('sanbao.excluded.misuse');
    expect(d.free).toBe(false);
  });
});

describe('refundLessDepreciation', () => {
  it('is exact to the fen', () => {
    expect(refundLessDepreciation(10_000, 500, 1)).toBe(9_995);
    // 12345 × 500 × 3 / 10^6 = 18.5175 fen off: 12326.4825 → 12326.
    expect(refundLessDepreciation(12_345, 500, 3)).toBe(12_326);
    expect(refundLessDepreciation(1_001, 500, 1)).toBe(1_000); // 1000.4995
    expect(refundLessDepreciation(5_000, 0, 365)).toBe(5_000);
    expect(refundLessDepreciation(5_000, 500, 0)).toBe(5_000);
  });

  it('gives a half fen to the customer', () => {
    expect(refundLessDepreciation(1_000, 500, 1)).toBe(1_000); // 999.5
    expect(refundLessDepreciation(3_000, 500, 1)).toBe(2_999); // 2998.5 → 2999
  });

  it('stops at zero', () => {
    expect(refundLessDepreciation(10_000, 5_000, 200)).toBe(0);
    expect(refundLessDepreciation(10_000, 5_000, 201)).toBe(0);
    expect(refundLessDepreciation(10_000, 5_000, 199)).toBe(50);
  });

  it('stays exact where price × rate × days passes 2^53', () => {
    // 10^12 × 999,999 × 1 = 999,999 × 10^12; 10^12 − 999,999,000,000 = 1,000,000 fen.
    expect(refundLessDepreciation(1_000_000_000_000, 999_999, 1)).toBe(1_000_000);
    // 9,007,199,254,740,991 − 9,007,199,254.740991 = 9,007,190,247,541,736.259009
    expect(refundLessDepreciation(Number.MAX_SAFE_INTEGER, 1, 1)).toBe(9_007_190_247_541_736);
  });

  it('rejects fractional fen and negative days', () => {
    expect(() => refundLessDepreciation(100.5, 500, 1)).toThrow(/priceFen/);
    expect(() => refundLessDepreciation(100, 500, -1)).toThrow(/daysUsed/);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const BASE_DAY = Date.UTC(2023, 0, 1) / 86_400_000;
const iso = (offset: number) => new Date((BASE_DAY + offset) * 86_400_000).toISOString().slice(0, 10);

const repairArb = fc
  .record({ code: fc.constantFrom('E1', 'E2'), start: fc.integer({ min: 0, max: 1500 }), len: fc.integer({ min: 0, max: 60 }), open: fc.boolean() })
  .map(({ code, start, len, open }) => ({ faultCode: code, startedOn: iso(start), endedOn: open ? null : iso(start + len) }));

const caseArb = fc
  .record({
    invoice: fc.integer({ min: 0, max: 300 }),
    receiptLag: fc.option(fc.integer({ min: 0, max: 20 })),
    replacedAfter: fc.option(fc.integer({ min: 0, max: 400 })),
    reportAfter: fc.integer({ min: 0, max: 1500 }),
    channel: fc.constantFrom<'store' | 'online'>('store', 'online'),
    invoiceNumber: fc.constantFrom<string | null>('INV-1', 'INV-2', null, ''),
    priceFen: fc.integer({ min: 0, max: 5_000_000 }),
    repairs: fc.array(repairArb, { maxLength: 4 }),
    kind: fc.constantFrom<'performance' | 'other'>('performance', 'other'),
    faultCode: fc.constantFrom('E1', 'E2'),
    partCode: fc.constantFrom<string | null>(null, 'COMPRESSOR', 'FAN_MOTOR'),
    modelFound: fc.constantFrom<string | null>(null, 'KFR-35GW', 'KFR-26GW'),
    misuse: fc.boolean(),
    unauthorisedDismantling: fc.boolean(),
    forceMajeure: fc.boolean(),
    customerRequestsNoReasonReturn: fc.boolean(),
    daysInCurrentRepair: fc.integer({ min: 0, max: 60 }),
    partsUnavailableDays: fc.integer({ min: 0, max: 120 }),
    rate: fc.integer({ min: 0, max: 5_000 }),
  })
  .map((c) => {
    const replacedAfter = c.replacedAfter !== null && c.replacedAfter <= c.reportAfter ? c.replacedAfter : null;
    const receiptLag = c.receiptLag !== null && c.receiptLag <= c.reportAfter ? c.receiptLag : null;
    const u: SoldUnit = {
      modelId: 'KFR-35GW',
      channel: c.channel,
      invoiceDate: iso(c.invoice),
      invoiceNumber: c.invoiceNumber,
      receivedOn: receiptLag === null ? null : iso(c.invoice + receiptLag),
      priceFen: c.priceFen,
      lastReplacedOn: replacedAfter === null ? null : iso(c.invoice + replacedAfter),
      repairs: c.repairs,
    };
    const f: FaultReport = {
      reportedOn: iso(c.invoice + c.reportAfter),
      faultCode: c.faultCode,
      kind: c.kind,
      partCode: c.partCode,
      modelFound: c.modelFound,
      misuse: c.misuse,
      unauthorisedDismantling: c.unauthorisedDismantling,
      forceMajeure: c.forceMajeure,
      customerRequestsNoReasonReturn: c.customerRequestsNoReasonReturn,
      daysInCurrentRepair: c.daysInCurrentRepair,
      partsUnavailableDays: c.partsUnavailableDays,
    };
    return { u, f, t: { ...terms, dailyDepreciationPerMillion: c.rate } };
  });

const ALL_RULES: RemedyRule[] = [
  'sanbao.excluded.misuse',
  'sanbao.excluded.dismantled',
  'sanbao.excluded.noInvoice',
  'sanbao.excluded.modelMismatch',
  'sanbao.excluded.forceMajeure',
  'online.7dayNoReasonReturn',
  'sanbao.7day',
  'sanbao.15day',
  'sanbao.twoFailedRepairs',
  'sanbao.repairOver30Days',
  'sanbao.partsUnavailable90Days',
  'sanbao.inWarrantyRepair',
  'sanbao.mainPartsWarranty',
  'sanbao.outOfWarranty',
];

describe('properties', () => {
  it('a refund lies between 0 and the price', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), fc.nat({ max: 1_000_000 }), fc.nat({ max: 4000 }), (p, r, d) => {
        const refund = refundLessDepreciation(p, r, d);
        return Number.isSafeInteger(refund) && refund >= 0 && refund <= p;
      }),
    );
  });

  it('more days used, or a higher rate, never raises the refund', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), fc.nat({ max: 10_000 }), fc.nat({ max: 4000 }), fc.nat({ max: 100 }), (p, r, d, more) => {
        expect(refundLessDepreciation(p, r, d + more)).toBeLessThanOrEqual(refundLessDepreciation(p, r, d));
        expect(refundLessDepreciation(p, r + more, d)).toBeLessThanOrEqual(refundLessDepreciation(p, r, d));
      }),
    );
  });

  it('every decision carries a known rule and a reason in both languages', () => {
    fc.assert(
      fc.property(caseArb, ({ u, f, t }) => {
        const d = sanbaoRemedy(u, t, f);
        expect(ALL_RULES).toContain(d.rule);
        expect(d.reason.zh).toMatch(CJK);
        expect(d.reason.en).toMatch(/[A-Za-z]{3,}/);
        expect(d.options.length).toBeGreaterThan(0);
        expect(d.warranty.reason.zh).toMatch(CJK);
      }),
    );
  });

  it('an excluded unit is never free, and only exclusions and lapsed cover are paid', () => {
    fc.assert(
      fc.property(caseArb, ({ u, f, t }) => {
        const d: RemedyDecision = sanbaoRemedy(u, t, f);
        if (d.exclusions.length > 0) {
          expect(d.free).toBe(false);
          expect(d.options).toEqual(['repair']);
          expect(d.rule).toBe(d.exclusions[0]);
        }
        expect(d.free).toBe(!(d.exclusions.length > 0 || d.rule === 'sanbao.outOfWarranty'));
      }),
    );
  });

  it('a refund amount is offered only with a refund, and never exceeds the price', () => {
    fc.assert(
      fc.property(caseArb, ({ u, f, t }) => {
        const d = sanbaoRemedy(u, t, f);
        expect(d.refundAmountFen).toBeGreaterThanOrEqual(0);
        expect(d.refundAmountFen).toBeLessThanOrEqual(u.priceFen);
        if (!d.options.includes('refund')) expect(d.refundAmountFen).toBe(0);
      }),
    );
  });

  it('time in repair only ever lengthens cover, by exactly the days not counted', () => {
    fc.assert(
      fc.property(caseArb, repairArb, ({ u, f }, extra) => {
        const before = warrantyStatus(u, terms, f.reportedOn);
        const after = warrantyStatus({ ...u, repairs: [...(u.repairs ?? []), extra] }, terms, f.reportedOn);
        for (const c of [before.wholeUnit, before.mainParts, after.wholeUnit, after.mainParts]) {
          expect(daysBetween(c.nominalEndsOn, c.endsOn)).toBe(c.daysNotCounted);
        }
        expect(daysBetween(before.wholeUnit.endsOn, after.wholeUnit.endsOn)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(before.mainParts.endsOn, after.mainParts.endsOn)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('a paid contract on top of the 三包 answer', () => {
  const unit = { modelId: 'M', channel: 'store' as const, invoiceDate: '2020-01-10', invoiceNumber: 'INV', priceFen: 300000 };
  const cover = (over: Partial<ContractCover> = {}): ContractCover => ({ contractId: 'c', kind: 'extended_warranty', endsOn: '2027-01-01', labour: true, parts: true, partCodes: null, ...over });
  const paid = sanbaoRemedy(unit, {}, { reportedOn: '2026-06-01', faultCode: 'F', kind: 'other' });
  it.each<[string, RemedyDecision, ContractCover | null, string | null, string, boolean]>([
    ['no contract: the statute', paid, null, null, 'sanbao.outOfWarranty', false],
    ['extended warranty, labour and parts: free', paid, cover(), null, 'contract.extendedWarranty', true],
    ['the part named is covered', paid, cover({ partCodes: ['COMPRESSOR'] }), 'COMPRESSOR', 'contract.extendedWarranty', true],
    ['the part named is not covered', paid, cover({ partCodes: ['COMPRESSOR'] }), 'FAN', 'sanbao.outOfWarranty', false],
    ['labour only stays paid', paid, cover({ parts: false }), null, 'sanbao.outOfWarranty', false],
    ['a maintenance contract does not cover repairs', paid, cover({ kind: 'maintenance' }), null, 'sanbao.outOfWarranty', false],
    ['an exclusion is never bought back', sanbaoRemedy(unit, {}, { reportedOn: '2026-06-01', faultCode: 'F', kind: 'other', misuse: true }), cover(), null, 'sanbao.excluded.misuse', false],
    ['a free statutory remedy stays what it is', sanbaoRemedy(unit, {}, { reportedOn: '2020-06-01', faultCode: 'F', kind: 'other' }), cover(), null, 'sanbao.inWarrantyRepair', true],
  ])('%s', (_n, decision, c, partCode, rule, free) => {
    const d = withContractCover(decision, c, partCode);
    expect(d).toMatchObject({ rule, free });
    if (c && !free && decision.exclusions.length === 0) expect(d.reason.en).toContain('still a paid repair');
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, monthsBefore, pareto, per1000, previousMonth, share, trendVerdict, type MonthFigure } from './quality.rules.js';

const flat = (faults: number, units: number, n = 12): MonthFigure[] => monthsBefore('2026-01', n).map((month) => ({ month, faults, units }));

describe('trend rule (control limits on monthly faults per unit in the field)', () => {
  // p̄ = 24 / 12,000 = 0.002; σ at n = 1,000 is √(0.002·0.998/1000) = 0.001413; limit = 0.00624 (6.24 ‰).
  const cases: { name: string; current: MonthFigure; baseline: MonthFigure[]; alert: boolean; reason: string; limit?: number | null }[] = [
    { name: 'a jump far above the limit', current: { month: '2026-01', faults: 30, units: 1000 }, baseline: flat(2, 1000), alert: true, reason: 'above_limit', limit: 6.24 },
    { name: 'just under the limit (6 ‰)', current: { month: '2026-01', faults: 6, units: 1000 }, baseline: flat(2, 1000), alert: false, reason: 'within_limits', limit: 6.24 },
    { name: 'just over the limit (7 ‰)', current: { month: '2026-01', faults: 7, units: 1000 }, baseline: flat(2, 1000), alert: true, reason: 'above_limit', limit: 6.24 },
    { name: 'a high rate on too few faults', current: { month: '2026-01', faults: 4, units: 100 }, baseline: flat(0, 100), alert: false, reason: 'few_faults' },
    { name: 'no units in the field', current: { month: '2026-01', faults: 3, units: 0 }, baseline: flat(2, 1000), alert: false, reason: 'no_units', limit: null },
    { name: 'two months of baseline are too few', current: { month: '2026-01', faults: 30, units: 1000 }, baseline: flat(2, 1000, 2), alert: false, reason: 'short_baseline', limit: null },
    { name: 'a fault-free baseline, then a burst', current: { month: '2026-01', faults: 5, units: 1000 }, baseline: flat(0, 1000), alert: true, reason: 'above_limit' },
    { name: 'later months are no baseline', current: { month: '2026-01', faults: 30, units: 1000 }, baseline: [{ month: '2026-02', faults: 0, units: 1000 }, { month: '2026-03', faults: 0, units: 1000 }, { month: '2026-04', faults: 0, units: 1000 }], alert: false, reason: 'short_baseline' },
  ];
  for (const c of cases)
    it(c.name, () => {
      const v = trendVerdict(c.current, c.baseline);
      expect(v.alert).toBe(c.alert);
      expect(v.reason).toBe(c.reason);
      if (c.limit !== undefined) expect(v.upperLimitPer1000).toBe(c.limit);
    });

  it("a baseline that swings widely widens the limit to its own spread", () => {
    // Rates 2 ‰ and 10 ‰ alternating: p̄ = 6 ‰, their sample σ ≈ 4.18 ‰ (more than the binomial 2.44 ‰), limit ≈ 18.53 ‰.
    const swinging = monthsBefore('2026-01', 12).map((month, i) => ({ month, faults: i % 2 ? 10 : 2, units: 1000 }));
    expect(trendVerdict({ month: '2026-01', faults: 15, units: 1000 }, swinging)).toMatchObject({ alert: false, reason: 'within_limits', upperLimitPer1000: 18.53 });
    expect(trendVerdict({ month: '2026-01', faults: 19, units: 1000 }, swinging)).toMatchObject({ alert: true, reason: 'above_limit' });
  });

  it('uses only the latest twelve months of a longer history', () => {
    // 24 old months at a high rate, then 12 quiet ones: the old ones must not lift the limit.
    const old = monthsBefore('2024-01', 24).map((month) => ({ month, faults: 50, units: 1000 }));
    const v = trendVerdict({ month: '2026-01', faults: 30, units: 1000 }, [...old, ...flat(2, 1000)]);
    expect(v).toMatchObject({ alert: true, baselinePer1000: 2 });
  });
});

describe('figures', () => {
  it('rates per 1,000 and shares', () => {
    expect(per1000(4, 3)).toBe(1333.33);
    expect(per1000(1, 0)).toBeNull();
    expect(share(4, 5)).toBe(0.8);
    expect(share(0, 0)).toBeNull();
  });
  it('Pareto: largest first, cumulative share ends at 1', () => {
    const p = pareto([{ key: 'a', faults: 1 }, { key: 'b', faults: 3 }, { key: 'c', faults: 1 }]);
    expect(p.map((r) => [r.key, r.share, r.cumulativeShare])).toEqual([['b', 0.6, 0.6], ['a', 0.2, 0.8], ['c', 0.2, 1]]);
  });
  it('months', () => {
    expect(previousMonth('2026-01-05')).toBe('2025-12');
    expect(previousMonth('2026-03-31')).toBe('2026-02');
    expect(monthsBefore('2026-02', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
  });
  it('CSV cells are quoted and defused', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=cmd()')).toBe("'=cmd()");
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });
});

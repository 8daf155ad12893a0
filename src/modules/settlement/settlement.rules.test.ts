import { describe, expect, it } from 'vitest';
import { approvalNeedsSecondRole, csvField, evaluateRule, measuredValue, meetsThreshold, monthBounds, nextStatus, previousMonth, ruleInForce, ruleProblem, technicianPay, type Rule, type StatementAction, type StatementStatus } from './settlement.rules.js';

const rule = (r: Partial<Rule>): Rule => ({ id: 'r', code: 'c', kind: 'reward', measure: 'm', thresholdMin: null, thresholdMax: null, basis: 'per_order', amountFen: 500, activeFrom: '2026-01-01', activeTo: null, ...r });

describe('evaluateRule', () => {
  it.each([
    ['reward per order above the threshold', rule({ thresholdMin: 0.8 }), { value: 0.9, flaggedOrders: 9, settledOrders: 10 }, { amountFen: 4500, quantity: 9 }],
    ['reward at exactly the lower threshold', rule({ thresholdMin: 0.8 }), { value: 0.8, flaggedOrders: 8, settledOrders: 10 }, { amountFen: 4000, quantity: 8 }],
    ['nothing below the lower threshold', rule({ thresholdMin: 0.8 }), { value: 0.79, flaggedOrders: 8, settledOrders: 10 }, null],
    ['upper threshold is exclusive', rule({ thresholdMin: 0.5, thresholdMax: 0.8 }), { value: 0.8, flaggedOrders: 8, settledOrders: 10 }, null],
    ['inside a band', rule({ thresholdMin: 0.5, thresholdMax: 0.8, basis: 'fixed', amountFen: 10000 }), { value: 0.6, flaggedOrders: 6, settledOrders: 10 }, { amountFen: 10000, quantity: 1 }],
    ['penalty per order is negative', rule({ kind: 'penalty', thresholdMin: 1 }), { value: 3, flaggedOrders: 3, settledOrders: 40 }, { amountFen: -1500, quantity: 3 }],
    ['fixed penalty', rule({ kind: 'penalty', basis: 'fixed', thresholdMin: 2, amountFen: 20000 }), { value: 2, flaggedOrders: 2, settledOrders: 40 }, { amountFen: -20000, quantity: 1 }],
    ['per order with no orders behind makes no line', rule({ thresholdMax: 1 }), { value: 0, flaggedOrders: 0, settledOrders: 10 }, null],
    ['only a maximum: below it applies', rule({ kind: 'penalty', basis: 'fixed', thresholdMax: 0.5 }), { value: 0.2, flaggedOrders: 2, settledOrders: 10 }, { amountFen: -500, quantity: 1 }],
  ])('%s', (_name, r, m, expected) => {
    expect(evaluateRule(r, m)).toEqual(expected);
  });
});

describe('thresholds, periods, values', () => {
  it.each([
    [{ thresholdMin: 1, thresholdMax: null }, 0, false],
    [{ thresholdMin: 1, thresholdMax: null }, 1, true],
    [{ thresholdMin: null, thresholdMax: 5 }, 5, false],
    [{ thresholdMin: null, thresholdMax: 5 }, 4.99, true],
  ])('meetsThreshold(%o, %d) = %s', (r, v, ok) => expect(meetsThreshold(r, v)).toBe(ok));

  it.each([
    [{ activeFrom: '2026-06-01', activeTo: null }, true],
    [{ activeFrom: '2026-07-01', activeTo: null }, false],
    [{ activeFrom: '2026-01-01', activeTo: '2026-06-01' }, false],
    [{ activeFrom: '2026-01-01', activeTo: '2026-06-02' }, true],
    [{ activeFrom: '2026-06-30', activeTo: '2026-07-05' }, true],
  ])('ruleInForce(%o) for June = %s', (r, ok) => expect(ruleInForce(r, '2026-06-01', '2026-07-01')).toBe(ok));

  it.each([
    ['2026-06', { from: '2026-06-01', to: '2026-07-01' }],
    ['2026-12', { from: '2026-12-01', to: '2027-01-01' }],
  ])('monthBounds(%s)', (p, b) => expect(monthBounds(p)).toEqual(b));
  it('previousMonth', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-07')).toBe('2026-06');
  });
  it.each([
    ['share', 3, 7, 0.4286],
    ['share', 0, 0, null],
    ['count', 3, 7, 3],
    ['count', 0, 0, 0],
  ] as const)('measuredValue(%s, %d, %d) = %s', (unit, f, s, v) => expect(measuredValue(unit, f, s)).toBe(v));
  it.each([
    [5_000_000, false],
    [5_000_001, true],
    [-5_000_001, true],
  ])('a total of %d needs the second role: %s', (total, yes) => expect(approvalNeedsSecondRole(total, 5_000_000)).toBe(yes));
  it.each([
    [{ thresholdMin: null, thresholdMax: null, activeFrom: '2026-01-01', activeTo: null }, 'thresholdMin'],
    [{ thresholdMin: 2, thresholdMax: 1, activeFrom: '2026-01-01', activeTo: null }, 'thresholdMax'],
    [{ thresholdMin: 1, thresholdMax: null, activeFrom: '2026-01-01', activeTo: '2026-01-01' }, 'activeTo'],
    [{ thresholdMin: 1, thresholdMax: null, activeFrom: '2026-01-01', activeTo: null }, null],
  ])('ruleProblem(%o) names %s', (r, path) => expect(ruleProblem(r)?.path ?? null).toBe(path));
});

describe('statement steps', () => {
  const table: [StatementStatus, StatementAction, StatementStatus | null][] = [
    ['draft', 'send', 'sent'],
    ['draft', 'approve', null],
    ['sent', 'dispute', 'disputed'],
    ['disputed', 'dispute', 'disputed'],
    ['disputed', 'answer', 'answered'],
    ['disputed', 'agree', null],
    ['answered', 'dispute', 'disputed'],
    ['sent', 'agree', 'agreed'],
    ['answered', 'agree', 'agreed'],
    ['agreed', 'approve', 'approved'],
    ['approved', 'approve', null],
    ['approved', 'pay', 'paid'],
    ['paid', 'pay', null],
    ['approved', 'dispute', null],
  ];
  it.each(table)('%s --%s--> %s', (from, action, to) => expect(nextStatus(from, action)).toBe(to));
});

describe('technician pay and CSV', () => {
  it('pays each technician the rate per job type; a type without a rate pays nothing', () => {
    const pay = technicianPay(
      [
        { technicianId: 't1', jobType: 'repair', orders: 3 },
        { technicianId: 't1', jobType: 'installation', orders: 2 },
        { technicianId: 't2', jobType: 'maintenance', orders: 4 },
      ],
      new Map([['repair', 3000], ['installation', 5000]]),
    );
    expect(pay).toEqual([
      { technicianId: 't1', totalFen: 19000, lines: [{ jobType: 'repair', orders: 3, rateFen: 3000, amountFen: 9000 }, { jobType: 'installation', orders: 2, rateFen: 5000, amountFen: 10000 }] },
      { technicianId: 't2', totalFen: 0, lines: [{ jobType: 'maintenance', orders: 4, rateFen: null, amountFen: 0 }] },
    ]);
  });
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=SUM(A1)', "'=SUM(A1)"],
    [-12, '-12'],
    [null, ''],
  ])('csvField(%s) = %s', (v, out) => expect(csvField(v)).toBe(out));
});

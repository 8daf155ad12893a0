import { describe, expect, it } from 'vitest';
import { addMoney, fenAmount, formatMoney, money, moneySchema, subtractMoney } from './money.js';

describe('money', () => {
  it('holds whole fen only', () => {
    expect(money(1999)).toEqual({ amountFen: 1999, currency: 'CNY' });
    expect(() => money(19.99)).toThrow(/whole number of fen/);
    expect(() => money(Number.NaN)).toThrow(/whole number of fen/);
    expect(() => money(2 ** 53)).toThrow(/whole number of fen/);
    expect(() => money(100, 'USD')).toThrow(/unknown currency/);
  });

  it('adds and subtracts within one currency', () => {
    expect(addMoney(money(150), money(275))).toEqual(money(425));
    expect(subtractMoney(money(150), money(275))).toEqual(money(-125));
    const foreign = { amountFen: 1, currency: 'USD' } as unknown as ReturnType<typeof money>;
    expect(() => addMoney(money(1), foreign)).toThrow(/cannot combine CNY with USD/);
  });

  it('formats yuan and fen', () => {
    expect(formatMoney(money(0))).toBe('¥0.00');
    expect(formatMoney(money(5))).toBe('¥0.05');
    expect(formatMoney(money(123405))).toBe('¥1234.05');
    expect(formatMoney(money(-250))).toBe('-¥2.50');
  });

  it('validates amounts at the edge', () => {
    expect(fenAmount.safeParse(100).success).toBe(true);
    expect(fenAmount.safeParse(1.5).success).toBe(false);
    expect(fenAmount.safeParse(-1).success).toBe(false);
    expect(moneySchema.safeParse({ amountFen: 100, currency: 'CNY' }).success).toBe(true);
    expect(moneySchema.safeParse({ amountFen: 100.5, currency: 'CNY' }).success).toBe(false);
    expect(moneySchema.safeParse({ amountFen: 100, currency: 'EUR' }).success).toBe(false);
  });
});

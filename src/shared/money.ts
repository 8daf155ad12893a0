// Money is an integer number of the currency's minor unit (fen for CNY) with its currency code;
// never a float, never two currencies added together.
import { z } from 'zod';

export const currencies = ['CNY'] as const;
export type Currency = (typeof currencies)[number];

export type Money = { readonly amountFen: number; readonly currency: Currency };

/** An amount in fen as an API field carries it: a whole number, at least 0. */
export const fenAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const moneySchema = z.object({ amountFen: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), currency: z.enum(currencies) });

export class MoneyError extends Error {}

export function isCurrency(code: string): code is Currency {
  return (currencies as readonly string[]).includes(code);
}

/** Refuses what is not a whole, safe number of fen, or an unknown currency. */
export function money(amountFen: number, currency: string = 'CNY'): Money {
  if (!Number.isSafeInteger(amountFen)) throw new MoneyError(`amount must be a whole number of fen, not ${amountFen}`);
  if (!isCurrency(currency)) throw new MoneyError(`unknown currency ${currency}`);
  return { amountFen, currency };
}

function same(a: Money, b: Money): Currency {
  if (a.currency !== b.currency) throw new MoneyError(`cannot combine ${a.currency} with ${b.currency}`);
  return a.currency;
}

export function addMoney(a: Money, b: Money): Money {
  return money(a.amountFen + b.amountFen, same(a, b));
}

export function subtractMoney(a: Money, b: Money): Money {
  return money(a.amountFen - b.amountFen, same(a, b));
}

const symbols: Record<Currency, string> = { CNY: '¥' };

/** ¥1234.05: the symbol, whole units, two digits of fen; a minus sign before the symbol. */
export function formatMoney(m: Money): string {
  const abs = Math.abs(m.amountFen);
  const text = `${symbols[m.currency]}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return m.amountFen < 0 ? `-${text}` : text;
}

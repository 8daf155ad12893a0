import { describe, expect, it } from 'vitest';
import { readLink, signLink } from './fees.links.js';
import { buildReceipt, completionVerdict, paymentProblem, quoteStatuses, quoteStep, type QuoteAction, type QuoteStatus } from './fees.quotes.rules.js';

describe('quote states', () => {
  const table: [QuoteStatus, QuoteAction, QuoteStatus | null][] = [
    ['draft', 'offer', 'offered'],
    ['draft', 'accept', null],
    ['draft', 'refuse', null],
    ['draft', 'supersede', 'superseded'],
    ['offered', 'offer', null],
    ['offered', 'accept', 'accepted'],
    ['offered', 'refuse', 'refused'],
    ['offered', 'supersede', 'superseded'],
    ['accepted', 'accept', null],
    ['accepted', 'refuse', null],
    ['accepted', 'supersede', 'superseded'],
    ['refused', 'accept', null],
    ['refused', 'supersede', null],
    ['superseded', 'offer', null],
    ['superseded', 'accept', null],
  ];
  it.each(table)('%s + %s → %s', (from, action, to) => expect(quoteStep(from, action)).toBe(to));
  it('ends every quote in accepted, refused or superseded: nothing leaves them but a change supersedes an acceptance', () => {
    for (const s of ['refused', 'superseded'] as const) for (const a of ['offer', 'accept', 'refuse', 'supersede'] as const) expect(quoteStep(s, a)).toBeNull();
    expect(quoteStatuses).toHaveLength(5);
  });
});

describe('completion and quotes', () => {
  const q = (status: QuoteStatus) => ({ id: 'q1', status, jobMode: 'part_swap' });
  it('lets work the customer does not pay for complete without a quote', () => expect(completionVerdict(null, 0)).toEqual({ ok: true, jobMode: null, quoteId: null }));
  it('refuses customer-paid work with no quote, or one not yet accepted, naming it', () => {
    expect(completionVerdict(null, 1)).toEqual({ ok: false, quoteId: null, status: null });
    expect(completionVerdict(q('draft'), 8000)).toEqual({ ok: false, quoteId: 'q1', status: 'draft' });
    expect(completionVerdict(q('offered'), 8000)).toEqual({ ok: false, quoteId: 'q1', status: 'offered' });
  });
  it('prices accepted work as quoted, and a refused quote as an inspection', () => {
    expect(completionVerdict(q('accepted'), 8000)).toEqual({ ok: true, jobMode: 'part_swap', quoteId: 'q1' });
    expect(completionVerdict(q('refused'), 8000)).toEqual({ ok: true, jobMode: 'inspection', quoteId: 'q1' });
  });
});

describe('balance and payments', () => {
  it.each([
    // due, paid, amount, reason, problem path
    [10000, 0, 4000, null, null],
    [10000, 4000, 6000, null, null],
    [10000, 4000, 6001, null, 'amountFen'],
    [10000, 0, 0, null, 'amountFen'],
    [10000, 10000, -3000, null, 'reason'],
    [10000, 10000, -3000, 'one metre less', null],
    [10000, 10000, -10000, 'all back', null],
    [10000, 10000, -10001, 'too much', 'amountFen'],
    [0, 0, 1, null, 'amountFen'],
  ] as const)('due %i, paid %i, paying %i (%s) → %s', (due, paid, amount, reason, path) => {
    expect(paymentProblem(due, paid, amount, reason)?.path ?? null).toBe(path);
  });
});

describe('receipts', () => {
  const line = (payer: string, amountFen: number, quantity = 1) => ({ nameZh: '项', nameEn: 'Item', quantity, unitFen: amountFen / quantity, amountFen, payer });
  it.each([
    [[line('customer', 3000), line('customer', 12000), line('customer', 13000, 2)], [], 28000, 28000],
    [[line('customer', 3000), line('maker', 12000), line('provider', 500)], [{ amountFen: 1000 }], 3000, 2000],
    [[line('customer', 2999), line('customer', 1)], [{ amountFen: 3000 }, { amountFen: -1000 }], 3000, 1000],
    [[], [], 0, 0],
  ])('adds up to its own lines (%#)', (lines, payments, total, balance) => {
    const r = buildReceipt(lines, payments);
    expect(r.totalFen).toBe(total);
    expect(r.totalFen).toBe(r.lines.reduce((n, l) => n + l.amountFen, 0));
    expect(r.balanceFen).toBe(balance);
    expect(r.balanceFen).toBe(r.totalFen - r.paidFen + r.refundedFen);
    expect(r.lines.every((l) => Number.isSafeInteger(l.amountFen))).toBe(true);
    expect(r.lines).toHaveLength(lines.filter((l) => l.payer === 'customer').length);
  });
});

describe('signed links', () => {
  const key = 'test-key';
  const p = { k: 'quote' as const, id: 'q1', n: 'nonce', exp: 2_000 };
  it('reads a link it signed until it expires', () => {
    const token = signLink(key, p);
    expect(readLink(key, token, 1_999)).toEqual({ ok: true, payload: p });
    expect(readLink(key, token, 2_000)).toEqual({ ok: false, why: 'expired' });
  });
  it('refuses a changed payload, a changed signature, another key and rubbish', () => {
    const token = signLink(key, p);
    const [body, sig] = token.split('.');
    const longer = Buffer.from(JSON.stringify({ ...p, exp: 9_999_999 })).toString('base64url');
    expect(readLink(key, `${longer}.${sig}`, 0)).toEqual({ ok: false, why: 'tampered' });
    expect(readLink(key, `${body}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, 0)).toEqual({ ok: false, why: 'tampered' });
    expect(readLink('other-key', token, 0)).toEqual({ ok: false, why: 'tampered' });
    for (const junk of ['', '.', 'a.b.c', 'abc', `${body}.`]) expect(readLink(key, junk, 0).ok).toBe(false);
  });
});

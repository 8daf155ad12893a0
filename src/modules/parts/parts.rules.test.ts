import { describe, expect, it } from 'vitest';
import { apply, countDifferences, countRefusal, effectOf, nextRequestStatus, partsArrived, returnDueAt, serialsRefusal, sourceFor, type Level, type MovementKind, type RequestAction, type RequestStatus } from './parts.rules.js';

describe('a movement applied to a level', () => {
  const cases: [string, Level, MovementKind, number, Level | string][] = [
    ['receive adds on hand', { onHand: 0, reserved: 0 }, 'receive', 3, { onHand: 3, reserved: 0 }],
    ['consume takes the last free unit', { onHand: 1, reserved: 0 }, 'consume', 1, { onHand: 0, reserved: 0 }],
    ['consume never goes negative', { onHand: 1, reserved: 0 }, 'consume', 2, 'more than is available here'],
    ['consume never takes what is reserved', { onHand: 2, reserved: 2 }, 'consume', 1, 'more than is available here'],
    ['transfer out of free stock', { onHand: 5, reserved: 2 }, 'transfer_out', 3, { onHand: 2, reserved: 2 }],
    ['reserve within what is free', { onHand: 5, reserved: 2 }, 'reserve', 3, { onHand: 5, reserved: 5 }],
    ['reserve beyond what is free', { onHand: 5, reserved: 2 }, 'reserve', 4, 'more than is available here'],
    ['unreserve what was reserved', { onHand: 5, reserved: 2 }, 'unreserve', 2, { onHand: 5, reserved: 0 }],
    ['unreserve more than reserved', { onHand: 5, reserved: 2 }, 'unreserve', 3, 'more than is reserved here'],
    ['ship leaves what was reserved', { onHand: 5, reserved: 2 }, 'ship', 2, { onHand: 3, reserved: 0 }],
    ['ship more than reserved', { onHand: 5, reserved: 1 }, 'ship', 2, 'more than is reserved here'],
    ['receive a shipment', { onHand: 0, reserved: 0 }, 'receive_shipment', 2, { onHand: 2, reserved: 0 }],
    ['an adjustment down to what was counted', { onHand: 5, reserved: 1 }, 'adjust', -4, { onHand: 1, reserved: 1 }],
    ['an adjustment up', { onHand: 0, reserved: 0 }, 'adjust', 2, { onHand: 2, reserved: 0 }],
    ['even an adjustment keeps the floor', { onHand: 1, reserved: 0 }, 'adjust', -2, 'more than is available here'],
    ['a quantity is whole and positive', { onHand: 5, reserved: 0 }, 'consume', 0, 'must be a whole number of at least 1'],
    ['no fractions', { onHand: 5, reserved: 0 }, 'receive', 1.5, 'must be a whole number of at least 1'],
  ];
  it.each(cases)('%s', (_n, level, kind, q, want) => {
    const got = apply(level, kind, q);
    if (typeof want === 'string') expect(got).toMatchObject({ ok: false, refusal: { en: want } });
    else expect(got).toEqual({ ok: true, level: want });
  });
  it('the old-part return kinds are in the ledger already', () => {
    expect(effectOf('return_old', 1)).toEqual({ onHand: -1, reserved: 0 });
    expect(effectOf('return_in', 1)).toEqual({ onHand: 1, reserved: 0 });
  });
});

describe('the steps of a request', () => {
  const cases: [RequestStatus, RequestAction, RequestStatus | null][] = [
    ['requested', 'approve', 'approved'],
    ['requested', 'reject', 'rejected'],
    ['requested', 'ship', null],
    ['approved', 'ship', 'shipped'],
    ['approved', 'cancel', 'cancelled'],
    ['shipped', 'cancel', null],
    ['shipped', 'receive', 'received'],
    ['received', 'receive', null],
    ['rejected', 'approve', null],
  ];
  it.each(cases)('%s, %s → %s', (from, action, to) => expect(nextRequestStatus(from, action)).toBe(to));

  const arrived: [RequestStatus[], boolean][] = [
    [[], false],
    [['received'], true],
    [['received', 'shipped'], false],
    [['received', 'cancelled'], true],
    [['rejected'], false],
    [['approved'], false],
  ];
  it.each(arrived)('an order waiting for %j resumes: %s', (s, want) => expect(partsArrived(s)).toBe(want));
});

describe('serials given', () => {
  const cases: [boolean, number, string[], string | null][] = [
    [false, 2, [], null],
    [false, 1, ['A'], 'serials'],
    [true, 2, ['A', 'B'], null],
    [true, 2, ['A'], 'serials'],
    [true, 2, ['A', 'A'], 'serials.1'],
  ];
  it.each(cases)('serialised %s, %i units, %j → %s', (serialised, q, serials, path) => expect(serialsRefusal(serialised, q, serials)?.path ?? null).toBe(path));
});

describe('counts', () => {
  const books = new Map<string, Level>([
    ['a', { onHand: 5, reserved: 1 }],
    ['b', { onHand: 2, reserved: 0 }],
  ]);
  it('posts one adjustment per difference from the books at approval', () => {
    expect(
      countDifferences(
        [
          { partId: 'a', expected: 5, counted: 3 },
          { partId: 'b', expected: 2, counted: 2 },
          { partId: 'c', expected: 0, counted: 1 },
        ],
        books,
      ),
    ).toEqual([
      { partId: 'a', delta: -2, counted: 3, books: 5 },
      { partId: 'c', delta: 1, counted: 1, books: 0 },
    ]);
  });
  it('refuses an uncounted line, and a count below what is reserved', () => {
    expect(countRefusal([{ partId: 'a', expected: 5, counted: null }], books)?.path).toBe('lines.0.counted');
    expect(countRefusal([{ partId: 'b', expected: 2, counted: 0 }, { partId: 'a', expected: 5, counted: 0 }], books)?.en).toContain('reserved');
    expect(countRefusal([{ partId: 'a', expected: 5, counted: 1 }], books)).toBeNull();
  });
});

describe('parts for an order', () => {
  const locations = [
    { id: 'store', kind: 'provider_store' as const, providerId: 'p', technicianId: null },
    { id: 'van', kind: 'van' as const, providerId: 'p', technicianId: 't' },
  ];
  it("takes from the technician's van, else the provider's store", () => {
    expect(sourceFor(locations, { providerId: 'p', technicianId: 't' })?.id).toBe('van');
    expect(sourceFor(locations, { providerId: 'p', technicianId: 'other' })?.id).toBe('store');
    expect(sourceFor(locations, { providerId: 'q', technicianId: null })).toBeNull();
  });
  it('an old part returns within its days when it was replaced under warranty', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(returnDueAt({ returnable: true, returnDays: 15 }, true, at)?.toISOString()).toBe('2026-06-16T00:00:00.000Z');
    expect(returnDueAt({ returnable: true, returnDays: 15 }, false, at)).toBeNull();
    expect(returnDueAt({ returnable: false, returnDays: null }, true, at)).toBeNull();
  });
});

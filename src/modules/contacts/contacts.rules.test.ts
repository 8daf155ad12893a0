import { describe, expect, it } from 'vitest';
import { canAnswer, containsPattern, decodeCursor, encodeCursor, entryKey } from './contacts.rules.js';

describe('contact timeline rules', () => {
  it.each([
    [{ at: '2026-06-01T01:02:03.004Z', key: entryKey('call', 'a1') }],
    [{ at: '2026-12-31T23:59:59.999Z', key: entryKey('visit', '12345') }],
  ])('a cursor reads back as written: %j', (c) => {
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it.each([['nonsense'], [''], ['zzzzzzzzzzzz_call:x'], ['abc_no colon'], ['abc_call:x y'], ['-1_call:x']])('a cursor not written here is refused: %s', (text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });

  it.each([
    ['漏水', '%漏水%'],
    ['50%', '%50\\%%'],
    ['a_b', '%a\\_b%'],
    ['c:\\x', '%c:\\\\x%'],
  ])('search %s matches literally as %s', (words, pattern) => {
    expect(containsPattern(words)).toBe(pattern);
  });

  it.each([
    ['open', true],
    ['adopted', false],
    ['noted', false],
    ['declined', false],
  ] as const)('a suggestion %s may be answered: %s', (status, ok) => {
    expect(canAnswer(status)).toBe(ok);
  });
});

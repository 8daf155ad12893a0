import { describe, expect, it } from 'vitest';
import { enps, mayMove, pulseScore, visibleGroups } from './staff-voice.rules.js';

describe('eNPS', () => {
  it.each<[number[], number | null, [number, number, number]]>([
    [[], null, [0, 0, 0]],
    [[10, 9, 8, 7, 6, 0], 0, [2, 2, 2]],
    [[10, 10, 10], 100, [3, 0, 0]],
    [[0, 6, 6], -100, [0, 0, 3]],
    [[9, 9, 5], 33, [2, 0, 1]],
    [[9, 5, 5], -33, [1, 0, 2]],
  ])('%j → %s', (answers, value, [p, pa, d]) => {
    const e = enps(answers);
    expect([e.enps, e.promoters, e.passives, e.detractors, e.responses]).toEqual([value, p, pa, d, answers.length]);
  });
});

describe('the pulse score', () => {
  it('is the mean of the 1–5 answers', () => {
    expect(pulseScore([])).toBeNull();
    expect(pulseScore([5, 4, 4])).toBe(4.33);
    expect(pulseScore([1, 2])).toBe(1.5);
  });
});

describe('the minimum group size', () => {
  const g = (o: Record<string, number>) => Object.entries(o).map(([key, n]) => ({ key, n }));
  it.each<[string, Record<string, number>, number, string[], boolean]>([
    ['every group large enough', { a: 5, b: 7 }, 5, ['a', 'b'], true],
    ['a small group hidden, and the next smallest with it (else total − shown gives it away)', { a: 5, b: 7, c: 2 }, 5, ['b'], true],
    ['two small groups together reach the minimum: nothing more hidden', { a: 5, b: 3, c: 2 }, 5, ['a'], true],
    ['all small, the total large enough', { a: 3, b: 3 }, 5, [], true],
    ['everything too small', { a: 2, b: 1 }, 5, [], false],
    ['one group only, large enough', { a: 9 }, 5, ['a'], true],
    ['one group only, too small', { a: 4 }, 5, [], false],
  ])('%s', (_, groups, min, shown, total) => {
    const v = visibleGroups(g(groups), min);
    expect([[...v.shown].sort(), v.totalShown]).toEqual([shown, total]);
  });
});

describe('a suggestion’s steps', () => {
  it('goes new → under review → accepted → implemented, may be not adopted, and reconsidered', () => {
    expect(mayMove('new', 'under_review')).toBe(true);
    expect(mayMove('under_review', 'accepted')).toBe(true);
    expect(mayMove('accepted', 'implemented')).toBe(true);
    expect(mayMove('new', 'implemented')).toBe(false);
    expect(mayMove('rejected', 'under_review')).toBe(true);
    expect(mayMove('implemented', 'rejected')).toBe(false);
  });
});

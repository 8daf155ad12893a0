import { describe, expect, it } from 'vitest';
import { pagesThatFit } from '../web/src/shared/nav-fit.js';

// The top bar keeps one row at any width: the pages that fit stay in it, in their order, the rest go
// behind "More" (whose button needs room too, but only when something is left over).
describe('pages that fit the top bar', () => {
  const widths = [100, 80, 120, 90];
  it('keeps every page when all fit, without room for More', () => {
    expect(pagesThatFit(widths, 100 + 80 + 120 + 90 + 3 * 4, 4, 60)).toBe(4);
  });
  it('leaves room for the More button when one page is left over', () => {
    // 100+4+80+4+120 = 308; with More (4+60) 372. The fourth page would need 402.
    expect(pagesThatFit(widths, 401, 4, 60)).toBe(3);
    expect(pagesThatFit(widths, 371, 4, 60)).toBe(2);
  });
  it('puts everything behind More when not even one page fits beside it', () => {
    expect(pagesThatFit(widths, 120, 4, 60)).toBe(0);
    expect(pagesThatFit([], 0, 4, 60)).toBe(0);
  });
});

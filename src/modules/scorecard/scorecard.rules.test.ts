import { describe, expect, it } from 'vitest';
import { csvRow, figure, formatFigure, light, median, monthsTo, trendOf } from './scorecard.rules.js';

describe('scorecard rules', () => {
  it.each([
    ['no facts is no data', undefined, 'sum', 1, null],
    ['zero facts is no data, not zero', { n: 0, sum: 0, weight: 0, p90: null }, 'sum', 1, null],
    ['a sum', { n: 3, sum: 13000, weight: 3, p90: null }, 'sum', 1, 13000],
    ['a ratio as a percentage', { n: 4, sum: 3, weight: 4, p90: null }, 'ratio', 100, 75],
    ['a ratio over no weight is no data', { n: 2, sum: 2, weight: 0, p90: null }, 'ratio', 1000, null],
    ['a rate per 1,000', { n: 5, sum: 1, weight: 4, p90: null }, 'ratio', 1000, 250],
    ['the 90th percentile', { n: 4, sum: 0, weight: 4, p90: 40.8 }, 'p90', 1, 40.8],
  ] as const)('%s', (_, agg, aggregate, scale, expected) => {
    expect(figure(agg, aggregate, scale)).toBe(expected);
  });

  it.each([
    [95, 'higher', 90, 75, 'green'],
    [90, 'higher', 90, 75, 'green'],
    [80, 'higher', 90, 75, 'amber'],
    [75, 'higher', 90, 75, 'amber'],
    [74.9, 'higher', 90, 75, 'red'],
    [3, 'lower', 5, 10, 'green'],
    [10, 'lower', 5, 10, 'amber'],
    [11, 'lower', 5, 10, 'red'],
    [null, 'lower', 5, 10, 'none'],
    [50, 'higher', null, null, 'none'],
  ] as const)('%s (%s is better, green %s, red %s) is %s', (value, direction, green, red, expected) => {
    expect(light(value, { direction, green, red })).toBe(expected);
  });

  it('takes the median of the figures that exist', () => {
    expect(median([32, 6])).toBe(19);
    expect(median([3, null, 1, 2])).toBe(2);
    expect(median([null])).toBeNull();
  });

  it('names the months of a trend across a year', () => {
    expect(monthsTo('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('says whether the last change is for the better', () => {
    expect(trendOf([10, 12], 'higher')).toEqual({ delta: 2, better: true });
    expect(trendOf([10, 12], 'lower')).toEqual({ delta: 2, better: false });
    expect(trendOf([null, 12], 'lower')).toEqual({ delta: null, better: null });
  });

  it('formats a figure in its unit, and no data as such', () => {
    expect(formatFigure(13000, 'fen', 'en')).toBe('¥130.00');
    expect(formatFigure(null, 'percent', 'zh')).toBe('无数据');
    expect(formatFigure(250, 'per1000', 'en')).toBe('250.00‰');
    expect(csvRow(['a,b', 'c"d', null])).toBe('"a,b","c""d",\r\n');
  });
});

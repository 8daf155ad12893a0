// The scorecard's pure rules: how a month's aggregate becomes a figure, its traffic light, the
// network median, the months of a trend, and the file cells.

export const perspectives = ['financial', 'customer', 'internal', 'learning'] as const;
export type Perspective = (typeof perspectives)[number];
export const perspectiveNames: Record<Perspective, { zh: string; en: string }> = {
  financial: { zh: '财务', en: 'Financial' },
  customer: { zh: '客户', en: 'Customer' },
  internal: { zh: '内部流程', en: 'Internal process' },
  learning: { zh: '学习与成长', en: 'Learning and growth' },
};
export const levels = ['company', 'region', 'provider', 'technician'] as const;
export type Level = (typeof levels)[number];
export const units = ['fen', 'percent', 'per1000', 'hours', 'score', 'points', 'count', 'ratio'] as const;
export type Unit = (typeof units)[number];
export type Direction = 'higher' | 'lower';
export type Light = 'green' | 'amber' | 'red' | 'none';

/** How a source's facts (each a value and a weight) become one figure. */
export type Aggregate = 'sum' | 'ratio' | 'p90';

/** A month's aggregate of one key: n facts, Σ value, Σ weight, the 90th percentile of the values. */
export type Agg = { n: number; sum: number; weight: number; p90: number | null };

/**
 * The figure, or null for "no data": no facts at all, or a ratio over nothing. Never a zero for
 * an absence. `scale` turns a share into a percentage (100) or a rate per 1,000 (1000).
 */
export function figure(a: Agg | undefined, aggregate: Aggregate, scale = 1): number | null {
  if (!a || a.n === 0) return null;
  if (aggregate === 'sum') return a.sum * scale;
  if (aggregate === 'p90') return a.p90 === null ? null : a.p90 * scale;
  return a.weight === 0 ? null : (a.sum / a.weight) * scale;
}

/** The light: green at or past green, red past red (the wrong side), amber between; none without thresholds or a figure. */
export function light(value: number | null, m: { direction: Direction; green: number | null; red: number | null }): Light {
  if (value === null || (m.green === null && m.red === null)) return 'none';
  const better = (a: number, b: number) => (m.direction === 'higher' ? a >= b : a <= b);
  if (m.green !== null && better(value, m.green)) return 'green';
  if (m.red !== null && !better(value, m.red)) return 'red';
  return 'amber';
}

/** The median of the figures that exist; null when none does. */
export function median(values: (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** The `count` months ending with `month` (YYYY-MM), oldest first. */
export function monthsTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

export function previousMonth(month: string): string {
  return monthsTo(month, 2)[0];
}

/** The change against the month before, and whether that is for the better. */
export function trendOf(values: (number | null)[], direction: Direction): { delta: number | null; better: boolean | null } {
  const [prev, cur] = values.slice(-2);
  if (prev === null || prev === undefined || cur === null || cur === undefined) return { delta: null, better: null };
  const delta = cur - prev;
  return { delta, better: delta === 0 ? null : direction === 'higher' ? delta > 0 : delta < 0 };
}

/** A figure as a reader sees it, in its unit. */
export function formatFigure(value: number | null, unit: Unit, lang: 'zh' | 'en'): string {
  if (value === null) return lang === 'zh' ? '无数据' : 'no data';
  switch (unit) {
    case 'fen':
      return `¥${(value / 100).toFixed(2)}`;
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'per1000':
      return `${value.toFixed(2)}‰`;
    case 'hours':
      return `${value.toFixed(1)} h`;
    case 'score':
    case 'ratio':
      return value.toFixed(2);
    default:
      return String(Math.round(value * 10) / 10);
  }
}

export function csvRow(cells: (string | number | null)[]): string {
  return `${cells.map((c) => (c === null ? '' : /[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')}\r\n`;
}

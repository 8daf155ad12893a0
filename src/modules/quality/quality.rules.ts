// Product-improvement facts: the pure rules behind the figures and the trend alert.

export const dimensions = ['model', 'cause', 'symptom', 'batch', 'months_in_service', 'region', 'installer', 'provider', 'part'] as const;
export type Dimension = (typeof dimensions)[number];

/** Where a fault came from: a cause code's origin (quality_cause_origins) or an appraisal's responsibility. */
export const origins = ['product', 'installation', 'other', 'unknown'] as const;
export type Origin = (typeof origins)[number];

/** Days after installation (or purchase, when never installed) within which a first repair is an early failure. */
export const EARLY_FAILURE_DAYS = 90;
/** A fix stays fixed when no repair of the same unit is opened within this many days of its completion. */
export const REPEAT_WINDOW_DAYS = 30;

/** Per 1,000, to two places; null when there is nothing to divide by. */
export function per1000(count: number, base: number): number | null {
  return base > 0 ? Math.round((count * 1000 * 100) / base) / 100 : null;
}

/** A share to three places; null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

/** A returns appraisal's responsibility as an origin. */
export function originOfResponsibility(responsibility: string): Origin {
  if (responsibility === 'product_quality') return 'product';
  if (responsibility === 'installation') return 'installation';
  return 'other';
}

/** Pareto: largest first, with each row's cumulative share of the whole. */
export function pareto<T extends { faults: number }>(rows: T[]): (T & { share: number; cumulativeShare: number })[] {
  const total = rows.reduce((s, r) => s + r.faults, 0);
  let running = 0;
  return [...rows]
    .sort((a, b) => b.faults - a.faults)
    .map((r) => {
      running += r.faults;
      return { ...r, share: share(r.faults, total) ?? 0, cumulativeShare: share(running, total) ?? 0 };
    });
}

export type MonthFigure = { month: string; faults: number; units: number };
export type TrendRule = { baselineMonths: number; minBaselineMonths: number; minFaults: number; sigmas: number };

/**
 * The stated rule: control limits on the monthly rate of faults per unit in the field. Over the
 * previous `baselineMonths` months (at least `minBaselineMonths` of them with units in the field)
 * the centre line is p̄ = Σfaults / Σunits and σ is the larger of the baseline months' own spread
 * (the sample standard deviation of their rates: real months vary more than chance alone, and a
 * pure p-chart then cries wolf) and the binomial σ of this month, √(p̄(1−p̄)/units). This month
 * alerts when its rate p = faults / units > p̄ + `sigmas`·σ and it has at least `minFaults` faults
 * (a few faults on a small install base are noise). A baseline without a single fault uses
 * p̄ = 0.5/Σunits (half a fault), so a model that never failed does not alert on its first fault
 * but does on a burst.
 */
export const defaultTrendRule: TrendRule = { baselineMonths: 12, minBaselineMonths: 3, minFaults: 5, sigmas: 3 };

export type TrendVerdict = {
  alert: boolean;
  /** Rates per 1,000 units in the field, to two places. */
  ratePer1000: number | null;
  baselinePer1000: number | null;
  upperLimitPer1000: number | null;
  reason: 'no_units' | 'short_baseline' | 'few_faults' | 'within_limits' | 'above_limit';
};

export function trendVerdict(current: MonthFigure, baseline: MonthFigure[], rule: TrendRule = defaultTrendRule): TrendVerdict {
  const round = (x: number) => Math.round(x * 1000 * 100) / 100;
  if (current.units <= 0) return { alert: false, ratePer1000: null, baselinePer1000: null, upperLimitPer1000: null, reason: 'no_units' };
  const p = current.faults / current.units;
  const used = baseline.filter((b) => b.units > 0 && b.month < current.month).sort((a, b) => (a.month < b.month ? 1 : -1)).slice(0, rule.baselineMonths);
  if (used.length < rule.minBaselineMonths) return { alert: false, ratePer1000: round(p), baselinePer1000: null, upperLimitPer1000: null, reason: 'short_baseline' };
  const units = used.reduce((s, b) => s + b.units, 0);
  const faults = used.reduce((s, b) => s + b.faults, 0);
  const pBar = faults > 0 ? faults / units : 0.5 / units;
  const rates = used.map((b) => b.faults / b.units);
  const mean = rates.reduce((a, r) => a + r, 0) / rates.length;
  const spread = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (rates.length - 1));
  const limit = pBar + rule.sigmas * Math.max(spread, Math.sqrt((pBar * (1 - pBar)) / current.units));
  const figures = { ratePer1000: round(p), baselinePer1000: round(faults / units), upperLimitPer1000: round(limit) };
  if (current.faults < rule.minFaults) return { alert: false, ...figures, reason: 'few_faults' };
  if (p > limit) return { alert: true, ...figures, reason: 'above_limit' };
  return { alert: false, ...figures, reason: 'within_limits' };
}

/** `YYYY-MM` of the month before the one `day` (YYYY-MM-DD) falls in. */
export function previousMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The `count` months before `month` (YYYY-MM), oldest first. */
export function monthsBefore(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = count; i >= 1; i--) {
    const t = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

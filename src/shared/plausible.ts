import { invalid } from './errors.js';

// Plausibility rules that need today: they take it from the service's clock, so tests and
// replays see the same answers.

/** The latest calendar date anywhere on earth at this instant (UTC+14): a date after it is in the future for everyone. */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** A date that has already happened (a birthday, a purchase, a replacement). */
export function assertNotFuture(now: Date, path: string, date: string | null | undefined): void {
  if (date && date > latestToday(now)) throw invalid(path, `must not be in the future / 不能晚于今天 (${date})`);
}

/** An instant no further ahead than `years` from now (a wished visit window). */
export function assertWithinYearsAhead(now: Date, path: string, instant: string | null | undefined, years = 2): void {
  if (!instant) return;
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + years);
  if (Date.parse(instant) > limit.getTime()) throw invalid(path, `must be within ${years} years from now / 须在 ${years} 年以内`);
}

// Business deadlines for other modules (complaints' escalation ladder): a number of business
// minutes from an instant on a named calendar, else the default one, else round the clock.
// Reads the calendar through the caller's transaction; the arithmetic is calendar.rules.ts.
import type { Queryable } from '../../db/database.js';
import { addBusinessTime, compileCalendar, MINUTE, roundTheClock } from './calendar.rules.js';
import * as repo from './promises.repo.js';

/** The calendar a deadline runs on: the one named when it exists, else the default one; null is round the clock. */
export async function deadlineCalendarId(q: Queryable, calendarId?: string | null): Promise<string | null> {
  if (calendarId && (await repo.calendarById(q, calendarId))) return calendarId;
  return (await repo.calendarIdFor(q, { fallbackDefault: true })) ?? null;
}

/** The instant `minutes` of business time after `from` on the calendar (null: 24×7). */
export async function businessDeadline(q: Queryable, p: { from: Date; minutes: number; calendarId: string | null }): Promise<Date> {
  const row = p.calendarId ? await repo.calendarById(q, p.calendarId) : undefined;
  const rules = row ? { timeZone: row.timeZone, week: row.week, days: await repo.daysOf(q, row.id) } : roundTheClock();
  return addBusinessTime(compileCalendar(rules), p.from, p.minutes * MINUTE);
}

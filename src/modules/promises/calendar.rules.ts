// Business calendars as pure rules: which instants are working time, adding business time to an
// instant and measuring it between two. No I/O, no clock. Times are instants (ms since the epoch);
// the calendar turns local dates and hours into instants in its own time zone, so a day that
// loses or gains an hour to daylight saving works exactly the hours its clocks show.
import { DateTime, IANAZone } from 'luxon';

/** 'HH:mm' local time; an end may be '24:00' (midnight at the end of the day). */
export type TimeBlock = { start: string; end: string };

/** A date that differs from the weekly pattern: a holiday (no work) or a make-up working day (调休). */
export type CalendarDay = {
  date: string;
  kind: 'holiday' | 'workday';
  nameZh?: string | null;
  nameEn?: string | null;
  /** Working hours that day; a workday without them works a normal weekday's hours, a holiday none. */
  blocks?: TimeBlock[] | null;
};

export type CalendarRules = {
  timeZone: string;
  /** Seven lists of blocks, Monday first (ISO weekday 1 at index 0). */
  week: TimeBlock[][];
  days: CalendarDay[];
};

export const MINUTE = 60_000;
/** Adding business time gives up after this many days without enough working time. */
const MAX_SCAN_DAYS = 3 * 366;

export const weekdayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** 24×7: every minute of every day is working time. */
export function roundTheClock(timeZone = 'Asia/Shanghai'): CalendarRules {
  return { timeZone, week: weekdayNames.map(() => [{ start: '00:00', end: '24:00' }]), days: [] };
}

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The first instant of a local date (YYYY-MM-DD) in a zone. */
export function localMidnight(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

export type CalendarProblem = { path: string; message: string };

const hhmm = /^([01][0-9]|2[0-3]):([0-5][0-9])$|^24:00$/;

function minutesOf(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

function blockProblems(blocks: TimeBlock[], path: string): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  let lastEnd = -1;
  blocks.forEach((b, i) => {
    if (!hhmm.test(b.start) || b.start === '24:00') problems.push({ path: `${path}.${i}.start`, message: 'must be HH:mm between 00:00 and 23:59' });
    else if (!hhmm.test(b.end)) problems.push({ path: `${path}.${i}.end`, message: 'must be HH:mm between 00:01 and 24:00' });
    else if (minutesOf(b.end) <= minutesOf(b.start)) problems.push({ path: `${path}.${i}.end`, message: 'must be after start' });
    else if (minutesOf(b.start) < lastEnd) problems.push({ path: `${path}.${i}.start`, message: 'blocks must be in order and not overlap' });
    else lastEnd = minutesOf(b.end);
  });
  return problems;
}

/** Every reason these rules cannot be used, each naming its field. */
export function calendarProblems(c: CalendarRules): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isTimeZone(c.timeZone)) problems.push({ path: 'timeZone', message: 'not an IANA time zone (e.g. Asia/Shanghai)' });
  if (c.week.length !== 7) problems.push({ path: 'week', message: 'needs seven days, Monday first' });
  c.week.forEach((blocks, i) => problems.push(...blockProblems(blocks, `week.${i}`)));
  const seen = new Set<string>();
  c.days.forEach((d, i) => {
    if (!DateTime.fromISO(d.date, { zone: 'UTC' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(d.date)) problems.push({ path: `days.${i}.date`, message: 'not a date YYYY-MM-DD' });
    else if (seen.has(d.date)) problems.push({ path: `days.${i}.date`, message: 'the same date twice' });
    seen.add(d.date);
    if (d.blocks) problems.push(...blockProblems(d.blocks, `days.${i}.blocks`));
    if (d.kind === 'holiday' && d.blocks && d.blocks.length > 0) problems.push({ path: `days.${i}.blocks`, message: 'a holiday has no working hours' });
  });
  // Make-up days alone would leave most targets unreachable: the week itself must have working hours.
  if (!c.week.some((b) => b.length > 0)) problems.push({ path: 'week', message: 'a calendar needs working hours in its week' });
  return problems;
}

/** A calendar prepared for arithmetic: blocks in minutes, special days by date. */
export type Calendar = {
  zone: string;
  week: [number, number][][];
  days: Map<string, [number, number][]>;
  /**
   * Each local day met so far, by its first instant: its working intervals and the next day's
   * first instant. Zone arithmetic is the slow part; a calendar works the same days over and over.
   */
  seen: Map<number, { intervals: [number, number][]; next: number }>;
  /** The local day asked about last: its first instant and the next day's. */
  recentDay: { start: number; next: number } | null;
};

/** Days remembered per calendar before the memory starts afresh (about 55 years of days). */
const MAX_SEEN = 20_000;

export function compileCalendar(c: CalendarRules): Calendar {
  const toMinutes = (blocks: TimeBlock[]) => blocks.map((b): [number, number] => [minutesOf(b.start), minutesOf(b.end)]);
  const week = c.week.map(toMinutes);
  // A make-up day works the hours of the first weekday that has any (Monday, in most companies).
  const normalDay = week.slice(0, 5).find((b) => b.length > 0) ?? week.find((b) => b.length > 0) ?? [];
  const days = new Map<string, [number, number][]>();
  for (const d of c.days) days.set(d.date, d.kind === 'holiday' ? [] : d.blocks ? toMinutes(d.blocks) : normalDay);
  return { zone: c.timeZone, week, days, seen: new Map(), recentDay: null };
}

/** The working intervals of the local day starting at `dayStart`, as instants, in order, and the next day's start. */
function dayAt(cal: Calendar, dayStart: number): { intervals: [number, number][]; next: number } {
  const known = cal.seen.get(dayStart);
  if (known) return known;
  const day = DateTime.fromMillis(dayStart, { zone: cal.zone });
  const blocks = cal.days.get(day.toISODate() as string) ?? cal.week[day.weekday - 1];
  const intervals: [number, number][] = [];
  for (const [from, to] of blocks) {
    const start = atLocal(day, from);
    const end = atLocal(day, to);
    // A block that falls wholly in the hour skipped by daylight saving has no working time.
    if (end > start) intervals.push([start, end]);
  }
  const info = { intervals, next: nextDay(day).toMillis() };
  if (cal.seen.size >= MAX_SEEN) cal.seen.clear();
  cal.seen.set(dayStart, info);
  return info;
}

/** Wall-clock minutes into a local day as an instant; 24:00 is the next day's midnight. */
function atLocal(day: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return nextDay(day).toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** The next local day's first instant (not always 00:00: some zones skip midnight). */
function nextDay(day: DateTime): DateTime {
  return day.plus({ days: 1 }).startOf('day');
}

function localDayStart(cal: Calendar, at: number): number {
  // Most questions are about today: answer them without zone arithmetic.
  const recent = cal.recentDay;
  if (recent && recent.start <= at && at < recent.next) return recent.start;
  const start = DateTime.fromMillis(at, { zone: cal.zone }).startOf('day').toMillis();
  cal.recentDay = { start, next: dayAt(cal, start).next };
  return start;
}

/**
 * The earliest instant by which `amountMs` of business time has passed since `from`. A target
 * that is used up at the end of a working block ends there (Friday 18:00, not Monday 09:00).
 */
export function addBusinessTime(cal: Calendar, from: Date, amountMs: number): Date {
  if (amountMs < 0) throw new RangeError('amount must not be negative');
  let left = amountMs;
  const start = from.getTime();
  if (left === 0) return new Date(start);
  let day = localDayStart(cal, start);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    const { intervals, next } = dayAt(cal, day);
    for (const [s, e] of intervals) {
      if (e <= start) continue;
      const a = Math.max(s, start);
      if (e - a >= left) return new Date(a + left);
      left -= e - a;
    }
    day = next;
  }
  throw new RangeError(`the calendar has too little working time in ${MAX_SCAN_DAYS} days`);
}

/** `hours` of business time after `from` on the calendar (fractions of an hour allowed; never negative). */
export function addBusinessHours(cal: Calendar, from: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a non-negative number');
  return addBusinessTime(cal, from, Math.round(hours * 60) * MINUTE);
}

/** Business time from `a` to `b` in ms; negative when `b` is before `a`. */
export function businessTimeBetween(cal: Calendar, a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -businessTimeBetween(cal, b, a);
  let total = 0;
  for (let day = localDayStart(cal, from); day < to; day = dayAt(cal, day).next) {
    for (const [s, e] of dayAt(cal, day).intervals) {
      const lo = Math.max(s, from);
      const hi = Math.min(e, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/** Whether `at` falls in working time. */
export function isWorkingTime(cal: Calendar, at: Date): boolean {
  const t = at.getTime();
  return dayAt(cal, localDayStart(cal, t)).intervals.some(([s, e]) => s <= t && t < e);
}

// Local dates and wall-clock times in a named time zone (luxon): a shift "08:00–18:00" is local
// time at the provider, the database keeps instants.
import { DateTime, IANAZone } from 'luxon';

/** True when this is a known IANA zone name. */
export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** YYYY-MM-DD of the instant in the zone. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

/** The date in China of the instant: the customer's day, by which warranties, 三包 and contracts count. */
export function chinaDay(at: Date): string {
  return localDate(at, 'Asia/Shanghai');
}

/** The instant of a local wall-clock time ("HH:MM", or minutes after midnight) on a local date. */
export function zonedInstant(date: string, time: string | number, timeZone: string): Date {
  const minutes = typeof time === 'number' ? time : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const day = DateTime.fromISO(date, { zone: timeZone });
  // "24:00" and later roll over to the next day, as a shift's end may.
  return day.plus({ days: Math.floor(minutes / 1440) }).set({ hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 }).toJSDate();
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}

/** A visit window as people read it: "6月2日 14:00–16:00" and "2 Jun 14:00–16:00", local time. */
export function windowWords(from: Date, to: Date, timeZone: string): { zh: string; en: string } {
  const a = DateTime.fromJSDate(from, { zone: timeZone });
  const b = DateTime.fromJSDate(to, { zone: timeZone });
  return { zh: `${a.toFormat('M月d日 HH:mm')}–${b.toFormat('HH:mm')}`, en: `${a.setLocale('en-GB').toFormat('d LLL HH:mm')}–${b.toFormat('HH:mm')}` };
}

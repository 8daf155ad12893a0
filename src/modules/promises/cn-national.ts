// China's national holidays and make-up working days (调休), as the State Council announces them
// each year, from the chinese-days package's data (see README: why this library).
import { createRequire } from 'node:module';
import type { CalendarDay, CalendarRules, TimeBlock } from './calendar.rules.js';

type ChineseDaysData = { holidays: Record<string, string>; workdays: Record<string, string> };
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** "Spring Festival,春节,4": English name, Chinese name, length of the holiday. */
function names(value: string): { nameEn: string; nameZh: string } {
  const [nameEn = '', nameZh = ''] = value.split(',');
  return { nameEn, nameZh };
}

/** The years the shipped data covers, oldest first. */
export function cnNationalYears(): number[] {
  const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

/** Holidays and make-up working days of the given years (all covered years when none are given). */
export function cnNationalDays(years?: number[]): CalendarDay[] {
  const wanted = years ? new Set(years) : null;
  const keep = (date: string) => !wanted || wanted.has(Number(date.slice(0, 4)));
  const days: CalendarDay[] = [
    ...Object.entries(data.holidays).filter(([d]) => keep(d)).map(([date, v]): CalendarDay => ({ date, kind: 'holiday', ...names(v) })),
    ...Object.entries(data.workdays).filter(([d]) => keep(d)).map(([date, v]): CalendarDay => ({ date, kind: 'workday', ...names(v) })),
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Office hours most service desks in China keep: 09:00–12:00 and 13:30–18:00, Monday to Friday. */
export const cnOfficeWeek: TimeBlock[][] = [0, 1, 2, 3, 4, 5, 6].map((i) =>
  i < 5 ? [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] : [],
);

export function cnNationalCalendar(years?: number[]): CalendarRules {
  return { timeZone: 'Asia/Shanghai', week: cnOfficeWeek, days: cnNationalDays(years) };
}

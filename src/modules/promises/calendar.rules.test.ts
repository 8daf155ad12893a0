import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addBusinessHours, addBusinessTime, businessTimeBetween, calendarProblems, compileCalendar, isWorkingTime, roundTheClock, type CalendarRules, type TimeBlock } from './calendar.rules.js';
import { cnNationalCalendar, cnNationalDays, cnNationalYears } from './cn-national.js';

const H = 3600_000;
const cn = compileCalendar(cnNationalCalendar());
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('the Chinese national calendar from chinese-days', () => {
  it('covers the years up to the current one, with names in both languages', () => {
    expect(cnNationalYears()).toContain(2026);
    const feb14 = cnNationalDays([2026]).find((d) => d.date === '2026-02-14');
    expect(feb14).toEqual({ date: '2026-02-14', kind: 'workday', nameEn: 'Spring Festival', nameZh: '春节' });
    expect(cnNationalDays([2026]).filter((d) => d.kind === 'holiday' && d.nameZh === '春节').map((d) => d.date)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
  });
});

describe('business time on a calendar (Asia/Shanghai, 09:00–12:00 and 13:30–18:00 on weekdays)', () => {
  it('skips the lunch break', () => {
    // Monday 1 June 2026, 11:00 in Shanghai; two hours of work end at 14:30.
    const due = addBusinessTime(cn, at('2026-06-01T03:00:00Z'), 2 * H);
    expect(iso(due)).toBe('2026-06-01T06:30:00.000Z');
    expect(businessTimeBetween(cn, at('2026-06-01T03:00:00Z'), due)).toBe(2 * H);
    expect(isWorkingTime(cn, at('2026-06-01T04:30:00Z'))).toBe(false); // 12:30, lunch
  });

  it('skips the weekend', () => {
    // Friday 5 June 17:00: one hour on Friday, two on Monday morning.
    expect(iso(addBusinessTime(cn, at('2026-06-05T09:00:00Z'), 3 * H))).toBe('2026-06-08T03:00:00.000Z');
    expect(businessTimeBetween(cn, at('2026-06-05T09:00:00Z'), at('2026-06-08T03:00:00Z'))).toBe(3 * H);
  });

  it('a target used up at the end of a block ends there, not at the next opening', () => {
    expect(iso(addBusinessTime(cn, at('2026-06-05T09:00:00Z'), 1 * H))).toBe('2026-06-05T10:00:00.000Z'); // Friday 18:00
  });

  it('works the Spring Festival make-up Saturday and skips the holiday week', () => {
    // Friday 13 Feb 2026 16:00: 2 h that day, 7.5 h on the make-up Saturday 14 Feb, holidays 15–23 Feb,
    // the remaining 6.5 h on Tuesday 24 Feb, ending 17:00.
    const from = at('2026-02-13T08:00:00Z');
    const due = addBusinessTime(cn, from, 16 * H);
    expect(iso(due)).toBe('2026-02-24T09:00:00.000Z');
    expect(businessTimeBetween(cn, from, due)).toBe(16 * H);
    expect(isWorkingTime(cn, at('2026-02-14T02:00:00Z'))).toBe(true); // Saturday 10:00, a make-up day
    expect(isWorkingTime(cn, at('2026-02-16T02:00:00Z'))).toBe(false); // Monday 10:00, Spring Festival
    // The Saturday after the holiday is a working day too.
    expect(iso(addBusinessTime(cn, at('2026-02-27T09:00:00Z'), 2 * H))).toBe('2026-02-28T02:00:00.000Z');
  });

  it('measures backwards as a negative amount', () => {
    expect(businessTimeBetween(cn, at('2026-06-08T03:00:00Z'), at('2026-06-05T09:00:00Z'))).toBe(-3 * H);
  });
});

describe('a non-Chinese time zone across a daylight-saving change', () => {
  const ny = compileCalendar(roundTheClock('America/New_York'));
  const berlinOffice = compileCalendar({ timeZone: 'Europe/Berlin', week: [0, 1, 2, 3, 4, 5, 6].map((i) => (i < 5 ? [{ start: '09:00', end: '17:00' }] : [])), days: [] });

  it('24×7 counts real hours: the spring-forward night has 23, the fall-back night 25', () => {
    expect(businessTimeBetween(ny, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(23 * H); // local midnight to midnight
    expect(businessTimeBetween(ny, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(25 * H);
    expect(iso(addBusinessTime(ny, at('2026-03-07T17:00:00Z'), 24 * H))).toBe('2026-03-08T17:00:00.000Z'); // 13:00 EDT
  });

  it('office hours follow the local clock after the change', () => {
    // Friday 27 March 16:00 CET (15:00Z) + 2 h: one on Friday, one on Monday 09:00–10:00 CEST (07:00–08:00Z).
    expect(iso(addBusinessTime(berlinOffice, at('2026-03-27T15:00:00Z'), 2 * H))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('a night block over the skipped hour has one hour less', () => {
    const nights = compileCalendar({ timeZone: 'America/New_York', week: [0, 1, 2, 3, 4, 5, 6].map(() => [{ start: '00:00', end: '06:00' }]), days: [] });
    expect(businessTimeBetween(nights, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(5 * H);
  });

  it('a zone whose clocks skip midnight (Santiago, Sunday 6 Sep 2026) has a 23-hour Sunday', () => {
    const sundays = compileCalendar({ timeZone: 'America/Santiago', week: [[], [], [], [], [], [], [{ start: '00:00', end: '24:00' }]], days: [] });
    expect(businessTimeBetween(sundays, at('2026-09-01T00:00:00Z'), at('2026-09-10T00:00:00Z'))).toBe(23 * H);
  });
});

describe('calendar problems name the field', () => {
  it('rejects bad zones, overlapping blocks and holidays with hours', () => {
    const bad: CalendarRules = {
      timeZone: 'Mars/Olympus',
      week: [[{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }], [{ start: '18:00', end: '09:00' }], [], [], [], [], []],
      days: [{ date: '2026-02-30', kind: 'holiday' }, { date: '2026-05-01', kind: 'holiday', blocks: [{ start: '09:00', end: '10:00' }] }],
    };
    expect(calendarProblems(bad).map((p) => p.path)).toEqual(['timeZone', 'week.0.1.start', 'week.1.0.end', 'days.0.date', 'days.1.blocks']);
    expect(calendarProblems(cnNationalCalendar())).toEqual([]);
  });
});

// Random calendars in zones with and without daylight saving, random holidays and make-up days.
const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'UTC', 'America/Santiago'];
const blockArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 6 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const blocks: TimeBlock[] = [];
    const t = (half: number) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`;
    for (let i = 0; i + 1 < sorted.length; i += 2) blocks.push({ start: t(sorted[i]), end: t(sorted[i + 1]) });
    return blocks;
  });
const calendarArb = fc
  .record({
    timeZone: fc.constantFrom(...zones),
    week: fc.array(blockArb, { minLength: 7, maxLength: 7 }),
    days: fc.uniqueArray(
      fc.record({ offset: fc.integer({ min: 0, max: 400 }), kind: fc.constantFrom('holiday' as const, 'workday' as const) }),
      { selector: (d) => d.offset, maxLength: 30 },
    ),
  })
  .map(({ timeZone, week, days }): CalendarRules => ({
    timeZone,
    week: week.some((b) => b.length > 0) ? week : [[{ start: '09:00', end: '17:00' }], ...week.slice(1)],
    days: days.map((d) => ({ date: new Date(Date.UTC(2026, 0, 1) + d.offset * 86_400_000).toISOString().slice(0, 10), kind: d.kind })),
  }));
/** Adding gives up after three years; keep amounts a sparse calendar can reach well within them (30 holidays may fall on working days). */
const weeklyMs = (rules: CalendarRules) => rules.week.flat().reduce((sum, b) => sum + (minutesOfDay(b.end) - minutesOfDay(b.start)) * 60_000, 0);
const minutesOfDay = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const reachable = (rules: CalendarRules, ms: number) => weeklyMs(rules) * 120 >= ms;

const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms));
const amount = fc.integer({ min: 0, max: 200 * H });

describe('properties', () => {
  it('measuring from a start to start + amount gives the amount back', () => {
    fc.assert(
      fc.property(calendarArb, instant, amount, (rules, from, ms) => {
        fc.pre(reachable(rules, ms));
        const cal = compileCalendar(rules);
        expect(calendarProblems(rules)).toEqual([]);
        const due = addBusinessTime(cal, from, ms);
        expect(businessTimeBetween(cal, from, due)).toBe(ms);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('more business time never ends earlier, a later start never ends earlier', () => {
    fc.assert(
      fc.property(calendarArb, instant, instant, amount, amount, (rules, a, b, x, y) => {
        fc.pre(reachable(rules, Math.max(x, y)));
        const cal = compileCalendar(rules);
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(addBusinessTime(cal, a, lo).getTime()).toBeLessThanOrEqual(addBusinessTime(cal, a, hi).getTime());
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addBusinessTime(cal, early, lo).getTime()).toBeLessThanOrEqual(addBusinessTime(cal, late, lo).getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('business time adds up over consecutive spans and never exceeds wall time', () => {
    fc.assert(
      fc.property(calendarArb, fc.array(instant, { minLength: 3, maxLength: 3 }), (rules, points) => {
        const cal = compileCalendar(rules);
        const [a, b, c] = [...points].sort((p, q) => p.getTime() - q.getTime());
        const ab = businessTimeBetween(cal, a, b);
        expect(ab + businessTimeBetween(cal, b, c)).toBe(businessTimeBetween(cal, a, c));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime());
      }),
      { numRuns: 100 },
    );
  });
});

describe('addBusinessHours (a dispute review due on the business calendar)', () => {
  // Asia/Shanghai, 09:00–12:00 and 13:30–18:00 on weekdays (7.5 h a day); June 2026 has no holiday before the 19th.
  it.each([
    ['Monday 11:00 + 2 h skips lunch', '2026-06-01T03:00:00Z', 2, '2026-06-01T06:30:00.000Z'],
    ['Monday 11:45 + 0.5 h: 15 min before lunch, 15 after', '2026-06-01T03:45:00Z', 0.5, '2026-06-01T05:45:00.000Z'],
    ['Friday 17:00 + 1 h ends at Friday 18:00', '2026-06-05T09:00:00Z', 1, '2026-06-05T10:00:00.000Z'],
    ['Friday 17:00 + 3 h ends Monday 11:00', '2026-06-05T09:00:00Z', 3, '2026-06-08T03:00:00.000Z'],
    ['Saturday 10:00 + 1 h starts counting on Monday', '2026-06-06T02:00:00Z', 1, '2026-06-08T02:00:00.000Z'],
    ['Monday 08:00 + 7.5 h is the whole working day', '2026-06-01T00:00:00Z', 7.5, '2026-06-01T10:00:00.000Z'],
    ['Monday 09:00 + 48 h is six working days and three hours later', '2026-06-01T01:00:00Z', 48, '2026-06-09T04:00:00.000Z'],
    ['zero hours on a Sunday is that instant', '2026-06-07T05:00:00Z', 0, '2026-06-07T05:00:00.000Z'],
  ])('%s', (_name, from, hours, due) => {
    expect(iso(addBusinessHours(cn, at(from), hours))).toBe(due);
  });

  it('round the clock, business hours are calendar hours', () => {
    expect(iso(addBusinessHours(compileCalendar(roundTheClock()), at('2026-06-06T02:00:00Z'), 48))).toBe('2026-06-08T02:00:00.000Z');
  });

  it('refuses a negative or non-finite amount', () => {
    expect(() => addBusinessHours(cn, at('2026-06-01T03:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessHours(cn, at('2026-06-01T03:00:00Z'), Number.NaN)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { bookingRefusal, defaultBookingRules, pastRefusal, portalChangeRefusal, shiftWindows, type BookingFacts, type OtherVisit } from './booking.rules.js';

const at = (hhmm: string, date = '2026-06-02') => Date.parse(`${date}T${hhmm}:00+08:00`);
const facts = (window: [string, string], others: OtherVisit[] = [], travelMinutes = 0): BookingFacts => ({
  window: [at(window[0]), at(window[1])],
  serviceSeconds: 3600,
  place: [113.32, 23.13],
  timeZone: 'Asia/Shanghai',
  technicianName: '王师傅',
  shiftPeriods: [[at('08:00'), at('12:00')], [at('13:00'), at('18:00')]],
  absences: [],
  others,
  visitsByDate: {},
  maxVisitsPerDay: 8,
  travelSeconds: (a, b) => (a && b && (a[0] !== b[0] || a[1] !== b[1]) ? travelMinutes * 60 : 0),
});
const visit = (id: string, from: string, to: string, lng = 113.4): OtherVisit => ({ orderId: id, number: `WO-${id}`, from: at(from), to: at(to), serviceSeconds: 3600, place: [lng, 23.13] });

describe('booking rules', () => {
  it('keeps a window inside a shift period, not one across the lunch break', () => {
    expect(bookingRefusal(facts(['09:00', '11:00']), defaultBookingRules)).toBeNull();
    expect(bookingRefusal(facts(['11:00', '13:00']), defaultBookingRules)?.code).toBe('outside_shift');
    // Starting at 11:30, an hour's work runs into the break.
    expect(bookingRefusal(facts(['11:30', '12:00']), defaultBookingRules)?.en).toContain('ends after');
  });

  it('counts the travel between visits in both directions', () => {
    const other = [visit('a', '09:00', '10:00')];
    expect(bookingRefusal(facts(['10:00', '11:00'], other, 20), defaultBookingRules)).toBeNull();
    expect(bookingRefusal(facts(['10:00', '10:15'], other, 20), defaultBookingRules)).toMatchObject({ code: 'visit_overlap', otherOrderId: 'a' });
    // Before it: 08:00 + 60 min + 20 min travel is 09:20, inside a's window.
    expect(bookingRefusal(facts(['08:00', '08:30'], other, 20), defaultBookingRules)).toBeNull();
    expect(bookingRefusal(facts(['08:00', '08:30'], other, 70), defaultBookingRules)).toMatchObject({ code: 'visit_overlap', otherOrderId: 'a' });
  });

  it('does not blame a new visit for two earlier ones that already clash (an override)', () => {
    const clashing = [visit('a', '09:00', '09:30'), visit('b', '09:00', '09:30', 113.5)];
    expect(bookingRefusal(facts(['15:00', '17:00'], clashing, 30), defaultBookingRules)).toBeNull();
  });

  it('refuses a window longer than the maximum, and is configurable', () => {
    expect(bookingRefusal(facts(['08:00', '12:00']), defaultBookingRules)).toBeNull();
    expect(bookingRefusal(facts(['08:00', '12:00']), { ...defaultBookingRules, maxWindowMinutes: 120 })?.code).toBe('window_too_long');
  });

  it("lays the windows offered on the technician's shift periods, a short last stretch only when it is half a window", () => {
    const periods: [number, number][] = [[at('08:30'), at('12:00')], [at('13:00'), at('17:30')], [at('08:00', '2026-06-03'), at('18:00', '2026-06-03')]];
    expect(shiftWindows(periods, '2026-06-02', 'Asia/Shanghai', 120)).toEqual([
      [at('08:30'), at('10:30')], [at('10:30'), at('12:00')],
      [at('13:00'), at('15:00')], [at('15:00'), at('17:00')],
    ]);
    expect(shiftWindows(periods, '2026-06-02', 'Asia/Shanghai', 60)).toHaveLength(4 + 5);
    expect(shiftWindows(periods, '2026-06-04', 'Asia/Shanghai', 120)).toEqual([]);
    // In another zone the same instants are another local day.
    expect(shiftWindows([[Date.parse('2026-06-02T08:00:00-05:00'), Date.parse('2026-06-02T10:00:00-05:00')]], '2026-06-02', 'America/Bogota', 120)).toHaveLength(1);
  });

  it('refuses a window that has begun or is over, only the running one overridable', () => {
    expect(pastRefusal([at('09:00'), at('11:00')], at('08:59'), 'Asia/Shanghai')).toBeNull();
    expect(pastRefusal([at('09:00'), at('11:00')], at('09:30'), 'Asia/Shanghai')).toMatchObject({ code: 'window_started', overridable: true, zh: expect.stringContaining('已经开始（现在是 09:30）') });
    expect(pastRefusal([at('03:00'), at('04:00')], at('09:30'), 'Asia/Shanghai')).toMatchObject({ code: 'window_in_past', overridable: false, en: 'Tue 2 Jun 03:00–04:00 is already over (it is 09:30 now); choose a window to come' });
  });

  it("refuses a visit beyond the technician's daily limit, naming it", () => {
    const full = { ...facts(['09:00', '11:00']), visitsByDate: { '2026-06-02': 3 }, maxVisitsPerDay: 3 };
    expect(bookingRefusal(full, defaultBookingRules)).toMatchObject({ code: 'daily_limit', en: '王师傅 already has 3 visits on Tue 2 Jun, at most 3 a day', zh: '王师傅6月2日（周二）已有 3 个上门，每天最多 3 个' });
    expect(bookingRefusal({ ...full, maxVisitsPerDay: 4 }, defaultBookingRules)).toBeNull();
    expect(bookingRefusal({ ...full, visitsByDate: { '2026-06-03': 3 } }, defaultBookingRules)).toBeNull();
  });

  it('holds the portal to its rules', () => {
    const now = at('09:00');
    expect(portalChangeRefusal(now, at('08:00', '2026-06-03'), 0, true, defaultBookingRules)?.code).toBe('too_late_to_change');
    expect(portalChangeRefusal(now, at('10:00', '2026-06-03'), 2, true, defaultBookingRules)?.code).toBe('too_many_reschedules');
    expect(portalChangeRefusal(now, at('10:00', '2026-06-03'), 2, false, defaultBookingRules)).toBeNull();
  });
});

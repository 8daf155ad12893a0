// Whether a technician can keep a visit window. Pure: the service gathers the facts (shifts,
// absences, the technician's other booked visits, travel times), this decides and says why.
// A window is an arrival window: the visit starts inside it and lasts the product's standard
// minutes, as the optimizer reads appointments (dispatch.rules: a job's time window).
import { DateTime } from 'luxon';

type Interval = [number, number];
type LngLat = [number, number];

/** What a company sets about bookings (configuration: AFTERCARE_BOOKING_*, AFTERCARE_PORTAL_*). */
export type BookingRules = {
  /** A window longer than this is no appointment ("sometime today" is not a promise). */
  maxWindowMinutes: number;
  /** Customers change or cancel a booked visit in the portal at least this long before it. */
  portalChangeHours: number;
  /** How many times a customer may move one order's visit themselves. */
  portalMaxReschedules: number;
  /** The windows offered are this long, laid from the start of each of the technician's shift periods. */
  windowMinutes: number;
};
export const defaultBookingRules: BookingRules = { maxWindowMinutes: 240, portalChangeHours: 24, portalMaxReschedules: 2, windowMinutes: 120 };

export type BookingRefusalCode = 'window_too_long' | 'outside_shift' | 'technician_absent' | 'daily_limit' | 'visit_overlap' | 'window_in_past' | 'window_started';
export type BookingRefusal = { code: BookingRefusalCode; en: string; zh: string; otherOrderId?: string };

export type OtherVisit = { orderId: string; number: string; from: number; to: number; serviceSeconds: number; place: LngLat | null };

export type BookingFacts = {
  window: Interval;
  serviceSeconds: number;
  place: LngLat | null;
  timeZone: string;
  technicianName: string;
  /** The technician's shift periods around the window (every local date it may touch), absences not taken out. */
  shiftPeriods: Interval[];
  /** Absences overlapping those periods. */
  absences: { from: number; to: number }[];
  /** The technician's other booked visits near the window. */
  others: OtherVisit[];
  /** Visits the technician already has on each local date (yyyy-mm-dd) near the window, this order's own not counted. */
  visitsByDate: Record<string, number>;
  /** The technician's limit of visits a day (network: maxJobsPerDay). */
  maxVisitsPerDay: number;
  /** Seconds from one place to another (the dispatch module's estimate); 0 when either is unknown. */
  travelSeconds: (a: LngLat | null, b: LngLat | null) => number;
};

const hm = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
const dayWords = (ms: number, zone: string) => {
  const d = DateTime.fromMillis(ms, { zone });
  return { en: d.setLocale('en-GB').toFormat('ccc d LLL'), zh: `${d.toFormat('M月d日')}（周${'一二三四五六日'[d.weekday - 1]}）` };
};
const span = (a: number, b: number, zone: string) => `${hm(a, zone)}–${hm(b, zone)}`;
const minutes = (s: number) => Math.round(s / 60);

/** Why the technician cannot keep this window; null when they can. */
export function bookingRefusal(f: BookingFacts, rules: BookingRules): BookingRefusal | null {
  const [from, to] = f.window;
  const z = f.timeZone;
  const lengthMin = Math.round((to - from) / 60_000);
  if (lengthMin > rules.maxWindowMinutes) {
    const max = rules.maxWindowMinutes;
    return { code: 'window_too_long', en: `a visit window is at most ${max} minutes; this one is ${lengthMin}`, zh: `预约时段最长 ${max} 分钟，当前为 ${lengthMin} 分钟` };
  }

  const day = dayWords(from, z);
  const period = f.shiftPeriods.find(([s, e]) => s <= from && to <= e);
  if (!period || from + f.serviceSeconds * 1000 > period[1]) {
    const sameDay = f.shiftPeriods.filter(([s]) => DateTime.fromMillis(s, { zone: z }).hasSame(DateTime.fromMillis(from, { zone: z }), 'day'));
    const hours = sameDay.map(([s, e]) => span(s, e, z)).join(', ');
    const asked = span(from, to, z);
    if (sameDay.length === 0) {
      return { code: 'outside_shift', en: `${f.technicianName} does not work on ${day.en}`, zh: `${f.technicianName}${day.zh}不上班` };
    }
    if (period) {
      return { code: 'outside_shift', en: `a ${minutes(f.serviceSeconds)}-minute visit starting at ${hm(from, z)} ends after ${f.technicianName}'s shift (${hours})`, zh: `${hm(from, z)} 开始的 ${minutes(f.serviceSeconds)} 分钟上门会超出${f.technicianName}的班次（${hours}）` };
    }
    return { code: 'outside_shift', en: `${asked} on ${day.en} is outside ${f.technicianName}'s shift (${hours})`, zh: `${day.zh} ${asked} 不在${f.technicianName}的班次内（${hours}）` };
  }
  const absence = f.absences.find((a) => a.from < to && a.to > from);
  if (absence) {
    const when = `${dayWords(absence.from, z).en} ${hm(absence.from, z)} – ${dayWords(absence.to, z).en} ${hm(absence.to, z)}`;
    const whenZh = `${dayWords(absence.from, z).zh} ${hm(absence.from, z)} 至 ${dayWords(absence.to, z).zh} ${hm(absence.to, z)}`;
    return { code: 'technician_absent', en: `${f.technicianName} is absent ${when}`, zh: `${f.technicianName}${whenZh}请假` };
  }

  const date = DateTime.fromMillis(from, { zone: z }).toISODate()!;
  const already = f.visitsByDate[date] ?? 0;
  if (already >= f.maxVisitsPerDay) {
    const max = f.maxVisitsPerDay;
    return { code: 'daily_limit', en: `${f.technicianName} already has ${already} visits on ${day.en}, at most ${max} a day`, zh: `${f.technicianName}${day.zh}已有 ${already} 个上门，每天最多 ${max} 个` };
  }

  const clash = firstClash(f);
  if (clash) {
    const o = clash.other;
    const travel = minutes(clash.travelSeconds);
    const words = `order ${o.number} is booked ${span(o.from, o.to, z)} (${minutes(o.serviceSeconds)} minutes on site${travel ? `, ${travel} minutes' travel between` : ''})`;
    const wordsZh = `工单 ${o.number} 已约 ${span(o.from, o.to, z)}（上门 ${minutes(o.serviceSeconds)} 分钟${travel ? `，两地路程约 ${travel} 分钟` : ''}）`;
    return { code: 'visit_overlap', otherOrderId: o.orderId, en: `${f.technicianName} cannot keep both: ${words}`, zh: `${f.technicianName}无法兼顾：${wordsZh}` };
  }
  return null;
}

type Stop = { id: string; from: number; to: number; serviceSeconds: number; place: LngLat | null };

/**
 * Walks the visits in window order, each started as early as its window, the previous visit and
 * the travel allow. A visit that must start after its window closes cannot be kept. Returns the
 * visit the new one clashes with: the one before it when the new visit cannot be kept, or the
 * first other visit the new one pushes out of its window (one already late without it is an
 * earlier override, not this booking's doing).
 */
function firstClash(f: BookingFacts): { other: OtherVisit; travelSeconds: number } | null {
  const NEW = '';
  const walk = (stops: Stop[]) => {
    const sorted = [...stops].sort((a, b) => a.from - b.from || a.to - b.to);
    const late = new Map<string, { before: Stop | null; travel: number }>();
    let free = -Infinity;
    let prev: Stop | null = null;
    for (const s of sorted) {
      const travel = prev ? f.travelSeconds(prev.place, s.place) : 0;
      const start = Math.max(s.from, free + travel * 1000);
      if (start > s.to) late.set(s.id, { before: prev, travel });
      // A visit that cannot be kept is still made, as late as its window allows.
      free = Math.min(start, s.to) + s.serviceSeconds * 1000;
      prev = s;
    }
    return late;
  };
  const others: Stop[] = f.others.map((o) => ({ id: o.orderId, from: o.from, to: o.to, serviceSeconds: o.serviceSeconds, place: o.place }));
  const mine: Stop = { id: NEW, from: f.window[0], to: f.window[1], serviceSeconds: f.serviceSeconds, place: f.place };
  const before = walk(others);
  const after = walk([...others, mine]);
  const byId = new Map(f.others.map((o) => [o.orderId, o]));
  const own = after.get(NEW);
  if (own?.before) return { other: byId.get(own.before.id)!, travelSeconds: own.travel };
  for (const [id, l] of after) {
    if (id === NEW || before.has(id)) continue;
    return { other: byId.get(id)!, travelSeconds: l.travel };
  }
  return null;
}

/**
 * The windows offered on a local date: from the start of each of the technician's shift periods
 * that day, `minutes` long, one after another; a last stretch shorter than that is offered when
 * it is at least half a window (a 08:30–17:30 shift ends with 16:30–17:30), else left out.
 * Nothing outside the shift is ever offered; whether each window can be kept is bookingRefusal's.
 */
export function shiftWindows(shiftPeriods: Interval[], date: string, timeZone: string, minutes: number): Interval[] {
  const out: Interval[] = [];
  const step = minutes * 60_000;
  for (const [s, e] of shiftPeriods) {
    if (DateTime.fromMillis(s, { zone: timeZone }).toISODate() !== date) continue;
    for (let a = s; a < e; a += step) {
      const b = Math.min(a + step, e);
      if (b - a < step / 2) break;
      out.push([a, b]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/**
 * A window that starts before `now` cannot be booked: `window_over` when it has ended too (a visit
 * in the past is no appointment, never overridden), `window_started` while it is still running (a
 * dispatcher may book it with a reason: the technician is already on the way).
 */
export function pastRefusal(window: Interval, now: number, timeZone: string): (BookingRefusal & { overridable: boolean }) | null {
  const [from, to] = window;
  if (from >= now) return null;
  const asked = `${dayWords(from, timeZone).en} ${span(from, to, timeZone)}`;
  const askedZh = `${dayWords(from, timeZone).zh} ${span(from, to, timeZone)}`;
  const nowWords = hm(now, timeZone);
  if (to <= now) return { code: 'window_in_past', overridable: false, en: `${asked} is already over (it is ${nowWords} now); choose a window to come`, zh: `${askedZh} 已经过去（现在是 ${nowWords}），请选择之后的时段` };
  return { code: 'window_started', overridable: true, en: `${asked} has already begun (it is ${nowWords} now); choose a window to come`, zh: `${askedZh} 已经开始（现在是 ${nowWords}），请选择之后的时段` };
}

/** Whether a customer may still change or cancel a visit booked to start at `visitFrom` (null: none booked). */
export function portalChangeRefusal(now: number, visitFrom: number | null, reschedulesSoFar: number, rescheduling: boolean, rules: BookingRules): { code: string; en: string; zh: string } | null {
  if (visitFrom !== null && visitFrom - now < rules.portalChangeHours * 3_600_000) {
    const h = rules.portalChangeHours;
    return { code: 'too_late_to_change', en: `the visit can be changed online up to ${h} hours before it; please call us`, zh: `上门前 ${h} 小时内不能在线修改，请致电客服` };
  }
  if (rescheduling && reschedulesSoFar >= rules.portalMaxReschedules) {
    const n = rules.portalMaxReschedules;
    return { code: 'too_many_reschedules', en: `the visit was already moved ${n} times online; please call us`, zh: `已在线改约 ${n} 次，请致电客服` };
  }
  return null;
}

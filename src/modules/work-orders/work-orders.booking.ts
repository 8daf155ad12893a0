// Bookings that hold: the `book` step checks the window against the technician's shift, absences
// and other visits (with the travel between them), under a per-technician lock; tells the
// customer once, as a booking or as a change; and offers the windows that pass the same check.
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { can } from '../../kernel/permissions.js';
import { accessErrors, type Caller } from '../../kernel/scopes.js';
import { addDays, localDate, windowWords, zonedInstant } from '../../shared/zoned.js';
import { workingIntervals, type NetworkService, type TechnicianView } from '../network/index.js';
import type { UnitsService } from '../units/index.js';
import type { CatalogService } from '../catalog/index.js';
import { enqueueMessage } from '../notifications/index.js';
import type * as orders from './work-orders.repo.js';
import * as repo from './booking.repo.js';
import { bookingErrors } from './booking.errors.js';
import { bookingRefusal, pastRefusal, portalChangeRefusal, shiftWindows, type BookingFacts, type BookingRefusal, type BookingRules, type OtherVisit } from './booking.rules.js';
import type { ActionInput } from './work-orders.contract.js';
import { publicTechnicianName } from '../../shared/names.js';

type LngLat = [number, number];

export type BookingDeps = {
  db: Db;
  clock: Clock;
  network: NetworkService;
  units: UnitsService;
  catalog: CatalogService;
  rules: BookingRules;
  /** Seconds between every pair of places: the dispatch module's travel estimate, given at composition. */
  travelMatrix: (points: LngLat[]) => Promise<number[][]>;
};

const DEFAULT_SERVICE_MINUTES = 60;
const HOUR = 3_600_000;
const placeOf = (a: orders.OrderRow['address']): LngLat | null => (a.lat != null && a.lng != null ? [a.lng, a.lat] : null);
const isCustomer = (caller: Caller) => caller.principal.kind === 'customer';

export type WindowOffer = { date: string; from: string; to: string; available: boolean; reason: { code: string; en: string; zh: string } | null };

export function createBooking(deps: BookingDeps) {
  const { clock, network } = deps;

  /** The product's standard minutes for this kind of job (the same figure plans use). */
  async function serviceSeconds(q: Queryable, o: { kind: string; unitId: string | null; customerId: string }): Promise<number> {
    const unit = o.unitId ? await deps.units.unitOfCustomer(q, o.unitId, o.customerId) : undefined;
    const model = unit ? await deps.catalog.modelById(q, unit.modelId) : undefined;
    return ((model?.standardMinutes as Record<string, number | undefined> | undefined)?.[o.kind] ?? DEFAULT_SERVICE_MINUTES) * 60;
  }

  /** Everything but the window: the technician's time from `from` to `to` (epoch ms) as the rules read it. */
  async function factsAround(q: Queryable, o: orders.OrderRow, tech: TechnicianView, timeZone: string, from: number, to: number): Promise<Omit<BookingFacts, 'window'>> {
    const lo = from - 12 * HOUR;
    const hi = to + 12 * HOUR;
    const shiftPeriods: [number, number][] = [];
    for (let d = addDays(localDate(new Date(lo), timeZone), -1); d <= localDate(new Date(hi), timeZone); d = addDays(d, 1)) shiftPeriods.push(...workingIntervals(tech.shifts, [], d, timeZone));
    const absences = await network.absencesOverlapping(q, [tech.id], new Date(lo), new Date(hi));
    const rows = await repo.bookedVisitsOf(q, tech.id, new Date(lo), new Date(hi), o.id);
    const others: OtherVisit[] = [];
    for (const r of rows) {
      others.push({ orderId: r.id, number: r.number, from: r.appointmentFrom!.getTime(), to: r.appointmentTo!.getTime(), serviceSeconds: await serviceSeconds(q, r), place: placeOf(r.address) });
    }
    // The day's visit limit counts every visit of those dates, not only those near the window.
    const visitsByDate: Record<string, number> = {};
    const firstDay = addDays(localDate(new Date(lo), timeZone), -1);
    const dayAfter = addDays(localDate(new Date(hi), timeZone), 2);
    for (const at of await repo.visitStartsOf(q, tech.id, zonedInstant(firstDay, '00:00', timeZone), zonedInstant(dayAfter, '00:00', timeZone), o.id)) {
      const d = localDate(at, timeZone);
      visitsByDate[d] = (visitsByDate[d] ?? 0) + 1;
    }
    const place = placeOf(o.address);
    const points = [place, ...others.map((v) => v.place)].filter((p): p is LngLat => p !== null);
    const key = (p: LngLat) => `${p[0]},${p[1]}`;
    const index = new Map<string, number>();
    for (const p of points) if (!index.has(key(p))) index.set(key(p), index.size);
    const matrix = index.size > 1 ? await deps.travelMatrix([...index.keys()].map((k) => k.split(',').map(Number) as LngLat)) : [[0]];
    return {
      serviceSeconds: await serviceSeconds(q, o), place, timeZone, technicianName: tech.name,
      shiftPeriods: shiftPeriods.sort((a, b) => a[0] - b[0]),
      absences: absences.map((a) => ({ from: a.from.getTime(), to: a.to.getTime() })),
      others,
      visitsByDate,
      maxVisitsPerDay: tech.maxJobsPerDay,
      travelSeconds: (a, b) => (a && b ? matrix[index.get(key(a))!][index.get(key(b))!] : 0),
    };
  }

  async function technicianOf(q: Queryable, o: orders.OrderRow) {
    const tech = o.technicianId ? await network.technicianById(q, o.technicianId) : undefined;
    if (!tech) throw bookingErrors.noTechnician();
    const provider = await network.providerById(q, tech.providerId);
    return { tech, timeZone: provider?.timeZone ?? 'Asia/Shanghai' };
  }

  /** Why the order's technician cannot keep [from, to); null when they can. */
  async function refusalFor(q: Queryable, o: orders.OrderRow, from: number, to: number): Promise<BookingRefusal | null> {
    const { tech, timeZone } = await technicianOf(q, o);
    // A wish already begun is no window to fill in, whatever the technician's day.
    return pastRefusal([from, to], clock.now().getTime(), timeZone) ?? bookingRefusal({ ...(await factsAround(q, o, tech, timeZone, from, to)), window: [from, to] }, deps.rules);
  }

  /** The windows of `days` local dates from `fromDate`, each kept or not (and why not), from now on. */
  async function offers(q: Queryable, o: orders.OrderRow, fromDate: string | undefined, days: number) {
    const { tech, timeZone } = await technicianOf(q, o);
    const now = clock.now().getTime();
    const first = fromDate ?? localDate(clock.now(), timeZone);
    const out: WindowOffer[] = [];
    for (let d = 0; d < days; d++) {
      const date = addDays(first, d);
      // Windows laid on the technician's shift that day (none on a day off), from now on.
      const periods = workingIntervals(tech.shifts, [], date, timeZone);
      if (!periods.length) continue;
      const facts = await factsAround(q, o, tech, timeZone, periods[0][0], periods[periods.length - 1][1]);
      const grid = shiftWindows(facts.shiftPeriods, date, timeZone, deps.rules.windowMinutes).filter(([a]) => a >= now);
      for (const [a, b] of grid) {
        const r = bookingRefusal({ ...facts, window: [a, b] }, deps.rules);
        out.push({ date, from: new Date(a).toISOString(), to: new Date(b).toISOString(), available: !r, reason: r && { code: r.code, en: r.en, zh: r.zh } });
      }
    }
    return { timeZone, technicianName: tech.name, windows: out };
  }

  /** The customer's earlier changes and the window they were last told, from the order's booking history. */
  async function pastBookings(q: Queryable, orderId: string) {
    const rows = await repo.bookingsOf(q, orderId);
    let told: { from: string | null; to: string | null } = { from: null, to: null };
    for (const r of rows) {
      const from = r.changes.appointmentFrom?.to;
      const to = r.changes.appointmentTo?.to;
      told = { from: from === undefined ? told.from : (from as string | null), to: to === undefined ? told.to : (to as string | null) };
    }
    return { byCustomer: rows.filter((r) => r.actor.startsWith('customer:')).length, told };
  }

  return {
    refusalFor,
    offers,

    /** What the portal's rules leave the customer: until when the visit can be changed online, and how many more moves. */
    async portalRules(q: Queryable, o: orders.OrderRow) {
      const past = await pastBookings(q, o.id);
      const changeUntil = o.status === 'booked' && o.appointmentFrom ? new Date(o.appointmentFrom.getTime() - deps.rules.portalChangeHours * HOUR).toISOString() : null;
      return { changeUntil, reschedulesLeft: Math.max(0, deps.rules.portalMaxReschedules - past.byCustomer) };
    },

    /** The `book` step after the certification check: the window held, the customer told once. */
    async book(tx: Tx, o: orders.OrderRow, input: ActionInput<'book'>, caller: Caller) {
      const from = Date.parse(input.from);
      const to = Date.parse(input.to);
      if (input.overrideReason !== undefined && !can(caller.principal, 'orders.dispatch')) throw accessErrors.forbidden('orders.dispatch');
      const past = await pastBookings(tx, o.id);
      if (isCustomer(caller)) {
        const late = portalChangeRefusal(clock.now().getTime(), o.appointmentFrom?.getTime() ?? null, past.byCustomer, true, deps.rules);
        if (late) throw bookingErrors.portalRefused(late);
      }
      const { tech, timeZone } = await technicianOf(tx, o);
      // Before now: refused to the customer, and to staff unless the window is still running and they override.
      const started = pastRefusal([from, to], clock.now().getTime(), timeZone);
      if (started && (isCustomer(caller) || !started.overridable || !input.overrideReason)) throw bookingErrors.refused(started);
      // Taken before the other visits are read: a booking racing this one waits, then sees this visit.
      await repo.lockTechnicianBookings(tx, tech.id);
      const facts = await factsAround(tx, o, tech, timeZone, from, to);
      const refusal = started ?? bookingRefusal({ ...facts, window: [from, to] }, deps.rules);
      let reason = input.note ?? null;
      if (isCustomer(caller)) {
        const offered = shiftWindows(facts.shiftPeriods, localDate(new Date(from), timeZone), timeZone, deps.rules.windowMinutes).some(([a, b]) => a === from && b === to);
        if (!offered) throw bookingErrors.notOffered();
        if (refusal) throw bookingErrors.unavailable();
      } else if (refusal) {
        if (!input.overrideReason) throw bookingErrors.refused(refusal);
        reason = `${input.overrideReason} — override: ${refusal.en} / 强制预约：${refusal.zh}`;
      }

      const sameWindow = o.appointmentFrom?.getTime() === from && o.appointmentTo?.getTime() === to;
      const before = o.appointmentFrom && o.appointmentTo ? { from: o.appointmentFrom, to: o.appointmentTo } : past.told.from && past.told.to ? { from: new Date(past.told.from), to: new Date(past.told.to) } : null;
      const when = windowWords(new Date(from), new Date(to), timeZone);
      if (!before) {
        await enqueueMessage(tx, clock, {
          channel: 'sms',
          recipient: o.contactPhone,
          customerId: o.customerId,
          template: 'visit_booked',
          bodyZh: `【售后服务】您的工单 ${o.number} 已预约：${when.zh}，${publicTechnicianName(tech.name)}将上门服务。如需改约请致电客服。`,
          bodyEn: `[Aftercare] Your visit for order ${o.number} is booked for ${when.en}; technician ${publicTechnicianName(tech.name)} will come. Call us to change it.`,
          subject: { kind: 'work_order', id: o.id },
        });
      } else if (!sameWindow) {
        const was = windowWords(before.from, before.to, timeZone);
        await enqueueMessage(tx, clock, {
          channel: 'sms',
          recipient: o.contactPhone,
          customerId: o.customerId,
          template: 'visit_rescheduled',
          bodyZh: `【售后服务】您的工单 ${o.number} 上门时间已改为：${when.zh}（原定 ${was.zh}），${publicTechnicianName(tech.name)}将上门服务。`,
          bodyEn: `[Aftercare] Your visit for order ${o.number} has moved to ${when.en} (was ${was.en}); technician ${publicTechnicianName(tech.name)} will come.`,
          subject: { kind: 'work_order', id: o.id },
        });
      }
      return { patch: { appointmentFrom: new Date(from), appointmentTo: new Date(to) }, reason };
    },

    /** A customer cancels in the portal only so long before the booked visit. */
    checkCustomerCancel(o: orders.OrderRow, caller: Caller) {
      if (!isCustomer(caller)) return;
      const late = portalChangeRefusal(clock.now().getTime(), o.status === 'booked' ? (o.appointmentFrom?.getTime() ?? null) : null, 0, false, deps.rules);
      if (late) throw bookingErrors.portalRefused(late);
    },
  };
}

export type Booking = ReturnType<typeof createBooking>;

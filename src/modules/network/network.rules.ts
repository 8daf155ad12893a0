// Pure decisions about the service network: service areas, contracts, working time. No I/O.
import { isoWeekday, zonedInstant } from '../../shared/zoned.js';
import type { ServiceArea, Shift } from './network.tables.js';

export type Place = { province: string; city: string; district: string; postalCode?: string | null; lat?: number | null; lng?: number | null };

/** Ray casting on [lng, lat]; good enough for city-sized polygons, which is what areas are. */
export function pointInPolygon(lng: number, lat: number, ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** How a service area covers a place: by region, postal code or polygon; null when it does not. */
export function areaCovers(area: ServiceArea, place: Place): 'region' | 'postal_code' | 'polygon' | null {
  const same = (a: string | null | undefined, b: string) => !a || a === b;
  if (area.regions.some((r) => r.province === place.province && same(r.city, place.city) && same(r.district, place.district))) return 'region';
  if (place.postalCode && area.postalCodes.includes(place.postalCode)) return 'postal_code';
  if (place.lat != null && place.lng != null && area.polygons.some((ring) => pointInPolygon(place.lng!, place.lat!, ring))) return 'polygon';
  return null;
}

export function contractValidOn(p: { contractFrom: string | null; contractTo: string | null }, date: string): boolean {
  return (!p.contractFrom || p.contractFrom <= date) && (!p.contractTo || date <= p.contractTo);
}

export type Interval = [number, number];

/** Shift periods of a local date as instants, less the absences; sorted, non-overlapping. */
export function workingIntervals(shifts: Shift[], absences: { from: Date; to: Date }[], date: string, timeZone: string): Interval[] {
  const weekday = isoWeekday(date);
  let out: Interval[] = shifts
    .filter((s) => s.weekday === weekday && s.start < s.end)
    .map((s) => [zonedInstant(date, s.start, timeZone).getTime(), zonedInstant(date, s.end, timeZone).getTime()] as Interval)
    .sort((a, b) => a[0] - b[0]);
  for (const a of absences) {
    const lo = a.from.getTime();
    const hi = a.to.getTime();
    out = out.flatMap(([s, e]): Interval[] => {
      if (hi <= s || lo >= e) return [[s, e]];
      const kept: Interval[] = [];
      if (lo > s) kept.push([s, lo]);
      if (hi < e) kept.push([hi, e]);
      return kept;
    });
  }
  return out;
}

/** "08:00" < "18:00", no overlaps within a weekday. Returns the problem in words, or null. */
export function shiftProblem(shifts: Shift[]): string | null {
  for (const s of shifts) if (s.start >= s.end) return `weekday ${s.weekday}: start ${s.start} must be before end ${s.end}`;
  const byDay = [...shifts].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  for (let i = 1; i < byDay.length; i++) {
    if (byDay[i].weekday === byDay[i - 1].weekday && byDay[i].start < byDay[i - 1].end) return `weekday ${byDay[i].weekday}: shifts overlap`;
  }
  return null;
}

/** Polygons must be closed rings of at least three distinct points. */
export function polygonProblem(polygons: [number, number][][]): string | null {
  for (const [i, ring] of polygons.entries()) {
    const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
    if (distinct.size < 3) return `polygon ${i}: needs at least three distinct points`;
  }
  return null;
}

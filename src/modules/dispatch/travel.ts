// How long it takes to get from one place to another. By default great-circle distance times a
// road factor, at an average speed (the solver computes it from coordinates); or a routing
// server's distance matrix through OSRM's `table` service, for those who run one.
import type { VroomProblem } from './solver/types.js';

export type LngLat = [number, number];
export type TravelSettings = { kind: 'great_circle'; roadFactor: number; speedKmh: number } | { kind: 'osrm'; url: string; profile?: string; timeoutMs?: number };

export const defaultTravel: TravelSettings = { kind: 'great_circle', roadFactor: 1.3, speedKmh: 30 };

export class TravelError extends Error {}

/** Great-circle seconds between two places at the road factor and speed: an estimate where no plan says. */
export function estimatedTravelSeconds(a: LngLat, b: LngLat, roadFactor: number, speedKmh: number): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  const metres = 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
  return Math.round((metres * roadFactor) / ((speedKmh * 1000) / 3600));
}

/** OSRM's answer to /table: seconds and metres between every pair; null where no route exists. */
type OsrmTable = { code: string; message?: string; durations?: (number | null)[][]; distances?: (number | null)[][] };

/** An unreachable pair costs this much: never chosen while any other way exists. */
const UNREACHABLE = 7 * 24 * 3600;

export async function osrmTable(url: string, points: LngLat[], options: { profile?: string; timeoutMs?: number } = {}): Promise<{ durations: number[][]; distances: number[][] }> {
  const coords = points.map(([lng, lat]) => `${lng.toFixed(6)},${lat.toFixed(6)}`).join(';');
  const target = `${url.replace(/\/$/, '')}/table/v1/${options.profile ?? 'driving'}/${coords}?annotations=duration,distance`;
  let res: Response;
  try {
    res = await fetch(target, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  } catch (err) {
    throw new TravelError(`routing server unreachable: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => ({ code: 'InvalidResponse' }))) as OsrmTable;
  if (!res.ok || body.code !== 'Ok' || !body.durations) throw new TravelError(`routing server answered ${res.status} ${body.code}${body.message ? `: ${body.message}` : ''}`);
  const clean = (m: (number | null)[][] | undefined, fallback: number) => (m ?? body.durations!).map((row) => row.map((v) => (v === null ? fallback : Math.round(v))));
  return { durations: clean(body.durations, UNREACHABLE), distances: clean(body.distances, UNREACHABLE * 30) };
}

/**
 * Gives a problem whose jobs and vehicles name `location` coordinates its travel: the solver's
 * own great-circle metric, or an OSRM matrix over every distinct place (plus `extra` places that
 * later questions will ask about). Returns the index of each place for `location_index`.
 */
export async function withTravel(problem: VroomProblem, travel: TravelSettings, extra: LngLat[] = []): Promise<{ problem: VroomProblem; indexOf: (p: LngLat) => number | undefined }> {
  if (travel.kind === 'great_circle') {
    return { problem: { ...problem, metric: 'haversine', road_factor: travel.roadFactor, speed_kmh: travel.speedKmh }, indexOf: () => undefined };
  }
  const places = new Map<string, number>();
  const points: LngLat[] = [];
  const key = (p: LngLat) => `${p[0]},${p[1]}`;
  const add = (p: LngLat | undefined) => {
    if (!p || places.has(key(p))) return;
    places.set(key(p), points.length);
    points.push(p);
  };
  for (const j of problem.jobs ?? []) add(j.location);
  for (const v of problem.vehicles) {
    add(v.start);
    add(v.end);
  }
  for (const p of extra) add(p);
  if (points.length === 0) return { problem, indexOf: () => undefined };
  const matrix = await osrmTable(travel.url, points, travel);
  const at = (p: LngLat | undefined) => (p ? places.get(key(p)) : undefined);
  return {
    problem: {
      ...problem,
      jobs: (problem.jobs ?? []).map(({ location, ...j }) => ({ ...j, location_index: at(location) })),
      vehicles: problem.vehicles.map(({ start, end, ...v }) => ({ ...v, start_index: at(start), end_index: at(end) })),
      matrices: { car: matrix },
    },
    indexOf: at,
  };
}

/**
 * Seconds between every pair of places, as plans count them: the great-circle estimate, or the
 * routing server's table. A routing server that fails falls back to the estimate at the default
 * road factor and speed: a booking is checked with a rougher figure rather than refused.
 */
export async function travelMatrix(travel: TravelSettings, points: LngLat[]): Promise<number[][]> {
  const estimate = (roadFactor: number, speedKmh: number) => points.map((a) => points.map((b) => estimatedTravelSeconds(a, b, roadFactor, speedKmh)));
  if (travel.kind === 'great_circle') return estimate(travel.roadFactor, travel.speedKmh);
  try {
    return (await osrmTable(travel.url, points, travel)).durations;
  } catch (err) {
    if (!(err instanceof TravelError)) throw err;
    return estimate(1.3, 30);
  }
}

/**
 * One-way road metres from `from` to `to`, for a remote fee: the routing server's distance, or the
 * great-circle distance times the road factor. A routing server that fails falls back to the
 * estimate at the default road factor (fees flag a figure that does not fit the straight line).
 */
export async function roadDistanceMetres(travel: TravelSettings, from: LngLat, to: LngLat): Promise<number> {
  // At 3.6 km/h (one metre a second) the estimate in seconds is the distance in metres.
  const estimate = (roadFactor: number) => Math.round(estimatedTravelSeconds(from, to, roadFactor, 3.6));
  if (travel.kind === 'great_circle') return estimate(travel.roadFactor);
  try {
    return (await osrmTable(travel.url, [from, to], travel)).distances[0][1];
  } catch (err) {
    if (!(err instanceof TravelError)) throw err;
    return estimate(1.3);
  }
}

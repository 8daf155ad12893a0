// Geometry on the earth's surface. The dispatch solver keeps its own copy of this formula,
// because nothing under dispatch/solver/ may import from outside it (it runs standalone).

/** [longitude, latitude] in degrees. */
export type LngLat = readonly [number, number];

const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres. */
export function haversineMetres(a: LngLat, b: LngLat): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

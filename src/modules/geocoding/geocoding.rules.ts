// Geocoding services as data: how to ask each kind and how to read its answer. Pure: no I/O.
import gcoord from 'gcoord';

/**
 * nominatim: OpenStreetMap's /search (WGS-84). amap: 高德 /v3/geocode/geo (GCJ-02). baidu: 百度
 * /geocoding/v3 (BD-09). json: any service answering JSON, asked at a URL template and read at
 * two paths (its datum configurable).
 */
export const geocoderStyles = ['nominatim', 'amap', 'baidu', 'json'] as const;
export type GeocoderStyle = (typeof geocoderStyles)[number];
export type Datum = 'wgs84' | 'gcj02' | 'bd09';

export type GeocoderSettings = {
  style: GeocoderStyle;
  /** The service's base URL (nominatim, amap, baidu) or, for json, a template with {address}, {province}, {city}, {district}, {street}, {postalCode}, {key}. */
  url: string;
  key?: string;
  timeoutMs: number;
  /** json only: dotted paths to the latitude and longitude in the answer (array indexes allowed: `results.0.lat`). */
  latPath?: string;
  lngPath?: string;
  /** json only: the coordinate system the service answers in; wgs84 unless said. */
  datum?: Datum;
};

export type AddressText = { province: string; city: string; district: string; street: string; postalCode?: string | null };

/** Where a position came from: a geocoding service, or the centre of the placed addresses with the same postal code or district. */
export type PlaceSource = 'geocoder' | 'postal_code' | 'district';
export type Placement = { lat: number; lng: number; approximate: boolean; source: PlaceSource };

/** The address as one line, largest place first, as Chinese services expect it. */
export function addressLine(a: AddressText): string {
  const parts = [a.province, a.city === a.province ? '' : a.city, a.district, a.street];
  return parts.filter(Boolean).join('');
}

export function geocodeUrl(s: GeocoderSettings, a: AddressText): string {
  const line = addressLine(a);
  const base = s.url.replace(/\/+$/, '');
  const qs = (o: Record<string, string | undefined>) =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`)
      .join('&');
  switch (s.style) {
    case 'nominatim':
      return `${base}/search?${qs({ format: 'jsonv2', limit: '1', q: line })}`;
    case 'amap':
      return `${base}/v3/geocode/geo?${qs({ key: s.key, address: line, city: a.city, output: 'JSON' })}`;
    case 'baidu':
      return `${base}/geocoding/v3/?${qs({ ak: s.key, address: line, city: a.city, output: 'json' })}`;
    case 'json': {
      const values: Record<string, string> = { address: line, province: a.province, city: a.city, district: a.district, street: a.street, postalCode: a.postalCode ?? '', key: s.key ?? '' };
      return s.url.replace(/\{(address|province|city|district|street|postalCode|key)\}/g, (_m, k: string) => encodeURIComponent(values[k]));
    }
  }
}

/** An answer that says the service refused the request (a bad key, a quota): not "no such place". */
export class GeocoderRefused extends Error {}

const PRECISE_AMAP_LEVELS = new Set(['门牌号', '单元号', '楼栋', '兴趣点', '道路交叉路口']);

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}

function toWgs84(lng: number, lat: number, datum: Datum): [number, number] {
  if (datum === 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], datum === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as [number, number];
  return [x, y];
}

function placed(lng: number, lat: number, datum: Datum, precise: boolean): Placement | null {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  // Check-ins come from phones in WGS-84; Chinese map services answer in shifted datums (hundreds of metres off).
  const [x, y] = toWgs84(lng, lat, datum);
  return { lat: Math.round(y * 1e6) / 1e6, lng: Math.round(x * 1e6) / 1e6, approximate: !precise, source: 'geocoder' };
}

/** The position in a service's answer, in WGS-84; null when it found no such place. Throws GeocoderRefused when it refused to answer. */
export function readAnswer(s: GeocoderSettings, body: unknown): Placement | null {
  switch (s.style) {
    case 'nominatim': {
      const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
      if (!first) return null;
      // place_rank 26 is a street, 30 a building: anything coarser is a rough position.
      return placed(Number(first.lon), Number(first.lat), 'wgs84', Number(first.place_rank ?? 0) >= 26);
    }
    case 'amap': {
      const b = body as { status?: string; info?: string; geocodes?: { location?: string; level?: string }[] };
      if (b.status !== '1') throw new GeocoderRefused(`amap: ${b.info ?? 'refused'}`);
      const g = b.geocodes?.[0];
      if (!g?.location) return null;
      const [lng, lat] = g.location.split(',').map(Number);
      return placed(lng, lat, 'gcj02', PRECISE_AMAP_LEVELS.has(g.level ?? ''));
    }
    case 'baidu': {
      const b = body as { status?: number; message?: string; msg?: string; result?: { location?: { lng: number; lat: number }; precise?: number } };
      // Status 1 is "no result" on Baidu; anything else non-zero is a refusal (key, quota, parameters).
      if (b.status === 1) return null;
      if (b.status !== 0) throw new GeocoderRefused(`baidu: ${b.message ?? b.msg ?? `status ${b.status}`}`);
      const loc = b.result?.location;
      if (!loc) return null;
      return placed(loc.lng, loc.lat, 'bd09', b.result?.precise === 1);
    }
    case 'json': {
      const lat = at(body, s.latPath ?? 'lat');
      const lng = at(body, s.lngPath ?? 'lng');
      if (lat === undefined || lng === undefined || lat === null || lng === null) return null;
      return placed(Number(lng), Number(lat), s.datum ?? 'wgs84', true);
    }
  }
}

/** The two texts name the same place (for reusing a customer address's position on their order). */
export function sameAddress(a: AddressText, b: AddressText): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '');
  return norm(addressLine(a)) === norm(addressLine(b));
}

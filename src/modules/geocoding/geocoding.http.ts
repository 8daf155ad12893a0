// The adapter for an HTTP geocoding service: one GET per address, bounded by a timeout.
import { geocodeUrl, readAnswer, type AddressText, type GeocoderSettings, type Placement } from './geocoding.rules.js';

/** The service could not be asked (down, slow, refusing): the caller falls back and may try again later. */
export class GeocoderUnavailable extends Error {}

export type HttpGeocoder = { settings: GeocoderSettings; geocode: (a: AddressText) => Promise<Placement | null> };

export function createHttpGeocoder(settings: GeocoderSettings, fetchImpl: typeof fetch = fetch): HttpGeocoder {
  return {
    settings,
    async geocode(a) {
      let body: unknown;
      try {
        const res = await fetchImpl(geocodeUrl(settings, a), {
          signal: AbortSignal.timeout(settings.timeoutMs),
          // Nominatim's usage policy asks every client to name itself.
          headers: { accept: 'application/json', 'user-agent': 'Aftercare geocoder (https://github.com/aftercare)' },
        });
        if (res.status === 404) return null;
        if (!res.ok) throw new GeocoderUnavailable(`${settings.style}: HTTP ${res.status}`);
        body = await res.json();
      } catch (e) {
        throw e instanceof GeocoderUnavailable ? e : new GeocoderUnavailable(`${settings.style}: ${(e as Error).message}`);
      }
      try {
        return readAnswer(settings, body);
      } catch (e) {
        throw new GeocoderUnavailable((e as Error).message);
      }
    },
  };
}

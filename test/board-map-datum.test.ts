import { describe, expect, it } from 'vitest';
import { onTiles } from '../web/src/features/dispatch/datum.js';

// The board's map puts stored WGS-84 places on the tiles' own datum.
describe('places on the map tiles', () => {
  const bund: [number, number] = [121.4905, 31.2397];
  it('keeps WGS-84 on WGS-84 tiles, as Leaflet wants it ([lat, lng])', () => {
    expect(onTiles({ datum: 'wgs84' }, bund)).toEqual([31.2397, 121.4905]);
  });
  it('moves a Shanghai place by the GCJ-02 offset (some hundreds of metres east and south) on Chinese tiles', () => {
    const [lat, lng] = onTiles({ datum: 'gcj02' }, bund);
    // In Shanghai GCJ-02 lies about +0.0045° in longitude and −0.002° in latitude of WGS-84.
    expect(lng - bund[0]).toBeGreaterThan(0.003);
    expect(lng - bund[0]).toBeLessThan(0.006);
    expect(lat - bund[1]).toBeLessThan(-0.001);
    expect(lat - bund[1]).toBeGreaterThan(-0.003);
  });
});

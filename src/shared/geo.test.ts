import { describe, expect, it } from 'vitest';
import { haversineMetres } from './geo.js';

describe('haversineMetres', () => {
  it('measures great-circle distances', () => {
    expect(haversineMetres([121.47, 31.23], [121.47, 31.23])).toBe(0);
    // One degree of latitude is about 111.2 km.
    expect(haversineMetres([0, 0], [0, 1])).toBeCloseTo(111_195, -1);
    // Shanghai People's Square to Beijing Tiananmen: about 1,067 km.
    const d = haversineMetres([121.4737, 31.2304], [116.3975, 39.9087]);
    expect(d).toBeGreaterThan(1_060_000);
    expect(d).toBeLessThan(1_075_000);
    expect(haversineMetres([116.3975, 39.9087], [121.4737, 31.2304])).toBeCloseTo(d, 6);
  });
});

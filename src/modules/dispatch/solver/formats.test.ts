import { describe, expect, it } from 'vitest';
import { detectFormat, parseProblem, parseSolomon } from './formats.js';
import { solve } from './solve.js';
import { checkSolution } from './checker.js';
import { SMALL_SOLOMON } from './testing/fixtures.js';

describe('Solomon parser', () => {
  it('reads fleet, capacity, depot horizon and customers', () => {
    const p = parseSolomon(SMALL_SOLOMON);
    expect(p.metric).toBe('euclidean');
    expect(p.vehicles).toHaveLength(3);
    expect(p.vehicles[0]).toMatchObject({ start: [0, 0], end: [0, 0], capacity: [20], time_window: [0, 200] });
    expect(p.jobs).toHaveLength(4);
    expect(p.jobs![1]).toEqual({ id: 2, location: [6, 8], delivery: [5], service: 10, time_windows: [[20, 80]] });
    expect(detectFormat(SMALL_SOLOMON)).toBe('solomon');
  });

  it('plans it with Euclidean travel in double precision', () => {
    const p = parseSolomon(SMALL_SOLOMON);
    const s = solve(p, { iterations: 200 });
    const check = checkSolution(p, s);
    expect(check.errors).toEqual([]);
    expect(s.unassigned).toEqual([]);
    expect(s.summary.distance).toBeCloseTo(check.distance, 6);
    // Capacity 20 with demand 33 needs two vehicles.
    expect(s.routes).toHaveLength(2);
  });

  it('rejects text without a depot', () => {
    expect(() => parseSolomon('X\nVEHICLE\nNUMBER CAPACITY\n 2 10\nCUSTOMER\n 1 1 1 1 0 10 1\n')).toThrow(/depot/);
  });
});

describe('VROOM parser', () => {
  it('detects JSON and reads matrices, ids and steps', () => {
    const text = JSON.stringify({
      vehicles: [{ id: 7, start_index: 0, end_index: 0, time_window: [0, 100] }],
      jobs: [
        { id: 1, location_index: 1, service: 5 },
        { id: 2, location_index: 2, service: 5 },
      ],
      matrices: { car: { durations: [[0, 10, 20], [10, 0, 15], [20, 15, 0]], distances: [[0, 100, 200], [100, 0, 150], [200, 150, 0]] } },
    });
    expect(detectFormat(text)).toBe('vroom');
    const p = parseProblem(text);
    const s = solve(p, { iterations: 100 });
    expect(checkSolution(p, s).errors).toEqual([]);
    expect(s.summary.duration).toBe(45);
    expect(s.summary.distance).toBe(450);
    expect(s.routes[0].vehicle).toBe(7);
    expect(s.routes[0].steps.map((x) => x.type)).toEqual(['start', 'job', 'job', 'end']);
  });

  it('says what is wrong with bad input', () => {
    expect(() => parseProblem('{"jobs": []}')).toThrow(/vehicles/);
    expect(() => parseProblem('{oops')).toThrow(/JSON/);
    expect(() => solve(parseProblem('{"vehicles":[{"id":1,"start_index":0}],"jobs":[{"id":1,"location_index":5}],"matrix":[[0]]}'))).toThrow(
      /location_index/,
    );
    expect(() => solve({ vehicles: [{ id: 1 }], jobs: [{ id: 1, location: [0, 0] }, { id: 1, location: [1, 1] }] })).toThrow(/duplicate/);
  });

  it('uses great-circle distance with a road factor for lon/lat', () => {
    // Two points about 1.11 km apart along a meridian.
    const p = {
      vehicles: [{ id: 1, start: [121.0, 31.0] as [number, number] }],
      jobs: [{ id: 1, location: [121.0, 31.01] as [number, number] }],
      road_factor: 1.5,
      speed_kmh: 36,
    };
    const s = solve(p, { iterations: 10 });
    expect(s.summary.distance).toBeCloseTo(1111.95 * 1.5, 0);
    expect(s.summary.duration).toBe(Math.round((1111.95 * 1.5) / 10));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { osrmTable, roadDistanceMetres, TravelError, withTravel } from './travel.js';
import { haversineMetres } from '../../shared/geo.js';
import { solve } from './solver/solve.js';

// A tiny routing server answering OSRM's /table/v1/{profile}/{lng,lat;…} in OSRM's shape. Its
// "roads" make the straight-line neighbour the far one, so a plan that follows it is visibly
// using the server's matrix and not great-circle distance.
let server: Server;
let url: string;
const asked: string[] = [];

function road(a: [number, number], b: [number, number]): number | null {
  if (a[0] === b[0] && a[1] === b[1]) return 0;
  if (a[0] === 0 || b[0] === 0) return null; // an island: no road
  return Math.round(Math.abs(a[0] - b[0]) * 100 + Math.abs(a[1] - b[1]) * 1000);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const m = /^\/table\/v1\/driving\/([^?]+)\?annotations=duration,distance$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'InvalidUrl', message: 'URL string malformed' }));
      return;
    }
    const points = m[1].split(';').map((p) => p.split(',').map(Number) as [number, number]);
    const durations = points.map((a) => points.map((b) => road(a, b)));
    const distances = durations.map((row) => row.map((d) => (d === null ? null : d * 10)));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'Ok', durations, distances, sources: [], destinations: [] }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('travel through an OSRM table server', () => {
  it('asks for lng,lat pairs and reads durations and distances, unreachable pairs made prohibitive', async () => {
    const m = await osrmTable(url, [[113.3, 23.1], [113.4, 23.2], [0, 0]]);
    expect(asked.at(-1)).toBe('/table/v1/driving/113.300000,23.100000;113.400000,23.200000;0.000000,0.000000?annotations=duration,distance');
    expect(m.durations[0][1]).toBe(Math.round(0.1 * 100 + 0.1 * 1000));
    expect(m.distances[0][1]).toBe(m.durations[0][1] * 10);
    expect(m.durations[0][2]).toBeGreaterThan(24 * 3600);
  });

  it('says what went wrong when the server refuses or is not there', async () => {
    await expect(osrmTable(`${url}/broken`, [[1, 1], [2, 2]])).rejects.toThrow(TravelError);
    await expect(osrmTable(`${url}/broken`, [[1, 1], [2, 2]])).rejects.toThrow(/400 InvalidUrl: URL string malformed/);
    await expect(osrmTable('http://127.0.0.1:1', [[1, 1]], { timeoutMs: 2000 })).rejects.toThrow(/unreachable/);
  });

  it('gives a plan the matrix, and the plan follows the roads, not the straight line', async () => {
    // Home at the origin of the "roads"; B is nearer by air, but a long way round by road.
    const home: [number, number] = [113.3, 23.1];
    const problem = {
      jobs: [
        { id: 1, location: [113.3, 23.2] as [number, number] }, // 0.1° north: 100 s by road
        { id: 2, location: [113.8, 23.1] as [number, number] }, // 0.5° east: 50 s by road
      ],
      vehicles: [{ id: 1, start: home, end: undefined }],
    };
    const { problem: withMatrix, indexOf } = await withTravel(problem, { kind: 'osrm', url }, [[113.5, 23.5]]);
    expect(withMatrix.matrices?.car.durations).toHaveLength(4);
    expect(indexOf([113.5, 23.5])).toBe(3);
    expect(withMatrix.jobs?.map((j) => j.location_index)).toEqual([0, 1]);
    const plan = solve(withMatrix, { objective: 'travel', iterations: 200 });
    // Open route from home: east first (50 s), then north is 0.5*100+0.1*1000 = 150 s; the other way 100 + 150.
    expect(plan.routes[0].steps.filter((s) => s.type === 'job').map((s) => s.id)).toEqual([2, 1]);
    expect(plan.summary.duration).toBe(200);
  });
});

describe('road distance for remote fees', () => {
  it("is the routing server's distance, or the great circle times the road factor, or that estimate when the server fails", async () => {
    const a: [number, number] = [113.32, 23.13];
    const b: [number, number] = [113.62, 23.13];
    expect(await roadDistanceMetres({ kind: 'osrm', url }, [1, 2], [3, 4])).toBe(road([1, 2], [3, 4])! * 10);
    const straight = haversineMetres(a, b);
    const estimate = await roadDistanceMetres({ kind: 'great_circle', roadFactor: 1.3, speedKmh: 30 }, a, b);
    expect(Number.isInteger(estimate)).toBe(true);
    expect(Math.abs(estimate - straight * 1.3)).toBeLessThan(straight * 0.001);
    expect(await roadDistanceMetres({ kind: 'osrm', url: 'http://127.0.0.1:9', timeoutMs: 2000 }, a, b)).toBe(estimate);
  });
});

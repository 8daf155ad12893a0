import { describe, expect, it } from 'vitest';
import { areaCovers, contractValidOn, pointInPolygon, shiftProblem, workingIntervals } from './network.rules.js';
import { localDate, zonedInstant } from '../../shared/zoned.js';

const square: [number, number][] = [[113.2, 23.0], [113.5, 23.0], [113.5, 23.3], [113.2, 23.3]];
const place = { province: '广东省', city: '广州市', district: '天河区', postalCode: '510620', lat: 23.13, lng: 113.32 };

describe('network rules', () => {
  it('puts points inside and outside a polygon', () => {
    expect(pointInPolygon(113.32, 23.13, square)).toBe(true);
    expect(pointInPolygon(113.6, 23.13, square)).toBe(false);
    expect(pointInPolygon(113.32, 22.9, square)).toBe(false);
  });

  it('covers a place by region (wider or exact), postal code or polygon, and says which', () => {
    const none = { regions: [], postalCodes: [], polygons: [] };
    expect(areaCovers({ ...none, regions: [{ province: '广东省', city: '广州市' }] }, place)).toBe('region');
    expect(areaCovers({ ...none, regions: [{ province: '广东省', city: '广州市', district: '越秀区' }] }, place)).toBeNull();
    expect(areaCovers({ ...none, postalCodes: ['510620'] }, place)).toBe('postal_code');
    expect(areaCovers({ ...none, polygons: [square] }, place)).toBe('polygon');
    expect(areaCovers({ ...none, polygons: [square] }, { ...place, lat: null, lng: null })).toBeNull();
  });

  it('knows a contract in force on a date', () => {
    expect(contractValidOn({ contractFrom: '2026-01-01', contractTo: '2026-12-31' }, '2026-06-01')).toBe(true);
    expect(contractValidOn({ contractFrom: '2026-01-01', contractTo: '2026-12-31' }, '2027-01-01')).toBe(false);
    expect(contractValidOn({ contractFrom: null, contractTo: null }, '2030-01-01')).toBe(true);
  });

  it('turns a local shift into instants and cuts absences out of it', () => {
    // 2026-06-01 is a Monday; Shanghai is UTC+8.
    const shifts = [{ weekday: 1, start: '08:00', end: '18:00' }];
    const day = workingIntervals(shifts, [], '2026-06-01', 'Asia/Shanghai');
    expect(day.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()])).toEqual([['2026-06-01T00:00:00.000Z', '2026-06-01T10:00:00.000Z']]);
    const cut = workingIntervals(shifts, [{ from: new Date('2026-06-01T03:00:00Z'), to: new Date('2026-06-01T05:00:00Z') }], '2026-06-01', 'Asia/Shanghai');
    expect(cut.map(([a, b]) => [new Date(a).getUTCHours(), new Date(b).getUTCHours()])).toEqual([[0, 3], [5, 10]]);
    expect(workingIntervals(shifts, [], '2026-06-02', 'Asia/Shanghai')).toEqual([]);
  });

  it('handles a zone with summer time', () => {
    // New York: UTC-4 in June, UTC-5 in January.
    expect(zonedInstant('2026-06-01', '08:00', 'America/New_York').toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(zonedInstant('2026-01-05', '08:00', 'America/New_York').toISOString()).toBe('2026-01-05T13:00:00.000Z');
    expect(localDate(new Date('2026-06-01T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-06-02');
  });

  it('finds overlapping and backwards shifts', () => {
    expect(shiftProblem([{ weekday: 1, start: '09:00', end: '08:00' }])).toMatch(/before/);
    expect(shiftProblem([{ weekday: 2, start: '08:00', end: '12:00' }, { weekday: 2, start: '13:00', end: '18:00' }])).toBeNull();
  });
});

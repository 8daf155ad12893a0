import { describe, expect, it } from 'vitest';
import { haversineMetres } from '../../shared/geo.js';
import { GeocoderRefused, addressLine, geocodeUrl, readAnswer, sameAddress, type GeocoderSettings } from './geocoding.rules.js';

const tianhe = { province: '广东省', city: '广州市', district: '天河区', street: '体育西路 101 号', postalCode: '510620' };
const settings = (style: GeocoderSettings['style'], extra: Partial<GeocoderSettings> = {}): GeocoderSettings => ({ style, url: 'http://geo.test/', key: 'K', timeoutMs: 1000, ...extra });

describe('geocoding services as data', () => {
  it('asks each kind of service its own way', () => {
    expect(addressLine({ province: '上海市', city: '上海市', district: '浦东新区', street: '世纪大道 1 号' })).toBe('上海市浦东新区世纪大道 1 号');
    expect(geocodeUrl(settings('nominatim'), tianhe)).toBe(`http://geo.test/search?format=jsonv2&limit=1&q=${encodeURIComponent('广东省广州市天河区体育西路 101 号')}`);
    expect(geocodeUrl(settings('amap'), tianhe)).toContain('/v3/geocode/geo?key=K&address=');
    expect(geocodeUrl(settings('baidu'), tianhe)).toMatch(/^http:\/\/geo\.test\/geocoding\/v3\/\?ak=K&address=.*&city=.*&output=json$/);
    expect(geocodeUrl(settings('json', { url: 'http://geo.test/find?where={address}&pc={postalCode}&k={key}' }), tianhe)).toBe(`http://geo.test/find?where=${encodeURIComponent('广东省广州市天河区体育西路 101 号')}&pc=510620&k=K`);
  });

  it('reads Nominatim: a building is precise, a district only approximate, nothing found is null', () => {
    expect(readAnswer(settings('nominatim'), [{ lat: '23.1353', lon: '113.3241', place_rank: 30 }])).toEqual({ lat: 23.1353, lng: 113.3241, approximate: false, source: 'geocoder' });
    expect(readAnswer(settings('nominatim'), [{ lat: '23.12', lon: '113.36', place_rank: 16 }])?.approximate).toBe(true);
    expect(readAnswer(settings('nominatim'), [])).toBeNull();
  });

  it("turns AMap's GCJ-02 and Baidu's BD-09 into the WGS-84 that phones check in with", () => {
    // The same spot (Tiananmen) as each service gives it; WGS-84 is 116.3912, 39.9073.
    const wgs: [number, number] = [116.391248, 39.907283];
    const amap = readAnswer(settings('amap'), { status: '1', geocodes: [{ location: '116.397477,39.908692', level: '门牌号' }] })!;
    expect(haversineMetres([amap.lng, amap.lat], wgs)).toBeLessThan(30);
    expect(amap.approximate).toBe(false);
    expect(readAnswer(settings('amap'), { status: '1', geocodes: [{ location: '116.397477,39.908692', level: '区县' }] })!.approximate).toBe(true);
    const baidu = readAnswer(settings('baidu'), { status: 0, result: { location: { lng: 116.403963, lat: 39.915119 }, precise: 1 } })!;
    expect(haversineMetres([baidu.lng, baidu.lat], wgs)).toBeLessThan(30);
    // Left unconverted, GCJ-02 is hundreds of metres off: more than the check-in tolerance.
    expect(haversineMetres([116.397477, 39.908692], wgs)).toBeGreaterThan(400);
  });

  it('tells a refusal (bad key, quota) from "no such place"', () => {
    expect(() => readAnswer(settings('amap'), { status: '0', info: 'INVALID_USER_KEY' })).toThrow(GeocoderRefused);
    expect(readAnswer(settings('amap'), { status: '1', geocodes: [] })).toBeNull();
    expect(() => readAnswer(settings('baidu'), { status: 302, message: '天配额超限' })).toThrow(GeocoderRefused);
    expect(readAnswer(settings('baidu'), { status: 1, msg: 'Internal Service Error:无相关结果' })).toBeNull();
  });

  it('reads any JSON answer at configured paths, in its datum', () => {
    const s = settings('json', { url: 'http://geo.test/?q={address}', latPath: 'results.0.geometry.lat', lngPath: 'results.0.geometry.lng' });
    expect(readAnswer(s, { results: [{ geometry: { lat: 23.1, lng: 113.3 } }] })).toMatchObject({ lat: 23.1, lng: 113.3, approximate: false });
    expect(readAnswer(s, { results: [] })).toBeNull();
    expect(readAnswer(s, { results: [{ geometry: { lat: 'north', lng: 113.3 } }] })).toBeNull();
  });

  it('knows the same address written with other spacing', () => {
    expect(sameAddress(tianhe, { ...tianhe, street: '体育西路101号' })).toBe(true);
    expect(sameAddress(tianhe, { ...tianhe, street: '体育西路 102 号' })).toBe(false);
  });
});

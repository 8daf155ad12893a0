import { describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import { navigationLink, toDatum } from './navigation.rules.js';

const placed = { province: '上海市', city: '上海市', district: '黄浦区', street: '人民大道 200 号', lat: 31.2304, lng: 121.4737 };
const params = (url: string) => new URL(url).searchParams;

describe('navigation links', () => {
  it('AMap gets GCJ-02 coordinates, longitude first, with the place name', () => {
    const link = navigationLink('amap', placed, '王女士');
    const [lng, lat] = gcoord.transform([121.4737, 31.2304], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(link).toMatchObject({ app: 'amap', datum: 'gcj02', approximate: false });
    expect(new URL(link.url).host).toBe('uri.amap.com');
    const to = params(link.url).get('to')!.split(',');
    expect(Number(to[0])).toBeCloseTo(lng, 5);
    expect(Number(to[1])).toBeCloseTo(lat, 5);
    expect(to[2]).toBe('王女士');
    // The shift is real: some hundreds of metres in Shanghai, so sending WGS-84 would be wrong.
    expect(Math.abs(Number(to[0]) - 121.4737) + Math.abs(Number(to[1]) - 31.2304)).toBeGreaterThan(0.003);
  });

  it('Baidu gets BD-09 coordinates, latitude first, and says so', () => {
    const link = navigationLink('baidu', placed, '王女士');
    const [lng, lat] = gcoord.transform([121.4737, 31.2304], gcoord.WGS84, gcoord.BD09) as [number, number];
    expect(link).toMatchObject({ app: 'baidu', datum: 'bd09' });
    expect(params(link.url).get('coord_type')).toBe('bd09ll');
    const m = /^latlng:([\d.]+),([\d.]+)\|name:(.+)$/.exec(params(link.url).get('destination')!)!;
    expect(Number(m[1])).toBeCloseTo(lat, 5);
    expect(Number(m[2])).toBeCloseTo(lng, 5);
    expect(m[3]).toBe('王女士');
  });

  it('Apple Maps gets a daddr of lat,lng; outside China nothing is shifted', () => {
    const london = { province: 'England', city: 'London', district: 'Westminster', street: '10 Downing St', lat: 51.5034, lng: -0.1276 };
    const link = navigationLink('apple', london, 'Customer');
    expect(new URL(link.url).host).toBe('maps.apple.com');
    expect(params(link.url).get('daddr')).toBe('51.5034,-0.1276');
    expect(toDatum(-0.1276, 51.5034, 'gcj02')).toEqual([-0.1276, 51.5034]);
  });

  it('an address without a position is searched by its text; an approximate one says so', () => {
    const unplaced = { ...placed, lat: null, lng: null };
    const amap = navigationLink('amap', unplaced, 'x');
    expect(amap).toMatchObject({ datum: null, lat: null, lng: null, approximate: false });
    expect(params(amap.url).get('keyword')).toBe('上海市上海市黄浦区人民大道 200 号');
    expect(params(navigationLink('baidu', unplaced, 'x').url).get('address')).toBe('上海市上海市黄浦区人民大道 200 号');
    expect(params(navigationLink('apple', unplaced, 'x').url).get('daddr')).toBe('上海市上海市黄浦区人民大道 200 号');
    expect(navigationLink('amap', { ...placed, approximate: true }, 'x').approximate).toBe(true);
  });
});

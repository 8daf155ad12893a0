// A navigation link to an order's address for the technician's phone, pure: which maps app (a
// setting), and the address's position in the datum that app reads. Positions are stored in WGS-84
// (what phones check in with); AMap reads GCJ-02 and Baidu BD-09, so a WGS-84 point handed to them
// as it is lands a few hundred metres off in China. gcoord leaves points outside China unchanged.
import gcoord from 'gcoord';

export const navApps = ['amap', 'baidu', 'apple'] as const;
export type NavApp = (typeof navApps)[number];
export type Datum = 'gcj02' | 'bd09' | 'wgs84';

/**
 * The datum each app reads. Apple Maps in mainland China draws AutoNavi's GCJ-02 map and reads a
 * link's coordinates in it, like AMap (outside China the conversion changes nothing).
 */
export const datumOf: Record<NavApp, Datum> = { amap: 'gcj02', baidu: 'bd09', apple: 'gcj02' };

export type NavAddress = { province: string; city: string; district: string; street: string; lat?: number | null; lng?: number | null; approximate?: boolean | null };
export type NavLink = { app: NavApp; url: string; datum: Datum | null; lat: number | null; lng: number | null; approximate: boolean };

/** The address as one line, as a person would type it into the app's search. */
export const addressLine = (a: NavAddress) => `${a.province}${a.city}${a.district}${a.street}`;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** WGS-84 → the app's datum, rounded to a decimetre or so. */
export function toDatum(lng: number, lat: number, datum: Datum): [number, number] {
  const to = datum === 'gcj02' ? gcoord.GCJ02 : datum === 'bd09' ? gcoord.BD09 : gcoord.WGS84;
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, to) as [number, number];
  return [round(x), round(y)];
}

/**
 * The link: driving directions to the position when the address has one (an approximate one still
 * helps the technician to the right district, and the answer says it is approximate); else a search
 * for the address text in the app.
 */
export function navigationLink(app: NavApp, address: NavAddress, name: string): NavLink {
  const line = addressLine(address);
  const placed = typeof address.lat === 'number' && typeof address.lng === 'number';
  const approximate = placed ? address.approximate === true : false;
  if (!placed) {
    const url =
      app === 'amap'
        ? `https://uri.amap.com/search?${new URLSearchParams({ keyword: line, city: address.city, callnative: '1', src: 'aftercare' })}`
        : app === 'baidu'
          ? `https://api.map.baidu.com/geocoder?${new URLSearchParams({ address: line, output: 'html', src: 'aftercare' })}`
          : `https://maps.apple.com/?${new URLSearchParams({ daddr: line, dirflg: 'd' })}`;
    return { app, url, datum: null, lat: null, lng: null, approximate: false };
  }
  const datum = datumOf[app];
  const [lng, lat] = toDatum(address.lng!, address.lat!, datum);
  const url =
    app === 'amap'
      ? `https://uri.amap.com/navigation?${new URLSearchParams({ to: `${lng},${lat},${name}`, mode: 'car', coordinate: 'gaode', callnative: '1', src: 'aftercare' })}`
      : app === 'baidu'
        ? `https://api.map.baidu.com/direction?${new URLSearchParams({ destination: `latlng:${lat},${lng}|name:${name}`, coord_type: 'bd09ll', mode: 'driving', region: address.city, output: 'html', src: 'aftercare' })}`
        : `https://maps.apple.com/?${new URLSearchParams({ daddr: `${lat},${lng}`, q: name, dirflg: 'd' })}`;
  return { app, url, datum, lat, lng, approximate };
}

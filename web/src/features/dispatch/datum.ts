// Places are stored in WGS-84 (geocoding converts what AMap and Baidu answer). Chinese tile servers
// (AMap, Tencent) draw in GCJ-02: a WGS-84 point put straight on their tiles lands some hundreds
// of metres off, so the board converts when the map's datum says so.
import gcoord from 'gcoord';
import type { Board } from './api';

type TileSource = NonNullable<Board['map']>;

/** A stored [lng, lat] as Leaflet places it on these tiles: [lat, lng] in the tiles' datum. */
export function onTiles(map: Pick<TileSource, 'datum'>, p: [number, number]): [number, number] {
  const [lng, lat] = map.datum === 'gcj02' ? (gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]) : p;
  return [lat, lng];
}

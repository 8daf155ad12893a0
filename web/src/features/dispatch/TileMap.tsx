// The board's routes on a real map, when the server names a tile server (AFTERCARE_MAP_TILES).
// Leaflet is bundled with the console and loaded only then; tiles come from that server alone (the
// Content-Security-Policy lets nothing else in). The map is decorative for screen readers: the
// timeline and the text after it say the same, so it is hidden from them and takes no focus.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import 'leaflet/dist/leaflet.css';
import type { Board } from './api';
import type { DayVisit } from './DayView';
import { onTiles } from './datum';

type Lane = { tech: Board['technicians'][number]; colour: string; visits: DayVisit[] };
export function TileMap({ board, rows, title }: { board: Board; rows: Lane[]; title: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const map = board.map!;
  const visited = new Set(rows.flatMap((r) => r.visits.map((v) => v.orderId)));
  const unassigned = board.orders.filter((o) => !visited.has(o.id) && o.location);
  // Drawn again only when the routes change, not on every render of the board.
  const routes = JSON.stringify(rows.map((r) => [r.tech.id, r.colour, r.visits.map((v) => v.orderId)]));

  useEffect(() => {
    let gone = false;
    let drawn: { remove: () => void } | null = null;
    void import('leaflet').then(({ default: L }) => {
      if (gone || !box.current) return;
      // No controls, no keyboard: nothing in a part hidden from screen readers may take focus.
      // No animations: the board redraws the map whenever the day changes.
      const m = L.map(box.current, { zoomControl: false, attributionControl: false, keyboard: false, scrollWheelZoom: false, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false });
      drawn = m;
      L.tileLayer(map.tiles, { maxZoom: 18, className: 'board-tiles', ...(map.subdomains.length > 0 ? { subdomains: map.subdomains } : {}) }).addTo(m);
      const orders = new Map(board.orders.map((o) => [o.id, o]));
      const all: [number, number][] = [];
      for (const r of rows) {
        const stops = r.visits.flatMap((v) => {
          const loc = orders.get(v.orderId)?.location;
          return loc ? [onTiles(map, loc)] : [];
        });
        if (stops.length === 0) continue;
        const home = r.tech.home ? onTiles(map, r.tech.home) : null;
        const path = [...(home ? [home] : []), ...stops, ...(home ? [home] : [])];
        L.polyline(path, { color: r.colour, weight: 3, opacity: 0.85, interactive: false, className: 'board-route' }).addTo(m);
        if (home) L.circleMarker(home, { radius: 6, color: r.colour, weight: 3, fillColor: '#fff', fillOpacity: 1, interactive: false }).addTo(m);
        for (const at of stops) L.circleMarker(at, { radius: 8, color: '#fff', weight: 2, fillColor: r.colour, fillOpacity: 1, interactive: false, className: 'board-stop' }).addTo(m);
        all.push(...path);
      }
      for (const o of unassigned) {
        const at = onTiles(map, o.location!);
        L.circleMarker(at, { radius: 7, color: '#333', weight: 2, fillColor: '#fff', fillOpacity: 1, dashArray: '2 2', interactive: false, className: 'board-unplanned' }).addTo(m);
        all.push(at);
      }
      m.invalidateSize();
      if (all.length > 0) m.fitBounds(L.latLngBounds(all), { padding: [24, 24], maxZoom: 15 });
      else m.setView([31.23, 121.47], 11);
    });
    return () => {
      gone = true;
      drawn?.remove();
    };
    // rows and unassigned follow from board and routes.
  }, [board, routes]);

  return (
    <figure className="tile-map">
      <div ref={box} className="tile-map-box" aria-hidden="true" data-tiles={map.tiles} />
      <figcaption className="muted small">
        <span className="visually-hidden">{t('board.plotOf', { title, visits: visited.size, unassigned: unassigned.length })} </span>
        {t('board.mapKey')}
        {map.attribution && <span className="map-attribution"> {t('board.tilesBy', { attribution: map.attribution })}</span>}
      </figcaption>
    </figure>
  );
}

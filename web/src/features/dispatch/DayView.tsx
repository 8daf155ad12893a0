// A provider's day drawn two ways: a timeline per technician (visits as blocks, the travel before
// each, the appointment or wished window under it, working periods behind) and a plot of the
// visits and routes on coordinates: on the tile server's map when one is set (TileMap), else
// longitude and latitude scaled to the box.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { locale, nameOf } from '../../shared/format';
import type { Board, BoardOrder } from './api';
import { TileMap } from './TileMap';

export type DayVisit = { orderId: string; technicianId: string; sequence: number; start: string; end: string; travelSeconds: number };

// Dark enough for white text (WCAG AA), and told apart on the plot.
const palette = ['#1f5f99', '#b3401c', '#2e7d32', '#6a3d9a', '#8c6d00', '#00796b', '#ad1457', '#4e5d6c', '#5d4037', '#283593', '#7a4f01', '#006064'];
export const colourOf = (index: number) => palette[index % palette.length];

const HOUR = 3_600_000;

/** "09:30" in the provider's time zone. */
export function clock(iso: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(new Date(iso));
}

export function minutes(seconds: number): string {
  return String(Math.round(seconds / 60));
}

/** Visits per technician in order; the technicians in the board's order, each with a colour. */
function lanes(board: Board, visits: DayVisit[]) {
  return board.technicians.map((tech, i) => ({
    tech,
    colour: colourOf(i),
    visits: visits.filter((v) => v.technicianId === tech.id).sort((a, b) => a.sequence - b.sequence),
  }));
}

export function unassignedOrders(board: Board, visits: DayVisit[]): BoardOrder[] {
  const visited = new Set(visits.map((v) => v.orderId));
  return board.orders.filter((o) => !visited.has(o.id));
}

/** A drop on a technician's row: the order dragged there and the start its place on the row means. */
export type OnDrop = (orderId: string, technicianId: string, start: number) => void;
const QUARTER = 15 * 60_000;

export function DayView({ board, visits, title, onDrop }: { board: Board; visits: DayVisit[]; title: string; onDrop?: OnDrop }) {
  const { t } = useTranslation();
  const rows = lanes(board, visits);
  return (
    <div className="day-view">
      <ul className="legend" aria-label={t('board.legend')}>
        {rows.map((r) => (
          <li key={r.tech.id}>
            <span className="swatch" style={{ background: r.colour }} aria-hidden="true" /> {nameOf(r.tech)}{' '}
            <span className="muted">{r.tech.shifts.length === 0 ? t('board.off') : t('board.visitCount', { count: r.visits.length })}</span>
          </li>
        ))}
        <li>
          <span className="swatch unassigned-mark" aria-hidden="true" /> {t('board.unassigned')}
        </li>
      </ul>
      <div className="day-grid">
        <TimelineLanes board={board} rows={rows} title={title} onDrop={onDrop} />
        {board.map ? <TileMap board={board} rows={rows} title={title} /> : <DayPlot board={board} rows={rows} title={title} />}
      </div>
    </div>
  );
}

function TimelineLanes({ board, rows, title, onDrop }: { board: Board; rows: ReturnType<typeof lanes>; title: string; onDrop?: OnDrop }) {
  const { t } = useTranslation();
  const orders = new Map(board.orders.map((o) => [o.id, o]));
  const day = Date.parse(board.dayStart);
  // From the first working hour (or visit) to the last, whole hours; 08:00–18:00 when the day is
  // empty. A long drive before the first visit is cut at the left edge.
  const times = rows.flatMap((r) => [...r.tech.shifts.flatMap((s) => [Date.parse(s.from), Date.parse(s.to)]), ...r.visits.flatMap((v) => [Date.parse(v.start), Date.parse(v.end)])]);
  const from = times.length ? Math.floor((Math.min(...times) - day) / HOUR) * HOUR + day : day + 8 * HOUR;
  const to = times.length ? Math.ceil((Math.max(...times) - day) / HOUR) * HOUR + day : day + 18 * HOUR;
  const span = Math.max(to - from, HOUR);
  const pct = (ms: number) => `${(((Math.max(ms, from) - from) / span) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `${((Math.max(Math.min(b, to) - Math.max(a, from), 0) / span) * 100).toFixed(3)}%`;
  const hours = Array.from({ length: Math.round(span / HOUR) + 1 }, (_, k) => from + k * HOUR);
  // A label every hour when there is room for it, every second or third hour on a long day.
  const every = hours.length > 14 ? 3 : hours.length > 8 ? 2 : 1;
  return (
    <section className="timeline-board" aria-label={t('board.timelineOf', { title })}>
      <div className="lane hours" aria-hidden="true">
        <span className="lane-name" />
        <div className="track">
          {hours.filter((_, k) => k % every === 0).map((h) => (
            <span key={h} className="hour" style={{ left: pct(h) }}>
              {clock(h, board.timeZone)}
            </span>
          ))}
        </div>
      </div>
      <ul className="lanes">
        {rows.map((r) => (
          <li key={r.tech.id} className={`lane${r.tech.shifts.length === 0 ? ' off' : ''}`}>
            <span className="lane-name">
              <span className="swatch" style={{ background: r.colour }} aria-hidden="true" /> {nameOf(r.tech)}
            </span>
            <div
              className={`track${onDrop ? ' droppable' : ''}`}
              data-technician={r.tech.id}
              onDragOver={onDrop ? (e) => e.preventDefault() : undefined}
              onDrop={
                onDrop
                  ? (e) => {
                      e.preventDefault();
                      const orderId = e.dataTransfer.getData('text/plain');
                      const box = e.currentTarget.getBoundingClientRect();
                      // The place on the row is the start, to the quarter hour.
                      const at = from + ((e.clientX - box.left) / Math.max(box.width, 1)) * span;
                      if (orderId) onDrop(orderId, r.tech.id, Math.round(at / QUARTER) * QUARTER);
                    }
                  : undefined
              }
            >
              {r.tech.shifts.map((s) => (
                <span key={s.from} className="shift" style={{ left: pct(Date.parse(s.from)), width: width(Date.parse(s.from), Date.parse(s.to)) }} aria-hidden="true" />
              ))}
              {hours.map((h) => (
                <span key={h} className="tick" style={{ left: pct(h) }} aria-hidden="true" />
              ))}
              {r.visits.map((v) => {
                const o = orders.get(v.orderId);
                const start = Date.parse(v.start);
                const end = Date.parse(v.end);
                const label = t('board.visitLabel', { n: v.sequence, number: o?.number ?? v.orderId, from: clock(start, board.timeZone), to: clock(end, board.timeZone), travel: minutes(v.travelSeconds) });
                return (
                  <span key={v.orderId}>
                    {v.travelSeconds > 0 && <span className="travel" style={{ left: pct(start - v.travelSeconds * 1000), width: width(start - v.travelSeconds * 1000, start) }} aria-hidden="true" />}
                    {o?.windowFrom && o.windowTo && (
                      <span className={`window ${o.windowKind ?? ''}`} style={{ left: pct(Date.parse(o.windowFrom)), width: width(Date.parse(o.windowFrom), Date.parse(o.windowTo)) }} aria-hidden="true" />
                    )}
                    <Link
                      className="visit"
                      to={`/app/orders/${v.orderId}`}
                      draggable={onDrop ? true : undefined}
                      onDragStart={onDrop ? (e) => e.dataTransfer.setData('text/plain', v.orderId) : undefined}
                      style={{ left: pct(start), width: width(start, end), background: r.colour }} aria-label={label} title={label}>
                      {v.sequence}
                    </Link>
                  </span>
                );
              })}
              {r.tech.shifts.length === 0 && <span className="off-note">{t('board.off')}</span>}
            </div>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('board.timelineKey')}</p>
    </section>
  );
}

function DayPlot({ board, rows, title }: { board: Board; rows: ReturnType<typeof lanes>; title: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const orders = new Map(board.orders.map((o) => [o.id, o]));
  const visited = new Set(rows.flatMap((r) => r.visits.map((v) => v.orderId)));
  const points = [...board.orders.flatMap((o) => (o.location ? [o.location] : [])), ...board.technicians.flatMap((x) => (x.home ? [x.home] : []))];
  const W = 640;
  const H = 440;
  const pad = 28;
  if (points.length === 0) return <p className="state empty">{t('board.nothingToPlot')}</p>;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  // Equirectangular: a degree of longitude is shorter by cos(latitude), so the city keeps its shape.
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * kx, 1e-4);
  const spanY = Math.max(maxLat - minLat, 1e-4);
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const offX = (W - spanX * scale) / 2;
  const offY = (H - spanY * scale) / 2;
  const xy = (p: [number, number]) => [offX + (p[0] - minLng) * kx * scale, offY + (maxLat - p[1]) * scale] as const;
  const unassigned = board.orders.filter((o) => !visited.has(o.id) && o.location);
  return (
    <figure className="plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t('board.plotOf', { title, visits: visited.size, unassigned: unassigned.length })}</title>
        <rect x="0" y="0" width={W} height={H} className="plot-bg" />
        {rows.map((r) => {
          const stops = r.visits.flatMap((v) => {
            const loc = orders.get(v.orderId)?.location;
            return loc ? [{ v, at: xy(loc) }] : [];
          });
          if (stops.length === 0) return null;
          const home = r.tech.home ? xy(r.tech.home) : null;
          const path = [...(home ? [home] : []), ...stops.map((s) => s.at), ...(home ? [home] : [])];
          return (
            <g key={r.tech.id}>
              <polyline points={path.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')} fill="none" stroke={r.colour} strokeWidth="2.5" strokeOpacity="0.85" strokeLinejoin="round" />
              {home && <rect x={home[0] - 6} y={home[1] - 6} width="12" height="12" fill="#fff" stroke={r.colour} strokeWidth="3" />}
              {stops.map(({ v, at: [x, y] }) => (
                <g key={v.orderId}>
                  <circle cx={x} cy={y} r="9" fill={r.colour} />
                  <text x={x} y={y + 4} textAnchor="middle" className="stop-label">
                    {v.sequence}
                  </text>
                </g>
              ))}
            </g>
          );
        })}
        {unassigned.map((o) => {
          const [x, y] = xy(o.location!);
          return <path key={o.id} d={`M${x} ${y - 9} L${x + 9} ${y} L${x} ${y + 9} L${x - 9} ${y} Z`} className="unassigned-point" />;
        })}
        {board.orders
          .filter((o) => o.approximate && o.location)
          .map((o) => {
            const [x, y] = xy(o.location!);
            return <circle key={`approx-${o.id}`} cx={x} cy={y} r="15" fill="none" stroke="#555" strokeWidth="1.5" strokeDasharray="3 3" />;
          })}
      </svg>
      <figcaption className="muted small">
        {t('board.plotKey')}
        {board.orders.some((o) => o.approximate) && ` ${t('board.approximateKey')}`}
      </figcaption>
    </figure>
  );
}

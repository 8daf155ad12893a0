// Bar charts (ECharts, drawn as SVG), each with its numbers as a table for screen readers and for
// copying. Only the pages that chart import this module, so ECharts stays out of the first load.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { businessTime, count } from './format';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type Series = { name: string; values: number[]; color: string };
/** Drill-down: the bar (label and series) a reader chose, on the chart or as a button in its table. */
export type Pick = (labelIndex: number, seriesIndex: number) => void;

/**
 * Bars per label; several series stack (shares add up to a whole). `table` replaces the plain
 * fallback table when the page has more to show than the charted numbers.
 */
export function ChartCard({ title, labels, series, horizontal = false, percent = false, table, onPick }: { title: string; labels: string[]; series: Series[]; horizontal?: boolean; percent?: boolean; table?: ReactNode; onPick?: Pick }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const stacked = series.length > 1;
  // The latest handler, read at click time: a new function each render need not redraw the chart.
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, null, { renderer: 'svg' });
    const category = { type: 'category' as const, data: labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : 40 } };
    const value = percent ? { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value' as const, minInterval: 1 };
    chart.setOption({
      aria: { enabled: true },
      color: series.map((s) => s.color),
      tooltip: { trigger: 'axis' },
      legend: stacked ? { top: 0 } : undefined,
      grid: { left: horizontal ? 120 : 48, right: 16, top: stacked ? 36 : 16, bottom: horizontal ? 32 : 90 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, stack: stacked ? 'all' : undefined })),
    });
    if (pick.current) chart.on('click', (p) => pick.current?.(p.dataIndex, p.seriesIndex ?? 0));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
    // The arrays are new on every render; redraw only when what they hold changes.
  }, [JSON.stringify([labels, series]), horizontal, percent, !onPick]);
  return (
    <figure className="card chart">
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <div ref={el} className={onPick ? 'chart-box pickable' : 'chart-box'} style={{ height: Math.max(260, horizontal ? labels.length * 28 + 60 : 320) }} />
      <details>
        <summary>{t('dashboard.asTable')}</summary>
        {table ?? (
          <table>
            {stacked && (
              <thead>
                <tr>
                  <td />
                  {series.map((s) => (
                    <th key={s.name} scope="col">
                      {s.name}
                    </th>
                  ))}
                </tr>
              </thead>
            )}
            <tbody>
              {labels.map((l, i) => (
                <tr key={l}>
                  <th scope="row">{l}</th>
                  {series.map((s, j) => (
                    <td key={s.name}>{onPick ? <PickButton label={`${l}, ${s.name}`} onClick={() => onPick(i, j)}>{count(s.values[i])}</PickButton> : count(s.values[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </figure>
  );
}

/** A figure that opens the orders behind it. */
export function PickButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    // The figure stays the visible name's start (what a voice user says); what it opens follows, unseen.
    <button type="button" className="link" onClick={onClick}>
      <span className="n">{children}</span>
      <span className="visually-hidden"> {t('dashboard.showOrders', { what: label })}</span>
    </button>
  );
}

const outcomeColours = { beaten: '#1e6b34', kept: '#0f5c8a', broken: '#a4161a' } as const;

/** A row of the promise report (GET /promises/report): what the outcome chart draws and tabulates. */
export type OutcomeRow = {
  key: string | null;
  met: number;
  beaten: number;
  kept: number;
  broken: number;
  shareBeaten: number;
  shareKept: number;
  shareBroken: number;
  medianMarginMinutes: number | null;
  p90MarginMinutes: number | null;
};

/** Shares beaten/kept/broken per group as stacked bars; the table has the counts and the margins too. */
export function OutcomeChart<R extends OutcomeRow>({ title, rows, label, horizontal = false, onPick }: { title: string; rows: R[]; label: (r: R) => string; horizontal?: boolean; onPick?: Pick }) {
  const { t } = useTranslation();
  const labels = rows.map(label);
  const pct = (n: number) => Math.round(n * 1000) / 10;
  const margin = (m: number | null) => (m === null ? '—' : `${m < 0 ? '−' : ''}${businessTime(m, t)}`);
  return (
    <ChartCard
      title={title}
      labels={labels}
      horizontal={horizontal}
      percent
      onPick={onPick}
      series={(['beaten', 'kept', 'broken'] as const).map((k) => ({
        name: t(`promise.mark.${k}`),
        color: outcomeColours[k],
        values: rows.map((r) => pct(k === 'beaten' ? r.shareBeaten : k === 'kept' ? r.shareKept : r.shareBroken)),
      }))}
      table={
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <td />
                <th scope="col">{t('promiseReport.met')}</th>
                <th scope="col">{t('promise.mark.beaten')}</th>
                <th scope="col">{t('promise.mark.kept')}</th>
                <th scope="col">{t('promise.mark.broken')}</th>
                <th scope="col">{t('promiseReport.median')}</th>
                <th scope="col">{t('promiseReport.p90')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key ?? `none-${i}`}>
                  <th scope="row">{labels[i]}</th>
                  <td>{count(r.met)}</td>
                  {(['beaten', 'kept', 'broken'] as const).map((k, j) => {
                    const text = `${count(r[k])} (${pct(k === 'beaten' ? r.shareBeaten : k === 'kept' ? r.shareKept : r.shareBroken)}%)`;
                    return <td key={k}>{onPick ? <PickButton label={`${labels[i]}, ${t(`promise.mark.${k}`)}`} onClick={() => onPick(i, j)}>{text}</PickButton> : text}</td>;
                  })}
                  <td>{margin(r.medianMarginMinutes)}</td>
                  <td>{margin(r.p90MarginMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}

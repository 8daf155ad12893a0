import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { get, query } from '../api';
import { Async, useLoad } from '../ui';
import { count } from '../format';
import { statuses } from './Orders';
import type { Order, Page, Provider } from '../types';

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

const openStatuses = 'dispatched,assigned,booked,on_site,work_done,on_hold';
const total = (path: string) => get<Page<Order>>(path).then((p) => p.total);

/** The manager's first look: orders by state, and the open load per provider, from the orders list. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const state = useLoad(async () => {
    const providers = await get<{ items: Provider[] }>('/providers').then((r) => r.items);
    const [byStatus, byProvider] = await Promise.all([
      Promise.all(statuses.map(async (s) => ({ status: s, n: await total(`/work-orders${query({ status: s, limit: 1 })}`) }))),
      Promise.all(providers.map(async (p) => ({ provider: p, n: await total(`/work-orders${query({ providerId: p.id, status: openStatuses, limit: 1 })}`) }))),
    ]);
    return { byStatus, byProvider: byProvider.sort((a, b) => b.n - a.n) };
  }, []);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <Async state={state}>
        {({ byStatus, byProvider }) => {
          const all = byStatus.reduce((s, x) => s + x.n, 0);
          const open = byStatus.filter((x) => openStatuses.split(',').includes(x.status)).reduce((s, x) => s + x.n, 0);
          const waiting = byStatus.find((x) => x.status === 'awaiting_dispatch')?.n ?? 0;
          return (
            <>
              <div className="figures">
                <Figure label={t('dashboard.all')} value={all} />
                <Figure label={t('dashboard.open')} value={open} />
                <Figure label={t('dashboard.awaiting')} value={waiting} />
              </div>
              <div className="grid2">
                <ChartCard
                  key={`s-${i18n.language}`}
                  title={t('dashboard.byState')}
                  labels={byStatus.map((x) => t(`status.${x.status}`))}
                  values={byStatus.map((x) => x.n)}
                  valueName={t('dashboard.orders')}
                />
                <ChartCard
                  key={`p-${i18n.language}`}
                  title={t('dashboard.byProvider')}
                  labels={byProvider.map((x) => x.provider.name)}
                  values={byProvider.map((x) => x.n)}
                  valueName={t('dashboard.openOrders')}
                  horizontal
                />
              </div>
            </>
          );
        }}
      </Async>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="figure card">
      <span className="figure-value">{count(value)}</span>
      <span>{label}</span>
    </div>
  );
}

/** A bar chart, with the same numbers as a table for screen readers and for copying. */
function ChartCard({ title, labels, values, valueName, horizontal = false }: { title: string; labels: string[]; values: number[]; valueName: string; horizontal?: boolean }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, null, { renderer: 'svg' });
    const category = { type: 'category' as const, data: labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : 40 } };
    const value = { type: 'value' as const, minInterval: 1 };
    chart.setOption({
      aria: { enabled: true },
      color: ['#0f5c8a'],
      tooltip: { trigger: 'axis' },
      grid: { left: horizontal ? 120 : 48, right: 16, top: 16, bottom: horizontal ? 32 : 90 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: [{ type: 'bar', name: valueName, data: values }],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
    // The arrays are new on every render; redraw only when what they hold changes.
  }, [JSON.stringify([labels, values]), valueName, horizontal]);
  return (
    <figure className="card chart">
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <div ref={el} className="chart-box" style={{ height: Math.max(260, horizontal ? labels.length * 28 + 60 : 320) }} />
      <details>
        <summary>{t('dashboard.asTable')}</summary>
        <table>
          <tbody>
            {labels.map((l, i) => (
              <tr key={l}>
                <th scope="row">{l}</th>
                <td>{count(values[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

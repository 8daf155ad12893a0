import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ChartCard, OutcomeChart, PickButton } from '../../shared/charts';
import { Async, Empty, Pager, StatusBadge, useLoad } from '../../shared/ui';
import { count, dateTime, monthName, monthStart, nameOf } from '../../shared/format';
import { listProviders } from '../network/api';
import { promiseReport, promiseReportOrders } from '../promises/api';
import { orderStatuses as statuses } from '../work-orders';
import { listOrders, orderCounts, type OrderQuery, type OrderStatus } from '../work-orders/api';

const brand = '#0f5c8a';
const openStatuses: OrderStatus[] = ['dispatched', 'assigned', 'booked', 'on_site', 'work_done', 'on_hold'];
const outcomes = ['beaten', 'kept', 'broken'] as const;
const pageSize = 20;

/** What a drill-down lists: orders by the list's filter, or the orders behind a promise figure. */
type Drill =
  | { title: string; kind: 'orders'; q: OrderQuery }
  | { title: string; kind: 'promises'; q: { from: string; to: string; outcome: (typeof outcomes)[number]; providerId?: string } };

/** The day after an ISO date (YYYY-MM-DD): the promise report's `to` is exclusive. */
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** A local day's first and last instant, as ISO date-times (orders opened on those days). */
const startOf = (d: string) => new Date(`${d}T00:00:00`).toISOString();
const endOf = (d: string) => new Date(`${d}T23:59:59.999`).toISOString();

/**
 * The manager's first look: orders by state, the open load per provider, and the promises met by
 * month, for a date range (orders opened then; promises met then) and one provider or all. Every
 * figure and bar opens the orders behind it. One counting request (GET /work-orders/counts)
 * replaces the request per state and per provider the page used to make.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const providerId = params.get('provider') ?? '';
  const [drill, setDrill] = useState<Drill | null>(null);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setDrill(null);
  };
  const created = { createdFrom: from ? startOf(from) : undefined, createdTo: to ? endOf(to) : undefined, providerId: providerId || undefined };
  const promiseRange = { from: from || monthStart(5), to: to ? dayAfter(to) : monthStart(-1) };
  const providers = useLoad(() => listProviders().then((r) => r.items), []);
  const state = useLoad(async () => {
    const [counts, promisesByMonth] = await Promise.all([
      orderCounts(created).then((r) => r.items),
      promiseReport({ by: 'period', ...promiseRange, providerId: providerId || undefined }).then((r) => r.rows),
    ]);
    const byStatus = statuses.map((s) => ({ status: s, n: counts.filter((c) => c.status === s).reduce((a, c) => a + c.n, 0) }));
    const open = new Map<string, number>();
    for (const c of counts) if (c.providerId && openStatuses.includes(c.status)) open.set(c.providerId, (open.get(c.providerId) ?? 0) + c.n);
    const byProvider = [...open].map(([id, n]) => ({ id, n })).sort((a, b) => b.n - a.n);
    return { byStatus, byProvider, promisesByMonth };
  }, [from, to, providerId]);
  const providerName = (id: string) => {
    const p = providers.data?.find((x) => x.id === id);
    return p ? nameOf(p) : id.slice(0, 8);
  };
  const pickOrders = useCallback((title: string, q: OrderQuery) => setDrill({ title, kind: 'orders', q: { ...q, createdFrom: created.createdFrom, createdTo: created.createdTo } }), [from, to]);

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <form className="filters" aria-label={t('dashboard.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('dashboard.from')}
          <input type="date" value={from} max={to || undefined} onChange={(e) => setFilter('from', e.target.value)} />
        </label>
        <label>
          {t('dashboard.to')}
          <input type="date" value={to} min={from || undefined} onChange={(e) => setFilter('to', e.target.value)} />
        </label>
        <label>
          {t('dashboard.provider')}
          <select value={providerId} onChange={(e) => setFilter('provider', e.target.value)}>
            <option value="">{t('dashboard.allProviders')}</option>
            {providers.data?.map((p) => <option key={p.id} value={p.id}>{nameOf(p)}</option>)}
          </select>
        </label>
        {(from || to || providerId) && (
          <button type="button" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('dashboard.clear')}
          </button>
        )}
      </form>
      <Async state={state}>
        {({ byStatus, byProvider, promisesByMonth }) => {
          const all = byStatus.reduce((s, x) => s + x.n, 0);
          const open = byStatus.filter((x) => openStatuses.includes(x.status)).reduce((s, x) => s + x.n, 0);
          const waiting = byStatus.find((x) => x.status === 'awaiting_dispatch')?.n ?? 0;
          const scoped = providerId ? { providerId } : {};
          return (
            <>
              <div className="figures">
                <Figure label={t('dashboard.all')} value={all} onPick={() => pickOrders(t('dashboard.all'), { ...scoped })} />
                <Figure label={t('dashboard.open')} value={open} onPick={() => pickOrders(t('dashboard.open'), { ...scoped, status: openStatuses.join(',') })} />
                <Figure label={t('dashboard.awaiting')} value={waiting} onPick={() => pickOrders(t('dashboard.awaiting'), { ...scoped, status: 'awaiting_dispatch' })} />
              </div>
              <div className="grid2">
                <ChartCard
                  key={`s-${i18n.language}`}
                  title={t('dashboard.byState')}
                  labels={byStatus.map((x) => t(`status.${x.status}`))}
                  series={[{ name: t('dashboard.orders'), values: byStatus.map((x) => x.n), color: brand }]}
                  onPick={(i) => pickOrders(t(`status.${byStatus[i].status}`), { ...scoped, status: byStatus[i].status })}
                />
                <ChartCard
                  key={`p-${i18n.language}-${providers.data ? 1 : 0}`}
                  title={t('dashboard.byProvider')}
                  labels={byProvider.map((x) => providerName(x.id))}
                  series={[{ name: t('dashboard.openOrders'), values: byProvider.map((x) => x.n), color: brand }]}
                  horizontal
                  onPick={(i) => pickOrders(`${providerName(byProvider[i].id)} · ${t('dashboard.openOrders')}`, { providerId: byProvider[i].id, status: openStatuses.join(',') })}
                />
              </div>
              <OutcomeChart
                key={`m-${i18n.language}`}
                title={from || to ? t('dashboard.promisesInRange') : t('dashboard.promises')}
                rows={promisesByMonth}
                label={(r) => (r.key ? monthName(r.key) : '—')}
                onPick={(i, j) => {
                  const key = promisesByMonth[i].key;
                  if (!key) return;
                  // The month, within the range asked.
                  const monthFrom = `${key}-01`;
                  const [y, m] = key.split('-').map(Number);
                  const monthTo = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
                  const q = { from: monthFrom > promiseRange.from ? monthFrom : promiseRange.from, to: monthTo < promiseRange.to ? monthTo : promiseRange.to, outcome: outcomes[j], providerId: providerId || undefined };
                  setDrill({ title: `${monthName(key)} · ${t(`promise.mark.${outcomes[j]}`)}`, kind: 'promises', q });
                }}
              />
            </>
          );
        }}
      </Async>
      {drill && <DrillDown key={JSON.stringify(drill)} drill={drill} onClose={() => setDrill(null)} />}
    </section>
  );
}

function Figure({ label, value, onPick }: { label: string; value: number; onPick: () => void }) {
  return (
    <div className="figure card">
      <span className="figure-value">
        <PickButton label={label} onClick={onPick}>
          {count(value)}
        </PickButton>
      </span>
      <span>{label}</span>
    </div>
  );
}

/** The orders behind the figure chosen, each linking to its page. */
function DrillDown({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const rows = useLoad(async () => {
    if (drill.kind === 'orders') {
      const page = await listOrders({ ...drill.q, limit: pageSize, offset });
      return { total: page.total, items: page.items.map((o) => ({ id: o.id, number: o.number, status: o.status as OrderStatus, note: dateTime(o.createdAt) })) };
    }
    const page = await promiseReportOrders({ ...drill.q, limit: pageSize, offset });
    return { total: page.total, items: page.items.map((o) => ({ id: o.orderId, number: o.number, status: o.status as OrderStatus, note: `${t(`promise.milestone.${o.milestone}`)} · ${dateTime(o.metAt)}` })) };
  }, [offset]);
  return (
    <section className="card drill" aria-labelledby="drill-title">
      <header className="row">
        <h2 id="drill-title" tabIndex={-1} ref={(el) => el?.focus()}>
          {t('dashboard.ordersOf', { what: drill.title })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('dashboard.closeDrill')}
        </button>
      </header>
      <Async state={rows}>
        {({ total, items }) =>
          items.length === 0 ? (
            <Empty>{t('dashboard.noOrders')}</Empty>
          ) : (
            <>
              <p>{t('dashboard.drillTotal', { n: count(total) })}</p>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.number')}</th>
                      <th scope="col">{t('dashboard.state')}</th>
                      <th scope="col">{drill.kind === 'orders' ? t('dashboard.opened') : t('dashboard.met')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((o, i) => (
                      <tr key={`${o.id}-${i}`}>
                        <td>
                          <Link to={`/app/orders/${o.id}`}>{o.number}</Link>
                        </td>
                        <td>
                          <StatusBadge status={o.status} />
                        </td>
                        <td>{o.note}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={total} limit={pageSize} offset={offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
    </section>
  );
}

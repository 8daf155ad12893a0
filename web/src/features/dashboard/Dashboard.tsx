import { useTranslation } from 'react-i18next';
import { ChartCard, OutcomeChart } from '../../shared/charts';
import { Async, useLoad } from '../../shared/ui';
import { count, monthName, monthStart } from '../../shared/format';
import { listProviders } from '../network/api';
import { promiseReport } from '../promises/api';
import { orderStatuses as statuses } from '../work-orders';
import { listOrders, type OrderQuery } from '../work-orders/api';

const brand = '#0f5c8a';
const openStatuses = 'dispatched,assigned,booked,on_site,work_done,on_hold';
const total = (q: OrderQuery) => listOrders(q).then((p) => p.total);

/** The manager's first look: orders by state, the open load per provider, and the promises of the last six months. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const state = useLoad(async () => {
    const providers = await listProviders().then((r) => r.items);
    const [byStatus, byProvider, promisesByMonth] = await Promise.all([
      Promise.all(statuses.map(async (s) => ({ status: s, n: await total({ status: s, limit: 1 }) }))),
      Promise.all(providers.map(async (p) => ({ provider: p, n: await total({ providerId: p.id, status: openStatuses, limit: 1 }) }))),
      promiseReport({ by: 'period', from: monthStart(5), to: monthStart(-1) }).then((r) => r.rows),
    ]);
    return { byStatus, byProvider: byProvider.sort((a, b) => b.n - a.n), promisesByMonth };
  }, []);
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <Async state={state}>
        {({ byStatus, byProvider, promisesByMonth }) => {
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
                  series={[{ name: t('dashboard.orders'), values: byStatus.map((x) => x.n), color: brand }]}
                />
                <ChartCard
                  key={`p-${i18n.language}`}
                  title={t('dashboard.byProvider')}
                  labels={byProvider.map((x) => x.provider.name)}
                  series={[{ name: t('dashboard.openOrders'), values: byProvider.map((x) => x.n), color: brand }]}
                  horizontal
                />
              </div>
              <OutcomeChart key={`m-${i18n.language}`} title={t('dashboard.promises')} rows={promisesByMonth} label={(r) => (r.key ? monthName(r.key) : '—')} />
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

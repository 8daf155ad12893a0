import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Async, Empty, Pager, StatusBadge, useEveryMinute, useLoad } from '../../shared/ui';
import { dateTime, pick } from '../../shared/format';
import type { OrderStatus } from '../../shared/types';
import { listAtRisk } from './api';

const limit = 25;

/** Orders whose promise is at risk, in the caller's scope (the server scopes them), the soonest deadline first. */
export function AtRiskPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get('offset') ?? 0);
  const state = useLoad(() => listAtRisk({ limit, offset }), [offset]);
  useEveryMinute(state.reload);
  return (
    <section aria-labelledby="at-risk-title">
      <h1 id="at-risk-title">{t('atRisk.title')}</h1>
      <p className="muted">{t('atRisk.intro')}</p>
      <Async state={state}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('atRisk.none')}</Empty>
          ) : (
            <>
              <p className="muted">{t('atRisk.count', { count: page.total })}</p>
              <div className="table-wrap">
                <table className="at-risk">
                  <thead>
                    <tr>
                      <th scope="col">{t('order.number')}</th>
                      <th scope="col">{t('atRisk.mark')}</th>
                      <th scope="col">{t('atRisk.nextDue')}</th>
                      <th scope="col">{t('atRisk.milestones')}</th>
                      <th scope="col">{t('order.status')}</th>
                      <th scope="col">{t('atRisk.where')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((o) => (
                      <tr key={o.orderId}>
                        <td>
                          <Link to={`/app/orders/${o.orderId}`}>{o.number}</Link>
                        </td>
                        <td>
                          <span className={`badge mark-${o.overdue ? 'broken' : 'warning'}`}>{t(o.overdue ? 'promise.mark.broken' : 'promise.mark.warning')}</span>
                        </td>
                        <td>{o.nextDueAt ? <time dateTime={o.nextDueAt}>{dateTime(o.nextDueAt)}</time> : '—'}</td>
                        <td>
                          <ul className="plain compact">
                            {o.milestones.map((m) => (
                              <li key={m.milestone}>
                                {pick(m.name)}: {dateTime(m.dueAt)}
                                {m.overdue && <strong className="late"> · {t('atRisk.overdue')}</strong>}
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>
                          <StatusBadge status={o.status as OrderStatus} />
                        </td>
                        <td>
                          {o.city} · {t(`kind.${o.kind}`, { defaultValue: o.kind })} · {t(`priority.${o.priority}`, { defaultValue: o.priority })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={limit} offset={offset} onOffset={(n) => setParams(n ? { offset: String(n) } : {})} />
            </>
          )
        }
      </Async>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, StatusBadge, useEveryMinute, useLoad } from '../../shared/ui';
import type { OrderStatus } from '../../shared/types';
import { SearchPage } from '../customers';
import { myQueue, recentCustomers } from './api';

/** The agent's landing page: the one search box (as before), then what waits for me and the customers I opened lately. */
export function WorkspacePage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language?.startsWith('zh');
  const queue = useLoad(myQueue, []);
  const recent = useLoad(recentCustomers, []);
  useEveryMinute(queue.reload);
  const when = (iso: string) => new Date(iso).toLocaleString(zh ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <SearchPage />
      <div className="grid2 workspace">
        <section className="card" aria-labelledby="queue-title">
          <h2 id="queue-title">{t('workspace.queue')}</h2>
          <p className="hint">{t('workspace.queueIntro')}</p>
          <Async state={queue}>
            {(q) => (
              <>
                <h3>{t('workspace.orders')}</h3>
                {q.orders.length === 0 ? (
                  <Empty>{t('workspace.noOrders')}</Empty>
                ) : (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('workspace.number')}</th>
                        <th scope="col">{t('workspace.customer')}</th>
                        <th scope="col">{t('workspace.why')}</th>
                        <th scope="col">{t('workspace.since')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.orders.map((o) => (
                        <tr key={o.id}>
                          <td>
                            <Link to={`/app/orders/${o.id}`}>{o.number}</Link>
                          </td>
                          <td>{o.customerName}</td>
                          <td>
                            {zh ? o.whyText.zh : o.whyText.en} <StatusBadge status={o.status as OrderStatus} />
                          </td>
                          <td>{when(o.since)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {q.followUps.length > 0 && (
                  <>
                    <h3>{t('workspace.followUps')}</h3>
                    <ul className="results">
                      {q.followUps.map((f) => (
                        <li key={f.id}>
                          <Link to={`/app/orders/${f.orderId}`}>{f.orderNumber}</Link> <span>{f.customerName}</span>{' '}
                          <span className={f.overdue ? 'badge mark-warning' : 'muted'}>
                            {f.overdue ? t('workspace.overdue') : `${t('workspace.due')} ${when(f.dueAt)}`}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <h3>{t('workspace.complaints')}</h3>
                {q.complaints.length === 0 ? (
                  <Empty>{t('workspace.noComplaints')}</Empty>
                ) : (
                  <ul className="results">
                    {q.complaints.map((k) => (
                      <li key={k.id}>
                        <Link to={`/app/complaints/${k.id}`}>{k.customerName}</Link> <span>{k.text}</span>{' '}
                        <span className="badge">{t(`complaintSeverity.${k.severity}`, { defaultValue: k.severity })}</span>
                        {k.overdue && <span className="badge mark-warning">{t('workspace.overdue')}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </Async>
        </section>
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title">{t('workspace.recent')}</h2>
          <Async state={recent}>
            {(r) =>
              r.items.length === 0 ? (
                <Empty>{t('workspace.noRecent')}</Empty>
              ) : (
                <ul className="results">
                  {r.items.map((c) => (
                    <li key={c.customerId}>
                      <Link to={`/app/customers/${c.customerId}`}>
                        <strong>{c.name}</strong> <span className="muted">{c.number}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )
            }
          </Async>
        </section>
      </div>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Async, Empty, Field, Pager, useLoad } from '../../shared/ui';
import { OrderTable } from './OrderTable';
import { listOrders, type OrderStatus } from './api';

export const statuses: OrderStatus[] = ['intake', 'awaiting_dispatch', 'dispatched', 'assigned', 'booked', 'on_site', 'work_done', 'confirmed', 'followed_up', 'closed', 'cancelled', 'on_hold'];
const limit = 25;

/** Orders this user may see (the server scopes them), filtered by state and a number or phone. */
export function OrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  const state = useLoad(() => listOrders({ status, q, limit, offset }), [status, q, offset]);
  const update = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'offset') next.delete('offset');
    setParams(next);
  };
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t('orders.title')}</h1>
      <div className="filters">
        <Field label={t('order.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => update('status', e.target.value)}>
              <option value="">{t('orders.allStates')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('orders.q')}>
          {(p) => <input {...p} type="search" defaultValue={q} onKeyDown={(e) => e.key === 'Enter' && update('q', e.currentTarget.value.trim())} />}
        </Field>
      </div>
      <Async state={state}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('orders.none')}</Empty>
          ) : (
            <>
              <p className="muted">{t('orders.count', { count: page.total })}</p>
              <OrderTable orders={page.items} />
              <Pager total={page.total} limit={limit} offset={offset} onOffset={(o) => update('offset', String(o))} />
            </>
          )
        }
      </Async>
    </section>
  );
}

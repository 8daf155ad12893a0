import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, query } from '../api';
import { Async, Empty, StatusBadge, useLoad } from '../ui';
import { timeWindow } from '../format';
import type { Order, Page } from '../types';

const open = 'dispatched,assigned,booked,on_site,work_done,on_hold';

/**
 * A technician's orders on a phone: the server shows them only their own. Booked visits first, by
 * start time; then those still to book.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const page = await get<Page<Order>>(`/work-orders${query({ status: open, limit: 100, sort: 'updatedAt' })}`);
    const at = (o: Order) => (o.appointmentFrom ? Date.parse(o.appointmentFrom) : Number.MAX_SAFE_INTEGER);
    return [...page.items].sort((a, b) => at(a) - at(b));
  }, []);
  const today = new Date().toDateString();
  return (
    <section aria-labelledby="today-title">
      <h1 id="today-title">{t('today.title')}</h1>
      <Async state={state}>
        {(orders) =>
          orders.length === 0 ? (
            <Empty>{t('today.none')}</Empty>
          ) : (
            <ul className="cards">
              {orders.map((o) => (
                <li key={o.id} className={o.appointmentFrom && new Date(o.appointmentFrom).toDateString() === today ? 'card today' : 'card'}>
                  <Link to={`/app/orders/${o.id}`} className="card-link">
                    <strong>{o.number}</strong> <StatusBadge status={o.status} />
                  </Link>
                  <p>{o.symptom}</p>
                  <p className="muted">
                    {o.address.district} {o.address.street}
                  </p>
                  <p>{o.appointmentFrom ? timeWindow(o.appointmentFrom, o.appointmentTo) : t('today.notBooked')}</p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

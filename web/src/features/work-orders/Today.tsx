import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, StatusBadge, useLoad } from '../../shared/ui';
import { dateTime, timeWindow } from '../../shared/format';
import { dayVisits } from '../dispatch/api';
import { getOrder, listOrders, type Order, type OrderStatus } from './api';
import { VisitCard } from './VisitCard';

const open = 'dispatched,assigned,booked,on_site,work_done,on_hold';
/** A visit still ahead (or under way): the technician has to go there. */
const ahead = new Set(['assigned', 'booked', 'on_site']);

/**
 * A technician's day on a phone: it opens on the next visit (who, where, when, a call and
 * directions), then today's visits in the order of the applied plan (then booked visits outside
 * it), and below them their other open orders. The server shows them only their own.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [page, day] = await Promise.all([listOrders({ status: open, limit: 100, sort: 'updatedAt' }), dayVisits()]);
    const inRoute = new Set(day.visits.map((v) => v.orderId));
    const at = (o: Order) => (o.appointmentFrom ? Date.parse(o.appointmentFrom) : Number.MAX_SAFE_INTEGER);
    const others = page.items.filter((o) => !inRoute.has(o.id)).sort((a, b) => at(a) - at(b));
    // The next visit: the first of the day's route still ahead, else the soonest booked one.
    const nextId = day.visits.find((v) => ahead.has(v.status))?.orderId ?? others.find((o) => o.appointmentFrom && ahead.has(o.status))?.id ?? null;
    const next = nextId ? (page.items.find((o) => o.id === nextId) ?? (await getOrder(nextId))) : null;
    return { visits: day.visits, others, next };
  }, []);
  return (
    <section aria-labelledby="today-title">
      <h1 id="today-title">{t('today.title')}</h1>
      <Async state={state}>
        {({ visits, others, next }) => (
          <>
            <h2 id="today-next">{t('today.next')}</h2>
            {next ? <VisitCard order={next} headingLevel={3} linkToOrder /> : <Empty>{t('today.nextNone')}</Empty>}
            <h2>{t('today.route')}</h2>
            {visits.length === 0 ? (
              <Empty>{t('today.routeNone')}</Empty>
            ) : (
              <ol className="cards">
                {visits.map((v) => (
                  <li key={v.orderId} className={v.orderId === next?.id ? 'card today next' : 'card today'} aria-current={v.orderId === next?.id ? 'step' : undefined}>
                    <Link to={`/app/orders/${v.orderId}`} className="card-link">
                      <strong>{v.number}</strong> <StatusBadge status={v.status as OrderStatus} />
                    </Link>
                    <p>{v.symptom}</p>
                    <p className="muted">
                      {String(v.address.district ?? '')} {String(v.address.street ?? '')}
                    </p>
                    <p>{v.appointmentFrom ? timeWindow(v.appointmentFrom, v.appointmentTo) : v.plannedStart ? t('today.plannedAround', { time: dateTime(v.plannedStart) }) : t('today.notBooked')}</p>
                  </li>
                ))}
              </ol>
            )}
            <h2>{t('today.others')}</h2>
            {others.length === 0 ? (
              <Empty>{t('today.none')}</Empty>
            ) : (
              <ul className="cards">
                {others.map((o) => (
                  <li key={o.id} className="card">
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
            )}
          </>
        )}
      </Async>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import type { Order } from './api';

export function OrderTable({ orders, link = (o: Order) => `/app/orders/${o.id}` }: { orders: Order[]; link?: (o: Order) => string }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('order.number')}</th>
            <th scope="col">{t('order.status')}</th>
            <th scope="col">{t('order.kind')}</th>
            <th scope="col">{t('order.symptom')}</th>
            <th scope="col">{t('order.created')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={link(o)}>{o.number}</Link>
              </td>
              <td>
                <StatusBadge status={o.status} />
              </td>
              <td>{t(`kind.${o.kind}`)}</td>
              <td>{o.symptom}</td>
              <td>{dateTime(o.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
